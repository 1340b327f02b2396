/** SQLite `RevokeReminderStore`: one due item per (user, old PAT). */
import type { RevokeReminder, RevokeReminderStore } from '../../core/store';
import {
  REVOKE_REMINDER_COLUMNS,
  REVOKE_REMINDER_UPSERT_SET,
  revokeReminderFromRow,
  revokeReminderValues,
  type RevokeReminderRow,
} from '../revoke-reminder-rows';
import { toMs } from '../time';
import type { SqliteContext } from './sqlite-context';

export class SqliteRevokeReminderStore implements RevokeReminderStore {
  private readonly upsertRow;
  private readonly dueRows;
  private readonly listRows;
  private readonly removeRow;

  constructor(private readonly ctx: SqliteContext) {
    const db = ctx.db;
    this.upsertRow = db.prepare<ReturnType<typeof revokeReminderValues>>(
      `INSERT INTO revoke_reminders (${REVOKE_REMINDER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (user_id, pat_id) DO UPDATE SET ${REVOKE_REMINDER_UPSERT_SET}`,
    );
    this.dueRows = db.prepare<[string, number, number], RevokeReminderRow>(
      `SELECT ${REVOKE_REMINDER_COLUMNS} FROM revoke_reminders
       WHERE user_id = ? AND due_at <= ? ORDER BY due_at, pat_id LIMIT ?`,
    );
    this.listRows = db.prepare<[string], RevokeReminderRow>(
      `SELECT ${REVOKE_REMINDER_COLUMNS} FROM revoke_reminders WHERE user_id = ? ORDER BY due_at, pat_id`,
    );
    this.removeRow = db.prepare<[string, string]>(
      'DELETE FROM revoke_reminders WHERE user_id = ? AND pat_id = ?',
    );
  }

  async schedule(item: RevokeReminder): Promise<void> {
    await this.ctx.run(() => this.upsertRow.run(...revokeReminderValues(item)));
  }

  dueFor(userId: string, now: Date, limit: number): Promise<RevokeReminder[]> {
    return this.ctx.run(() => this.dueRows.all(userId, toMs(now), limit).map(revokeReminderFromRow));
  }

  listFor(userId: string): Promise<RevokeReminder[]> {
    return this.ctx.run(() => this.listRows.all(userId).map(revokeReminderFromRow));
  }

  remove(userId: string, patId: string): Promise<boolean> {
    return this.ctx.run(() => this.removeRow.run(userId, patId).changes > 0);
  }
}
