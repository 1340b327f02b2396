/** Row shapes and mappers the SQLite and PostgreSQL sweep queues share. */
import type { SweepProgress, SweepRun } from '../core/store';
import { fromMs } from './time';

/** Finished sweeps (and their items) older than this are deleted when the next one opens. */
export const SWEEP_RETENTION_MS = 7 * 86_400_000;

export interface SweepRow {
  sweep_id: string;
  planned_at: number;
  opened_by: string;
  opened_at: number;
}

export function sweepRunOf(row: SweepRow): SweepRun {
  return {
    sweepId: row.sweep_id,
    plannedAt: fromMs(row.planned_at),
    openedBy: row.opened_by,
    openedAt: fromMs(row.opened_at),
  };
}

/** Sums `status, n` rows into a progress record. */
export function progressOf(rows: ReadonlyArray<{ status: string; n: number }>): SweepProgress {
  const progress: SweepProgress = { total: 0, pending: 0, claimed: 0, done: 0 };
  for (const row of rows) {
    const n = Number(row.n);
    progress.total += n;
    if (row.status === 'pending' || row.status === 'claimed' || row.status === 'done')
      progress[row.status] += n;
  }
  return progress;
}
