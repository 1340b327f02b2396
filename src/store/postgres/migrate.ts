/**
 * Runs the versioned migrations against PostgreSQL: the same list, versions and names as
 * SQLite. Each step is its own transaction that first takes a transaction-scoped advisory lock
 * (`pg_advisory_xact_lock`, released at COMMIT, so safe behind PgBouncer transaction pooling)
 * and re-reads the version, so instances starting together apply each step exactly once. A
 * database newer than the code is refused.
 */
import { CodedError } from '../../errors';
import type { Logger } from '../../core/logger';
import {
  LATEST_SCHEMA_VERSION,
  MIGRATIONS,
  SCHEMA_MIGRATIONS_DDL,
  statementsFor,
  type Migration,
} from '../migrations';
import type { MigrationResult } from '../sqlite/migrate';
import type { PgContext, Query } from './pg-context';

const LOCK = "SELECT pg_advisory_xact_lock(hashtext('patbot:schema_migrations'))";

async function currentVersion(query: Query): Promise<number> {
  const { rows } = await query<{ version: number | null }>(
    'SELECT MAX(version) AS version FROM schema_migrations',
  );
  return rows[0]?.version ?? 0;
}

function refuseNewer(version: number, where: string): CodedError {
  return new CodedError(
    'store.unavailable',
    `The database at ${where} has schema version ${version}, newer than this patbot knows (${LATEST_SCHEMA_VERSION}).`,
    {
      nextStep:
        'Run the patbot version that last wrote this database (or newer), or set DATABASE_URL to another database.',
      details: { server: where, schemaVersion: version, knownVersion: LATEST_SCHEMA_VERSION },
    },
  );
}

/** Brings the schema up to date; `now` stamps `applied_at`. */
export async function migratePostgres(
  ctx: PgContext,
  options: { now: () => Date; logger: Logger; migrations?: readonly Migration[] },
): Promise<MigrationResult> {
  const migrations = [...(options.migrations ?? MIGRATIONS)].sort((a, b) => a.version - b.version);
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  const where = `${ctx.target.host}:${ctx.target.port}/${ctx.target.database}`;
  const start = await ctx.tx(async (query) => {
    await query(LOCK);
    await query(SCHEMA_MIGRATIONS_DDL);
    return currentVersion(query);
  });
  if (start > latest) throw refuseNewer(start, where);
  const applied: number[] = [];
  for (const migration of migrations) {
    const didApply = await ctx.tx(async (query) => {
      await query(LOCK);
      const version = await currentVersion(query);
      if (version > latest) throw refuseNewer(version, where);
      if (version >= migration.version) return false;
      for (const statement of statementsFor(migration, 'postgres')) await query(statement);
      await query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        options.now().getTime(),
      ]);
      return true;
    });
    if (didApply) {
      applied.push(migration.version);
      options.logger.info(
        { schemaVersion: migration.version, migration: migration.name },
        'store: applied migration',
      );
    }
  }
  const version = await ctx.tx(currentVersion);
  return { applied, version };
}
