/** SQLite `SnoozeStore`: one "snoozed until" per (user, PAT). */
import type { SnoozeStore } from '../../core/store';
import { fromMs, toMs } from '../time';
import type { SqliteContext } from './sqlite-context';

export class SqliteSnoozeStore implements SnoozeStore {
  private readonly setRow;
  private readonly getRow;
  private readonly clearRow;

  constructor(private readonly ctx: SqliteContext) {
    const db = ctx.db;
    this.setRow = db.prepare<[string, string, number]>(
      `INSERT INTO snoozes (user_id, pat_id, snoozed_until) VALUES (?, ?, ?)
       ON CONFLICT (user_id, pat_id) DO UPDATE SET snoozed_until = excluded.snoozed_until`,
    );
    this.getRow = db.prepare<[string, string], { snoozed_until: number }>(
      'SELECT snoozed_until FROM snoozes WHERE user_id = ? AND pat_id = ?',
    );
    this.clearRow = db.prepare<[string, string]>('DELETE FROM snoozes WHERE user_id = ? AND pat_id = ?');
  }

  async set(userId: string, patId: string, until: Date): Promise<void> {
    await this.ctx.run(() => this.setRow.run(userId, patId, toMs(until)));
  }

  /** The stored time, even when it has passed (the caller compares with its clock). */
  get(userId: string, patId: string): Promise<Date | null> {
    return this.ctx.run(() => {
      const row = this.getRow.get(userId, patId);
      return row ? fromMs(row.snoozed_until) : null;
    });
  }

  async clear(userId: string, patId: string): Promise<void> {
    await this.ctx.run(() => this.clearRow.run(userId, patId));
  }
}
