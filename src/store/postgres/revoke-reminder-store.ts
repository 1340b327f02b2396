/** PostgreSQL `RevokeReminderStore`: one due item per (user, old PAT). */
import type { RevokeReminder, RevokeReminderStore } from '../../core/store';
import {
  REVOKE_REMINDER_COLUMNS,
  REVOKE_REMINDER_UPSERT_SET,
  revokeReminderFromRow,
  revokeReminderValues,
  type RevokeReminderRow,
} from '../revoke-reminder-rows';
import { toMs } from '../time';
import type { PgContext } from './pg-context';

export class PgRevokeReminderStore implements RevokeReminderStore {
  constructor(private readonly ctx: PgContext) {}

  async schedule(item: RevokeReminder): Promise<void> {
    await this.ctx.query(
      `INSERT INTO revoke_reminders (${REVOKE_REMINDER_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (user_id, pat_id) DO UPDATE SET ${REVOKE_REMINDER_UPSERT_SET}`,
      revokeReminderValues(item),
    );
  }

  async dueFor(userId: string, now: Date, limit: number): Promise<RevokeReminder[]> {
    const { rows } = await this.ctx.query<RevokeReminderRow>(
      `SELECT ${REVOKE_REMINDER_COLUMNS} FROM revoke_reminders
       WHERE user_id = $1 AND due_at <= $2 ORDER BY due_at, pat_id LIMIT $3`,
      [userId, toMs(now), limit],
    );
    return rows.map(revokeReminderFromRow);
  }

  async listFor(userId: string): Promise<RevokeReminder[]> {
    const { rows } = await this.ctx.query<RevokeReminderRow>(
      `SELECT ${REVOKE_REMINDER_COLUMNS} FROM revoke_reminders WHERE user_id = $1 ORDER BY due_at, pat_id`,
      [userId],
    );
    return rows.map(revokeReminderFromRow);
  }

  async remove(userId: string, patId: string): Promise<boolean> {
    const result = await this.ctx.query('DELETE FROM revoke_reminders WHERE user_id = $1 AND pat_id = $2', [
      userId,
      patId,
    ]);
    return (result.rowCount ?? 0) > 0;
  }
}
