/**
 * PostgreSQL `ReminderLedger`. `claim` is ONE `INSERT … ON CONFLICT DO UPDATE … WHERE`
 * statement: PostgreSQL locks the conflicting row and re-checks the condition on its newest
 * version, so under READ COMMITTED exactly one of any number of concurrent claimers wins.
 */
import type { LedgerEntry, LedgerKey, ReminderLedger } from '../../core/store';
import { ledgerEntryOf, type LedgerRow } from '../rows';
import { toMs } from '../time';
import { UNCLAIMED_SENDER } from '../sqlite/ledger';
import type { PgContext } from './pg-context';

const KEY_WHERE = 'pat_id = $1 AND threshold = $2 AND target = $3';

function keyParams(key: LedgerKey): string[] {
  return [key.patId, key.threshold, key.target];
}

export class PgReminderLedger implements ReminderLedger {
  constructor(private readonly ctx: PgContext) {}

  /** True when this caller now owns the reminder (no row, its own claim, or a stale foreign claim). */
  async claim(key: LedgerKey, claimedBy: string, now: Date, staleAfterMs: number): Promise<boolean> {
    const nowMs = toMs(now);
    const { rowCount } = await this.ctx.query(
      `INSERT INTO reminder_ledger (pat_id, threshold, target, status, claimed_by, claimed_at, sent_at)
       VALUES ($1, $2, $3, 'claimed', $4, $5, NULL)
       ON CONFLICT (pat_id, threshold, target) DO UPDATE SET
         claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at
       WHERE reminder_ledger.status = 'claimed'
         AND (reminder_ledger.claimed_by = excluded.claimed_by OR reminder_ledger.claimed_at <= $6)`,
      [...keyParams(key), claimedBy, nowMs, nowMs - staleAfterMs],
    );
    return rowCount === 1;
  }

  /** Marks the reminder sent (final); records it even without a claim. */
  async markSent(key: LedgerKey, at: Date): Promise<void> {
    await this.ctx.query(
      `INSERT INTO reminder_ledger (pat_id, threshold, target, status, claimed_by, claimed_at, sent_at)
       VALUES ($1, $2, $3, 'sent', $4, $5, $5)
       ON CONFLICT (pat_id, threshold, target) DO UPDATE SET status = 'sent', sent_at = excluded.sent_at`,
      [...keyParams(key), UNCLAIMED_SENDER, toMs(at)],
    );
  }

  /** Deletes this caller's unsent claim; others' claims and sent rows are untouched. */
  async release(key: LedgerKey, claimedBy: string): Promise<void> {
    await this.ctx.query(
      `DELETE FROM reminder_ledger WHERE ${KEY_WHERE} AND status = 'claimed' AND claimed_by = $4`,
      [...keyParams(key), claimedBy],
    );
  }

  async get(key: LedgerKey): Promise<LedgerEntry | null> {
    const { rows } = await this.ctx.query<LedgerRow>(
      `SELECT pat_id, threshold, target, status, claimed_by, claimed_at, sent_at FROM reminder_ledger
       WHERE ${KEY_WHERE}`,
      keyParams(key),
    );
    const row = rows[0];
    if (!row) return null;
    return ledgerEntryOf(row);
  }
}
