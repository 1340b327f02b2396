/**
 * SQLite `ReminderLedger`. `claim` is ONE statement (insert-if-absent, or take over a stale or
 * own claim; never a `sent` row), so it is atomic across connections and processes.
 */
import type { LedgerEntry, LedgerKey, ReminderLedger } from '../../core/store';
import { ledgerEntryOf, type LedgerRow } from '../rows';
import { toMs } from '../time';
import type { SqliteContext } from './sqlite-context';

interface KeyParams {
  patId: string;
  threshold: string;
  target: string;
}

const KEY_WHERE = 'pat_id = @patId AND threshold = @threshold AND target = @target';

/** `claimed_by` recorded when `markSent` finds no claim (a send nobody claimed first). */
export const UNCLAIMED_SENDER = '(unclaimed)';

function keyParams(key: LedgerKey): KeyParams {
  return { patId: key.patId, threshold: key.threshold, target: key.target };
}

export class SqliteReminderLedger implements ReminderLedger {
  private readonly claimRow;
  private readonly sentRow;
  private readonly releaseRow;
  private readonly one;

  constructor(private readonly ctx: SqliteContext) {
    const db = ctx.db;
    this.claimRow = db.prepare<KeyParams & { claimedBy: string; now: number; staleBefore: number }>(
      `INSERT INTO reminder_ledger (pat_id, threshold, target, status, claimed_by, claimed_at, sent_at)
       VALUES (@patId, @threshold, @target, 'claimed', @claimedBy, @now, NULL)
       ON CONFLICT (pat_id, threshold, target) DO UPDATE SET
         claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at
       WHERE reminder_ledger.status = 'claimed'
         AND (reminder_ledger.claimed_by = excluded.claimed_by OR reminder_ledger.claimed_at <= @staleBefore)`,
    );
    this.sentRow = db.prepare<KeyParams & { at: number; unclaimed: string }>(
      `INSERT INTO reminder_ledger (pat_id, threshold, target, status, claimed_by, claimed_at, sent_at)
       VALUES (@patId, @threshold, @target, 'sent', @unclaimed, @at, @at)
       ON CONFLICT (pat_id, threshold, target) DO UPDATE SET status = 'sent', sent_at = excluded.sent_at`,
    );
    this.releaseRow = db.prepare<KeyParams & { claimedBy: string }>(
      `DELETE FROM reminder_ledger WHERE ${KEY_WHERE} AND status = 'claimed' AND claimed_by = @claimedBy`,
    );
    this.one = db.prepare<KeyParams, LedgerRow>(
      `SELECT pat_id, threshold, target, status, claimed_by, claimed_at, sent_at FROM reminder_ledger
       WHERE ${KEY_WHERE}`,
    );
  }

  /**
   * True when this caller now owns the reminder: no row yet, or a `claimed` row that is this
   * caller's own or at least `staleAfterMs` old. False for a `sent` row or a younger foreign claim.
   */
  claim(key: LedgerKey, claimedBy: string, now: Date, staleAfterMs: number): Promise<boolean> {
    const nowMs = toMs(now);
    return this.ctx.run(
      () =>
        this.claimRow.run({ ...keyParams(key), claimedBy, now: nowMs, staleBefore: nowMs - staleAfterMs })
          .changes === 1,
    );
  }

  /** Marks the reminder sent (final: it is never claimed again); records it even without a claim. */
  async markSent(key: LedgerKey, at: Date): Promise<void> {
    await this.ctx.run(() =>
      this.sentRow.run({ ...keyParams(key), at: toMs(at), unclaimed: UNCLAIMED_SENDER }),
    );
  }

  /** Deletes this caller's unsent claim so the next sweep can claim it; others' claims are untouched. */
  async release(key: LedgerKey, claimedBy: string): Promise<void> {
    await this.ctx.run(() => this.releaseRow.run({ ...keyParams(key), claimedBy }));
  }

  get(key: LedgerKey): Promise<LedgerEntry | null> {
    return this.ctx.run(() => {
      const row = this.one.get(keyParams(key));
      if (!row) return null;
      return ledgerEntryOf(row);
    });
  }
}
