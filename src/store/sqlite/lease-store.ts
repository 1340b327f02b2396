/**
 * SQLite `LeaseStore`. `tryAcquire` is one upsert that takes a free or expired lease, or renews
 * the caller's own; it changes nothing while someone else's lease is still valid.
 */
import type { LeaseStore } from '../../core/store';
import { toMs } from '../time';
import type { SqliteContext } from './sqlite-context';

export class SqliteLeaseStore implements LeaseStore {
  private readonly acquireRow;
  private readonly releaseRow;

  constructor(private readonly ctx: SqliteContext) {
    const db = ctx.db;
    this.acquireRow = db.prepare<{ name: string; holder: string; now: number; expiresAt: number }>(
      `INSERT INTO leases (name, holder, expires_at) VALUES (@name, @holder, @expiresAt)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE leases.holder = excluded.holder OR leases.expires_at <= @now`,
    );
    this.releaseRow = db.prepare<[string, string]>('DELETE FROM leases WHERE name = ? AND holder = ?');
  }

  /** A lease whose `expires_at` is at or before `now` is free. */
  tryAcquire(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
    const nowMs = toMs(now);
    return this.ctx.run(
      () => this.acquireRow.run({ name, holder, now: nowMs, expiresAt: nowMs + ttlMs }).changes === 1,
    );
  }

  /** Frees the lease if `holder` holds it; someone else's lease is untouched. */
  async release(name: string, holder: string): Promise<void> {
    await this.ctx.run(() => this.releaseRow.run(name, holder));
  }
}
