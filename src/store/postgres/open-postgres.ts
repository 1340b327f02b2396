/** Opens the PostgreSQL store: pool, first connection check, migrations. */
import pg from 'pg';
import type { Logger } from '../../core/logger';
import { postgresPoolConfig, type PostgresConnectionOptions } from './connection-config';
import type { PostgresTarget } from './error-mapping';
import { migratePostgres } from './migrate';
import { PgContext } from './pg-context';
import { PostgresStore } from './postgres-store';

/** BIGINT (int8) columns hold epoch milliseconds, well inside Number's exact range. */
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export type OpenPostgresOptions = PostgresConnectionOptions & { now: () => Date; logger: Logger };

/** Opens a pool on `url` and runs the migrations; the context for the stores (or a bulk copy). */
export async function openPgContext(url: string, options: OpenPostgresOptions): Promise<PgContext> {
  const config = postgresPoolConfig(url, options);
  const target: PostgresTarget = {
    host: config.host ?? 'localhost',
    port: config.port ?? 5432,
    database: config.database ?? '',
    user: config.user ?? null,
  };
  const pool = new pg.Pool({ ...config, types: TYPES });
  // An idle connection that breaks (server restart, failover) must not crash the process;
  // the next query gets a fresh connection or a coded error.
  pool.on('error', (error) => {
    options.logger.warn(
      { err: error, server: `${target.host}:${target.port}` },
      'store: idle PostgreSQL connection lost',
    );
  });
  const ctx = new PgContext(pool, target, options.now);
  try {
    const result = await migratePostgres(ctx, { now: options.now, logger: options.logger });
    options.logger.info(
      {
        server: `${target.host}:${target.port}/${target.database}`,
        schemaVersion: result.version,
        migrationsApplied: result.applied.length,
        poolMax: options.poolMax,
        auth: options.auth,
      },
      'store: opened PostgreSQL database',
    );
  } catch (error) {
    await ctx.close();
    throw error;
  }
  return ctx;
}

/** Opens a pool on `url`, checks it can connect and runs the migrations. */
export async function openPostgresStore(url: string, options: OpenPostgresOptions): Promise<PostgresStore> {
  return new PostgresStore(await openPgContext(url, options));
}
