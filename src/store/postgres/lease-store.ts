/**
 * PostgreSQL `LeaseStore`: `tryAcquire` is one upsert that takes a free or expired lease, or
 * renews the caller's own, and changes nothing while someone else's lease is valid. A row, not
 * an advisory lock, so it survives PgBouncer transaction pooling and instance restarts.
 */
import type { LeaseStore } from '../../core/store';
import { toMs } from '../time';
import type { PgContext } from './pg-context';

export class PgLeaseStore implements LeaseStore {
  constructor(private readonly ctx: PgContext) {}

  /** A lease whose `expires_at` is at or before `now` is free. */
  async tryAcquire(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
    const nowMs = toMs(now);
    const { rowCount } = await this.ctx.query(
      `INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE leases.holder = excluded.holder OR leases.expires_at <= $4`,
      [name, holder, nowMs + ttlMs, nowMs],
    );
    return rowCount === 1;
  }

  /** Frees the lease if `holder` holds it; someone else's lease is untouched. */
  async release(name: string, holder: string): Promise<void> {
    await this.ctx.query('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]);
  }
}
