/**
 * What every PostgreSQL store shares: the pool, where it points (for messages), the time
 * source, and helpers that run statements or a transaction while mapping failures to coded
 * errors. Transactions are READ COMMITTED and hold no session state (no advisory locks, no
 * prepared statements by name), so a transaction-pooling PgBouncer in front is fine.
 */
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { CodedError } from '../../errors';
import { postgresFailure, type PostgresTarget } from './error-mapping';

/** Runs one statement; what `tx` hands its callback. */
export type Query = <R extends QueryResultRow = QueryResultRow>(
  sql: string,
  params?: readonly unknown[],
) => Promise<{ rows: R[]; rowCount: number }>;

export class PgContext {
  private closed = false;

  constructor(
    readonly pool: Pool,
    readonly target: PostgresTarget,
    readonly now: () => Date,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  /** One statement on any pooled connection. */
  readonly query: Query = async <R extends QueryResultRow>(sql: string, params: readonly unknown[] = []) => {
    this.assertOpen();
    try {
      const result = await this.pool.query<R>(sql, params as unknown[]);
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    } catch (error) {
      throw postgresFailure(error, this.target);
    }
  };

  /** Runs `fn` in one transaction on one connection; rolls back when it throws. */
  async tx<T>(fn: (query: Query) => Promise<T>): Promise<T> {
    this.assertOpen();
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw postgresFailure(error, this.target);
    }
    const query: Query = async <R extends QueryResultRow>(sql: string, params: readonly unknown[] = []) => {
      const result = await client.query<R>(sql, params as unknown[]);
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    };
    let broken: unknown = undefined;
    try {
      await query('BEGIN');
      const value = await fn(query);
      await query('COMMIT');
      return value;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError;
      });
      throw postgresFailure(error, this.target);
    } finally {
      client.release(broken instanceof Error ? broken : undefined);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private assertOpen(): void {
    if (this.closed) {
      throw new CodedError(
        'store.unavailable',
        `The store at ${this.target.host}:${this.target.port} is closed.`,
        {
          nextStep: 'Restart patbot.',
          details: { server: `${this.target.host}:${this.target.port}/${this.target.database}` },
        },
      );
    }
  }
}
