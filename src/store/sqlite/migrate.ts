/**
 * Runs the versioned migrations against a SQLite connection. Each migration runs in its own
 * IMMEDIATE transaction that re-reads the current version first, so two processes opening the
 * same new file at once apply each step exactly once. A database newer than the code is refused.
 */
import type Database from 'better-sqlite3';
import { CodedError } from '../../errors';
import type { Logger } from '../../core/logger';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, SCHEMA_MIGRATIONS_DDL, type Migration } from '../migrations';

/** What a migration run did. */
export interface MigrationResult {
  /** Versions applied by this run, in order (empty on an up-to-date database). */
  applied: number[];
  /** The schema version after the run. */
  version: number;
}

function currentVersion(db: Database.Database): number {
  const row = db
    .prepare<[], { version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations')
    .get();
  return row?.version ?? 0;
}

function refuseNewer(version: number, dbPath: string): CodedError {
  return new CodedError(
    'store.unavailable',
    `The database at ${dbPath} has schema version ${version}, newer than this patbot knows (${LATEST_SCHEMA_VERSION}).`,
    {
      nextStep:
        'Run the patbot version that last wrote this database (or newer), or set DATABASE_URL to another path.',
      details: { path: dbPath, schemaVersion: version, knownVersion: LATEST_SCHEMA_VERSION },
    },
  );
}

/**
 * Brings the schema up to date. `now` stamps `applied_at`. Throws `store.unavailable` when the
 * database is newer than the code.
 */
export function migrate(
  db: Database.Database,
  options: { now: () => Date; logger: Logger; dbPath: string; migrations?: readonly Migration[] },
): MigrationResult {
  const migrations = [...(options.migrations ?? MIGRATIONS)].sort((a, b) => a.version - b.version);
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  db.exec(SCHEMA_MIGRATIONS_DDL);
  const applied: number[] = [];
  const record = db.prepare<[number, string, number]>(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );
  const startVersion = currentVersion(db);
  if (startVersion > latest) throw refuseNewer(startVersion, options.dbPath);

  for (const migration of migrations) {
    const step = db.transaction(() => {
      const version = currentVersion(db);
      if (version > latest) throw refuseNewer(version, options.dbPath);
      if (version >= migration.version) return false;
      for (const statement of migration.statements) db.exec(statement);
      record.run(migration.version, migration.name, options.now().getTime());
      return true;
    });
    if (step.immediate()) {
      applied.push(migration.version);
      options.logger.info(
        { schemaVersion: migration.version, migration: migration.name },
        'store: applied migration',
      );
    }
  }
  return { applied, version: currentVersion(db) };
}
