/**
 * SQLite `TokenCacheStore`: one opaque (already encrypted) string per partition key. Every
 * statement is keyed by the partition's primary key, so one user's access touches one row only.
 */
import type { TokenCacheStore } from '../../core/store';
import { toMs } from '../time';
import type { SqliteContext } from './sqlite-context';

export class SqliteTokenCacheStore implements TokenCacheStore {
  private readonly getRow;
  private readonly setRow;
  private readonly deleteRow;
  private readonly replaceRow;
  private readonly keysFrom;
  private readonly keysAfter;

  constructor(private readonly ctx: SqliteContext) {
    const db = ctx.db;
    this.getRow = db.prepare<[string], { value: string }>(
      'SELECT value FROM token_cache WHERE partition_key = ?',
    );
    this.setRow = db.prepare<[string, string, number]>(
      `INSERT INTO token_cache (partition_key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (partition_key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
    this.deleteRow = db.prepare<[string]>('DELETE FROM token_cache WHERE partition_key = ?');
    this.replaceRow = db.prepare<[string, number, string, string]>(
      'UPDATE token_cache SET value = ?, updated_at = ? WHERE partition_key = ? AND value = ?',
    );
    this.keysFrom = db.prepare<[number], { partition_key: string }>(
      'SELECT partition_key FROM token_cache ORDER BY partition_key LIMIT ?',
    );
    this.keysAfter = db.prepare<[string, number], { partition_key: string }>(
      'SELECT partition_key FROM token_cache WHERE partition_key > ? ORDER BY partition_key LIMIT ?',
    );
  }

  get(partitionKey: string): Promise<string | null> {
    return this.ctx.run(() => this.getRow.get(partitionKey)?.value ?? null);
  }

  async set(partitionKey: string, value: string): Promise<void> {
    await this.ctx.run(() => this.setRow.run(partitionKey, value, toMs(this.ctx.now())));
  }

  async delete(partitionKey: string): Promise<void> {
    await this.ctx.run(() => this.deleteRow.run(partitionKey));
  }

  replace(partitionKey: string, expected: string, value: string): Promise<boolean> {
    return this.ctx.run(
      () => this.replaceRow.run(value, toMs(this.ctx.now()), partitionKey, expected).changes === 1,
    );
  }

  keys(afterKey: string | null, limit: number): Promise<string[]> {
    return this.ctx.run(() =>
      (afterKey === null ? this.keysFrom.all(limit) : this.keysAfter.all(afterKey, limit)).map(
        (r) => r.partition_key,
      ),
    );
  }
}
