/**
 * PostgreSQL `NonceStore`: `use` inserts the nonce if absent (`ON CONFLICT DO NOTHING`, first
 * use wins across instances). Expired nonces are purged lazily first, skipping rows another
 * instance is already deleting (`SKIP LOCKED`), so concurrent purges never wait or deadlock.
 */
import type { NonceStore } from '../../core/store';
import { toMs } from '../time';
import type { PgContext } from './pg-context';

export class PgNonceStore implements NonceStore {
  constructor(private readonly ctx: PgContext) {}

  /** True on the first use while `now` is before `expiresAt`; false when used or expired. */
  async use(nonce: string, expiresAt: Date, now: Date): Promise<boolean> {
    const nowMs = toMs(now);
    const expiresMs = toMs(expiresAt);
    if (expiresMs <= nowMs) return false;
    await this.ctx.query(
      `DELETE FROM nonces WHERE nonce IN (
         SELECT nonce FROM nonces WHERE expires_at <= $1 LIMIT 1000 FOR UPDATE SKIP LOCKED)`,
      [nowMs],
    );
    const { rowCount } = await this.ctx.query(
      'INSERT INTO nonces (nonce, expires_at) VALUES ($1, $2) ON CONFLICT (nonce) DO NOTHING',
      [nonce, expiresMs],
    );
    return rowCount === 1;
  }
}
