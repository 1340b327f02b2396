/** SQLite `AuditLog`: append-only record of renewals, revocations and sign-ins. */
import { randomUUID } from 'node:crypto';
import type { AuditEntry, AuditLog } from '../../core/store';
import { auditEntryOf, type AuditRow } from '../rows';
import { toMs } from '../time';
import type { SqliteContext } from './sqlite-context';

export class SqliteAuditLog implements AuditLog {
  private readonly insertRow;
  private readonly latest;

  constructor(private readonly ctx: SqliteContext) {
    const db = ctx.db;
    this.insertRow = db.prepare<
      [string, number, string, string, string | null, string | null, string | null, string, string | null]
    >(
      `INSERT INTO audit_log (id, at, user_id, action, org, pat_id, pat_name, outcome, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.latest = db.prepare<[string, number], AuditRow>(
      `SELECT at, user_id, action, org, pat_id, pat_name, outcome, detail FROM audit_log
       WHERE user_id = ? ORDER BY at DESC, id DESC LIMIT ?`,
    );
  }

  async record(entry: AuditEntry): Promise<void> {
    await this.ctx.run(() =>
      this.insertRow.run(
        randomUUID(),
        toMs(entry.at),
        entry.userId,
        entry.action,
        entry.org,
        entry.patId,
        entry.patName,
        entry.outcome,
        entry.detail,
      ),
    );
  }

  /** The user's newest `limit` entries, newest first. */
  list(userId: string, limit: number): Promise<AuditEntry[]> {
    const n = Math.max(0, Math.floor(limit));
    return this.ctx.run(() => this.latest.all(userId, n).map(auditEntryOf));
  }
}
