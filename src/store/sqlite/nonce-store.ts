/**
 * SQLite `NonceStore`. `use` inserts the nonce if absent (first use wins, one statement);
 * expired nonces are purged lazily in the same transaction.
 */
import type { NonceStore } from '../../core/store';
import { toMs } from '../time';
import type { SqliteContext } from './sqlite-context';

export class SqliteNonceStore implements NonceStore {
  private readonly insertRow;
  private readonly purge;

  constructor(private readonly ctx: SqliteContext) {
    const db = ctx.db;
    this.insertRow = db.prepare<[string, number]>(
      'INSERT INTO nonces (nonce, expires_at) VALUES (?, ?) ON CONFLICT (nonce) DO NOTHING',
    );
    this.purge = db.prepare<[number]>('DELETE FROM nonces WHERE expires_at <= ?');
  }

  /**
   * True on the first use while `now` is before `expiresAt`; false when already used or already
   * expired (an expired nonce is never recorded, so purging expired rows cannot re-open one).
   */
  use(nonce: string, expiresAt: Date, now: Date): Promise<boolean> {
    const nowMs = toMs(now);
    const expiresMs = toMs(expiresAt);
    if (expiresMs <= nowMs) return Promise.resolve(false);
    return this.ctx.write(() => {
      this.purge.run(nowMs);
      return this.insertRow.run(nonce, expiresMs).changes === 1;
    });
  }
}
