/**
 * PostgreSQL `SweepQueue`. Instances claim batches with one
 * `UPDATE … WHERE (sweep_id, user_id) IN (SELECT … FOR UPDATE SKIP LOCKED LIMIT n) RETURNING`:
 * rows another instance is claiming are skipped, not waited for, so N instances drain one
 * sweep in parallel without ever getting the same item; a claim older than `staleAfterMs`
 * (its instance presumed dead) is claimed again.
 */
import type { ClaimedSweepItem, SweepProgress, SweepQueue, SweepRun } from '../../core/store';
import { progressOf, SWEEP_RETENTION_MS, sweepRunOf, type SweepRow } from '../sweep-rows';
import { toMs } from '../time';
import type { PgContext } from './pg-context';

export class PgSweepQueue implements SweepQueue {
  constructor(private readonly ctx: PgContext) {}

  async open(run: SweepRun): Promise<number> {
    const cutoff = toMs(run.openedAt) - SWEEP_RETENTION_MS;
    return this.ctx.tx(async (query) => {
      await query(
        'DELETE FROM sweep_items WHERE sweep_id IN (SELECT sweep_id FROM sweeps WHERE opened_at < $1)',
        [cutoff],
      );
      await query('DELETE FROM sweeps WHERE opened_at < $1', [cutoff]);
      const opened = await query(
        `INSERT INTO sweeps (sweep_id, planned_at, opened_by, opened_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (sweep_id) DO NOTHING`,
        [run.sweepId, toMs(run.plannedAt), run.openedBy, toMs(run.openedAt)],
      );
      if (opened.rowCount === 0) return 0;
      const items = await query(
        `INSERT INTO sweep_items (sweep_id, user_id, status, attempts)
         SELECT $1, id, 'pending', 0 FROM users WHERE entra_home_account_id IS NOT NULL
         ON CONFLICT (sweep_id, user_id) DO NOTHING`,
        [run.sweepId],
      );
      return items.rowCount;
    });
  }

  async latestOpen(since: Date): Promise<SweepRun | null> {
    const { rows } = await this.ctx.query<SweepRow>(
      `SELECT sweep_id, planned_at, opened_by, opened_at FROM sweeps
       WHERE finished_by IS NULL AND opened_at >= $1 ORDER BY opened_at DESC, sweep_id LIMIT 1`,
      [toMs(since)],
    );
    return rows[0] ? sweepRunOf(rows[0]) : null;
  }

  async claim(
    sweepId: string,
    holder: string,
    now: Date,
    staleAfterMs: number,
    limit: number,
  ): Promise<ClaimedSweepItem[]> {
    if (limit <= 0) return [];
    const nowMs = toMs(now);
    const { rows } = await this.ctx.query<{ user_id: string; attempts: number }>(
      `UPDATE sweep_items SET status = 'claimed', claimed_by = $2, claimed_at = $3, attempts = attempts + 1
       WHERE sweep_id = $1 AND user_id IN (
         SELECT user_id FROM sweep_items WHERE sweep_id = $1
           AND (status = 'pending' OR (status = 'claimed' AND claimed_at <= $4))
         ORDER BY user_id LIMIT $5 FOR UPDATE SKIP LOCKED)
       RETURNING user_id, attempts`,
      [sweepId, holder, nowMs, nowMs - staleAfterMs, Math.floor(limit)],
    );
    return rows
      .map((r) => ({ userId: r.user_id, takeover: Number(r.attempts) > 1 }))
      .sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
  }

  async complete(sweepId: string, userId: string, holder: string, result: string | null): Promise<boolean> {
    const { rowCount } = await this.ctx.query(
      `UPDATE sweep_items SET status = 'done', result = $4
       WHERE sweep_id = $1 AND user_id = $2 AND status = 'claimed' AND claimed_by = $3`,
      [sweepId, userId, holder, result],
    );
    return rowCount === 1;
  }

  async progress(sweepId: string): Promise<SweepProgress> {
    const { rows } = await this.ctx.query<{ status: string; n: number }>(
      'SELECT status, COUNT(*) AS n FROM sweep_items WHERE sweep_id = $1 GROUP BY status',
      [sweepId],
    );
    return progressOf(rows);
  }

  async finish(sweepId: string, holder: string, now: Date): Promise<boolean> {
    const { rowCount } = await this.ctx.query(
      'UPDATE sweeps SET finished_by = $2, finished_at = $3 WHERE sweep_id = $1 AND finished_by IS NULL',
      [sweepId, holder, toMs(now)],
    );
    return rowCount === 1;
  }

  async results(
    sweepId: string,
    afterUserId: string | null,
    limit: number,
  ): Promise<Array<{ userId: string; result: string }>> {
    const { rows } = await this.ctx.query<{ user_id: string; result: string }>(
      `SELECT user_id, result FROM sweep_items
       WHERE sweep_id = $1 AND status = 'done' AND result IS NOT NULL AND user_id > $2
       ORDER BY user_id LIMIT $3`,
      [sweepId, afterUserId ?? '', Math.max(0, limit)],
    );
    return rows.map((r) => ({ userId: r.user_id, result: r.result }));
  }
}
