/** PostgreSQL `AuditLog`: append-only record of renewals, revocations and sign-ins. */
import { randomUUID } from 'node:crypto';
import type { AuditEntry, AuditLog } from '../../core/store';
import { auditEntryOf, type AuditRow } from '../rows';
import { toMs } from '../time';
import type { PgContext } from './pg-context';

export class PgAuditLog implements AuditLog {
  constructor(private readonly ctx: PgContext) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.ctx.query(
      `INSERT INTO audit_log (id, at, user_id, action, org, pat_id, pat_name, outcome, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        randomUUID(),
        toMs(entry.at),
        entry.userId,
        entry.action,
        entry.org,
        entry.patId,
        entry.patName,
        entry.outcome,
        entry.detail,
      ],
    );
  }

  /** The user's newest `limit` entries, newest first. */
  async list(userId: string, limit: number): Promise<AuditEntry[]> {
    const { rows } = await this.ctx.query<AuditRow>(
      `SELECT at, user_id, action, org, pat_id, pat_name, outcome, detail FROM audit_log
       WHERE user_id = $1 ORDER BY at DESC, id COLLATE "C" DESC LIMIT $2`,
      [userId, Math.max(0, Math.floor(limit))],
    );
    return rows.map(auditEntryOf);
  }
}
