/**
 * PostgreSQL `TokenCacheStore`: one opaque (already encrypted) string per partition key; every
 * statement is keyed by the primary key, so one user's access touches one row only.
 */
import type { TokenCacheStore } from '../../core/store';
import { toMs } from '../time';
import type { PgContext } from './pg-context';

export class PgTokenCacheStore implements TokenCacheStore {
  constructor(private readonly ctx: PgContext) {}

  async get(partitionKey: string): Promise<string | null> {
    const { rows } = await this.ctx.query<{ value: string }>(
      'SELECT value FROM token_cache WHERE partition_key = $1',
      [partitionKey],
    );
    return rows[0]?.value ?? null;
  }

  async set(partitionKey: string, value: string): Promise<void> {
    await this.ctx.query(
      `INSERT INTO token_cache (partition_key, value, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (partition_key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      [partitionKey, value, toMs(this.ctx.now())],
    );
  }

  async delete(partitionKey: string): Promise<void> {
    await this.ctx.query('DELETE FROM token_cache WHERE partition_key = $1', [partitionKey]);
  }

  async replace(partitionKey: string, expected: string, value: string): Promise<boolean> {
    const { rowCount } = await this.ctx.query(
      'UPDATE token_cache SET value = $1, updated_at = $2 WHERE partition_key = $3 AND value = $4',
      [value, toMs(this.ctx.now()), partitionKey, expected],
    );
    return rowCount === 1;
  }

  async keys(afterKey: string | null, limit: number): Promise<string[]> {
    const { rows } = await this.ctx.query<{ partition_key: string }>(
      `SELECT partition_key FROM token_cache
       WHERE $1::text IS NULL OR partition_key COLLATE "C" > $1::text
       ORDER BY partition_key COLLATE "C" LIMIT $2`,
      [afterKey, limit],
    );
    return rows.map((r) => r.partition_key);
  }
}
