/**
 * PostgreSQL `EphemeralStore`: one row per key with its expiry. `take` is one
 * `DELETE … RETURNING` (the row lock makes exactly one of concurrent takers see it); expired
 * rows are purged on `put`, skipping rows another instance is already deleting.
 */
import type { EphemeralStore } from '../../core/store';
import { toMs } from '../time';
import type { PgContext } from './pg-context';

export class PgEphemeralStore implements EphemeralStore {
  constructor(private readonly ctx: PgContext) {}

  async put(key: string, value: string, expiresAt: Date, now: Date): Promise<void> {
    const expiresMs = toMs(expiresAt);
    const nowMs = toMs(now);
    await this.ctx.query(
      `DELETE FROM ephemeral WHERE item_key IN (
         SELECT item_key FROM ephemeral WHERE expires_at <= $1 LIMIT 1000 FOR UPDATE SKIP LOCKED)`,
      [nowMs],
    );
    if (expiresMs <= nowMs) {
      await this.delete(key);
      return;
    }
    await this.ctx.query(
      `INSERT INTO ephemeral (item_key, value, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (item_key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
      [key, value, expiresMs],
    );
  }

  async get(key: string, now: Date): Promise<string | null> {
    const { rows } = await this.ctx.query<{ value: string }>(
      'SELECT value FROM ephemeral WHERE item_key = $1 AND expires_at > $2',
      [key, toMs(now)],
    );
    return rows[0]?.value ?? null;
  }

  async take(key: string, now: Date): Promise<string | null> {
    const { rows } = await this.ctx.query<{ value: string; expires_at: number }>(
      'DELETE FROM ephemeral WHERE item_key = $1 RETURNING value, expires_at',
      [key],
    );
    const row = rows[0];
    return row && row.expires_at > toMs(now) ? row.value : null;
  }

  async claim(key: string, value: string, expiresAt: Date, now: Date): Promise<boolean> {
    const expiresMs = toMs(expiresAt);
    const nowMs = toMs(now);
    if (expiresMs <= nowMs) return false;
    // ON CONFLICT locks the existing row and re-checks its expiry: exactly one claimer writes.
    const { rowCount } = await this.ctx.query(
      `INSERT INTO ephemeral (item_key, value, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (item_key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
       WHERE ephemeral.expires_at <= $4`,
      [key, value, expiresMs, nowMs],
    );
    return rowCount === 1;
  }

  async delete(key: string): Promise<void> {
    await this.ctx.query('DELETE FROM ephemeral WHERE item_key = $1', [key]);
  }
}
