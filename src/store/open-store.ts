/**
 * The store factory: turns DATABASE_URL into an open, migrated `Store`.
 * SQLite today; `postgres://` is refused until the scale-out store exists.
 */
import path from 'node:path';
import type { Logger } from '../core/logger';
import { silentLogger } from '../core/logger';
import type { Store } from '../core/store';
import { CodedError } from '../errors';
import { parseDatabaseUrl, redactDatabaseUrl } from './database-url';
import { openConnection } from './sqlite/connection';
import { openFailure } from './sqlite/error-mapping';
import { migrate } from './sqlite/migrate';
import { SqliteContext } from './sqlite/sqlite-context';
import { SqliteStore } from './sqlite/sqlite-store';

/** Options for {@link openStore}. */
export interface OpenStoreOptions {
  logger?: Logger;
  /** Time source for created/updated stamps and `applied_at`; defaults to the system clock. */
  now?: () => Date;
  /**
   * How long one store call waits, in total, for another process's lock before it fails with
   * `store.unavailable` (default 5000 ms). The wait never blocks the event loop.
   */
  lockWaitMs?: number;
}

/**
 * Opens the store named by `url` (`sqlite:./data/patbot.db`, `sqlite:/abs.db`, `file:…`, a bare
 * `….db` path, or `sqlite::memory:`), creating the folder and running migrations.
 *
 * @throws CodedError `config.invalid` (unknown URL, or PostgreSQL), `store.not_writable`,
 *   `store.unavailable` (not a database, damaged, newer schema, locked).
 */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  const logger = (options.logger ?? silentLogger).child({ component: 'store' });
  const now = options.now ?? (() => new Date());
  const target = parseDatabaseUrl(url);
  if (target.kind === 'postgres') {
    throw new CodedError(
      'config.invalid',
      'PostgreSQL support comes with the scale-out store; this patbot version only stores data in SQLite.',
      {
        nextStep: 'Use a sqlite: DATABASE_URL for now, e.g. sqlite:./data/patbot.db.',
        details: { databaseUrl: redactDatabaseUrl(target.url) },
      },
    );
  }
  const dbPath = target.kind === 'sqlite-memory' ? ':memory:' : target.path;
  const db = openConnection(dbPath);
  try {
    const result = migrate(db, { now, logger, dbPath });
    logger.info(
      { path: dbPath, schemaVersion: result.version, migrationsApplied: result.applied.length },
      'store: opened SQLite database',
    );
  } catch (error) {
    db.close();
    throw openFailure(dbPath, target.kind === 'sqlite-memory' ? '' : path.dirname(dbPath), error);
  }
  return new SqliteStore(new SqliteContext(db, dbPath, now, options.lockWaitMs));
}
