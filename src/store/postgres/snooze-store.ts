/** PostgreSQL `SnoozeStore`: one "snoozed until" per (user, PAT). */
import type { SnoozeStore } from '../../core/store';
import { fromMs, toMs } from '../time';
import type { PgContext } from './pg-context';

export class PgSnoozeStore implements SnoozeStore {
  constructor(private readonly ctx: PgContext) {}

  async set(userId: string, patId: string, until: Date): Promise<void> {
    await this.ctx.query(
      `INSERT INTO snoozes (user_id, pat_id, snoozed_until) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, pat_id) DO UPDATE SET snoozed_until = excluded.snoozed_until`,
      [userId, patId, toMs(until)],
    );
  }

  /** The stored time, even when it has passed (the caller compares with its clock). */
  async get(userId: string, patId: string): Promise<Date | null> {
    const { rows } = await this.ctx.query<{ snoozed_until: number }>(
      'SELECT snoozed_until FROM snoozes WHERE user_id = $1 AND pat_id = $2',
      [userId, patId],
    );
    return rows[0] ? fromMs(rows[0].snoozed_until) : null;
  }

  async clear(userId: string, patId: string): Promise<void> {
    await this.ctx.query('DELETE FROM snoozes WHERE user_id = $1 AND pat_id = $2', [userId, patId]);
  }
}
