/**
 * SQLite `EphemeralStore`: one row per key with its expiry. `take` is one
 * `DELETE … RETURNING`, so only one caller gets a value; `claim` is one conditional upsert (it
 * writes only over an expired row); expired rows are purged on `put`.
 */
import type { EphemeralStore } from '../../core/store';
import { toMs } from '../time';
import type { SqliteContext } from './sqlite-context';

export class SqliteEphemeralStore implements EphemeralStore {
  private readonly upsertRow;
  private readonly purge;
  private readonly getRow;
  private readonly takeRow;
  private readonly deleteRow;
  private readonly claimRow;

  constructor(private readonly ctx: SqliteContext) {
    const db = ctx.db;
    this.upsertRow = db.prepare<[string, string, number]>(
      `INSERT INTO ephemeral (item_key, value, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (item_key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
    );
    this.purge = db.prepare<[number]>('DELETE FROM ephemeral WHERE expires_at <= ?');
    this.getRow = db
      .prepare<[string, number], string>('SELECT value FROM ephemeral WHERE item_key = ? AND expires_at > ?')
      .pluck();
    this.takeRow = db.prepare<[string], { value: string; expires_at: number }>(
      'DELETE FROM ephemeral WHERE item_key = ? RETURNING value, expires_at',
    );
    this.deleteRow = db.prepare<[string]>('DELETE FROM ephemeral WHERE item_key = ?');
    this.claimRow = db.prepare<[string, string, number, number]>(
      `INSERT INTO ephemeral (item_key, value, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (item_key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
       WHERE ephemeral.expires_at <= ?`,
    );
  }

  async put(key: string, value: string, expiresAt: Date, now: Date): Promise<void> {
    const expiresMs = toMs(expiresAt);
    const nowMs = toMs(now);
    await this.ctx.write(() => {
      this.purge.run(nowMs);
      if (expiresMs > nowMs) this.upsertRow.run(key, value, expiresMs);
      else this.deleteRow.run(key);
    });
  }

  async get(key: string, now: Date): Promise<string | null> {
    return this.ctx.run(() => this.getRow.get(key, toMs(now)) ?? null);
  }

  async take(key: string, now: Date): Promise<string | null> {
    const row = await this.ctx.run(() => this.takeRow.get(key));
    return row && row.expires_at > toMs(now) ? row.value : null;
  }

  async claim(key: string, value: string, expiresAt: Date, now: Date): Promise<boolean> {
    const expiresMs = toMs(expiresAt);
    const nowMs = toMs(now);
    if (expiresMs <= nowMs) return false;
    return this.ctx.write(() => this.claimRow.run(key, value, expiresMs, nowMs).changes === 1);
  }

  async delete(key: string): Promise<void> {
    await this.ctx.run(() => this.deleteRow.run(key));
  }
}
