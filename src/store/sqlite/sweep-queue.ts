/**
 * SQLite `SweepQueue`. SQLite deployments run one instance, but the port behaves as on
 * PostgreSQL: every claim is one `UPDATE … WHERE (sweep_id, user_id) IN (SELECT … LIMIT n)
 * RETURNING` under the database's single writer, so two processes on one file never get the
 * same item, and a claim older than `staleAfterMs` is taken over.
 */
import type { ClaimedSweepItem, SweepProgress, SweepQueue, SweepRun } from '../../core/store';
import { progressOf, SWEEP_RETENTION_MS, sweepRunOf, type SweepRow } from '../sweep-rows';
import { toMs } from '../time';
import type { SqliteContext } from './sqlite-context';

interface ClaimParams {
  sweepId: string;
  holder: string;
  now: number;
  staleBefore: number;
  limit: number;
}

export class SqliteSweepQueue implements SweepQueue {
  private readonly s;

  constructor(private readonly ctx: SqliteContext) {
    const db = ctx.db;
    this.s = {
      oldItems: db.prepare<[number]>(
        `DELETE FROM sweep_items WHERE sweep_id IN (SELECT sweep_id FROM sweeps WHERE opened_at < ?)`,
      ),
      oldSweeps: db.prepare<[number]>('DELETE FROM sweeps WHERE opened_at < ?'),
      insertSweep: db.prepare<[string, number, string, number]>(
        `INSERT INTO sweeps (sweep_id, planned_at, opened_by, opened_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (sweep_id) DO NOTHING`,
      ),
      insertItems: db.prepare<[string]>(
        `INSERT INTO sweep_items (sweep_id, user_id, status, attempts)
         SELECT ?, id, 'pending', 0 FROM users WHERE entra_home_account_id IS NOT NULL
         ON CONFLICT (sweep_id, user_id) DO NOTHING`,
      ),
      latest: db.prepare<[number], SweepRow>(
        `SELECT sweep_id, planned_at, opened_by, opened_at FROM sweeps
         WHERE finished_by IS NULL AND opened_at >= ? ORDER BY opened_at DESC, sweep_id LIMIT 1`,
      ),
      claim: db.prepare<[ClaimParams], { user_id: string; attempts: number }>(
        `UPDATE sweep_items SET status = 'claimed', claimed_by = @holder, claimed_at = @now,
           attempts = attempts + 1
         WHERE sweep_id = @sweepId AND user_id IN (
           SELECT user_id FROM sweep_items WHERE sweep_id = @sweepId
             AND (status = 'pending' OR (status = 'claimed' AND claimed_at <= @staleBefore))
           ORDER BY user_id LIMIT @limit)
         RETURNING user_id, attempts`,
      ),
      complete: db.prepare<[string | null, string, string, string]>(
        `UPDATE sweep_items SET status = 'done', result = ?
         WHERE sweep_id = ? AND user_id = ? AND status = 'claimed' AND claimed_by = ?`,
      ),
      progress: db.prepare<[string], { status: string; n: number }>(
        'SELECT status, COUNT(*) AS n FROM sweep_items WHERE sweep_id = ? GROUP BY status',
      ),
      finish: db.prepare<[string, number, string]>(
        'UPDATE sweeps SET finished_by = ?, finished_at = ? WHERE sweep_id = ? AND finished_by IS NULL',
      ),
      results: db.prepare<[string, string, number], { user_id: string; result: string }>(
        `SELECT user_id, result FROM sweep_items
         WHERE sweep_id = ? AND status = 'done' AND result IS NOT NULL AND user_id > ?
         ORDER BY user_id LIMIT ?`,
      ),
    };
  }

  async open(run: SweepRun): Promise<number> {
    const cutoff = toMs(run.openedAt) - SWEEP_RETENTION_MS;
    return this.ctx.write(() => {
      this.s.oldItems.run(cutoff);
      this.s.oldSweeps.run(cutoff);
      if (
        this.s.insertSweep.run(run.sweepId, toMs(run.plannedAt), run.openedBy, toMs(run.openedAt)).changes ===
        0
      )
        return 0;
      return this.s.insertItems.run(run.sweepId).changes;
    });
  }

  async latestOpen(since: Date): Promise<SweepRun | null> {
    const row = await this.ctx.run(() => this.s.latest.get(toMs(since)));
    return row ? sweepRunOf(row) : null;
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
    const rows = await this.ctx.write(() =>
      this.s.claim.all({
        sweepId,
        holder,
        now: nowMs,
        staleBefore: nowMs - staleAfterMs,
        limit: Math.floor(limit),
      }),
    );
    return rows
      .map((r) => ({ userId: r.user_id, takeover: Number(r.attempts) > 1 }))
      .sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
  }

  async complete(sweepId: string, userId: string, holder: string, result: string | null): Promise<boolean> {
    return this.ctx.run(() => this.s.complete.run(result, sweepId, userId, holder).changes === 1);
  }

  async progress(sweepId: string): Promise<SweepProgress> {
    return progressOf(await this.ctx.run(() => this.s.progress.all(sweepId)));
  }

  async finish(sweepId: string, holder: string, now: Date): Promise<boolean> {
    return this.ctx.run(() => this.s.finish.run(holder, toMs(now), sweepId).changes === 1);
  }

  async results(
    sweepId: string,
    afterUserId: string | null,
    limit: number,
  ): Promise<Array<{ userId: string; result: string }>> {
    const rows = await this.ctx.run(() => this.s.results.all(sweepId, afterUserId ?? '', Math.max(0, limit)));
    return rows.map((r) => ({ userId: r.user_id, result: r.result }));
  }
}
