/**
 * The store factory: turns DATABASE_URL into an open, migrated `Store`: SQLite (one file) or
 * PostgreSQL (`postgres://`, `postgresql://`; several instances).
 */
import path from 'node:path';
import type { TokenCredential } from '@azure/identity';
import type { Logger } from '../core/logger';
import { silentLogger } from '../core/logger';
import type { Store } from '../core/store';
import { parseDatabaseUrl } from './database-url';
import { DEFAULT_POOL_MAX, type DatabaseAuth } from './postgres/connection-config';
import { defaultEntraCredential, entraPassword } from './postgres/entra-password';
import { openPostgresStore, type OpenPostgresOptions } from './postgres/open-postgres';
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
   * SQLite only: how long one store call waits, in total, for another process's lock before it
   * fails with `store.unavailable` (default 5000 ms). The wait never blocks the event loop.
   */
  lockWaitMs?: number;
  /** PostgreSQL only: `password` (in the URL, default) or `entra` (managed identity token). */
  auth?: DatabaseAuth;
  /** PostgreSQL only: most pooled connections for this instance. */
  poolMax?: number;
  /** PostgreSQL with `entra`: client id of a user-assigned managed identity. */
  entraClientId?: string | null;
  /** PostgreSQL with `entra`: the credential to use (tests inject one); defaults to DefaultAzureCredential. */
  credential?: TokenCredential;
}

/** The PostgreSQL connection options behind `options` (an Entra token source with `auth: 'entra'`). */
export async function postgresOptions(
  options: OpenStoreOptions,
  now: () => Date,
  logger: Logger,
): Promise<OpenPostgresOptions> {
  const auth = options.auth ?? 'password';
  const credential =
    auth === 'entra'
      ? (options.credential ?? (await defaultEntraCredential(options.entraClientId ?? null)))
      : null;
  return {
    auth,
    poolMax: options.poolMax ?? DEFAULT_POOL_MAX,
    password: credential === null ? undefined : entraPassword(credential, now),
    now,
    logger,
  };
}

/**
 * Opens the store named by `url` (`sqlite:./data/patbot.db`, `sqlite:/abs.db`, `file:…`, a bare
 * `….db` path, `sqlite::memory:`, or `postgres://…`), creating the folder or connecting, and
 * running migrations.
 *
 * @throws CodedError `config.invalid` (unknown URL; PostgreSQL: bad password, unknown database,
 *   TLS required or untrusted), `store.not_writable`, `store.unavailable` (not a database,
 *   damaged, newer schema, locked, server unreachable).
 */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  const logger = (options.logger ?? silentLogger).child({ component: 'store' });
  const now = options.now ?? (() => new Date());
  const target = parseDatabaseUrl(url);
  if (target.kind === 'postgres')
    return openPostgresStore(target.url, await postgresOptions(options, now, logger));
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
