/**
 * The two real stores the contract suite runs against: SQLite (a temp file per test) and
 * PostgreSQL (one database per test file on the TEST_DATABASE_URL server, emptied per test).
 * `rows` reads the current database directly, to check what was (not) written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Store } from '../../../src/core/store';
import { openStore, type OpenStoreOptions } from '../../../src/store/open-store';
import { createTestDatabase, dropTestDatabases, queryDatabase } from './postgres';

export interface StoreBackend {
  readonly name: 'sqlite' | 'postgres';
  beforeAll(): Promise<void>;
  afterAll(): Promise<void>;
  /** Makes a fresh, empty current database. */
  fresh(): Promise<void>;
  /** Opens another Store (another connection / pool) on the current database. */
  open(options?: OpenStoreOptions): Promise<Store>;
  /** URL of a brand-new database nobody has opened yet. */
  blank(): Promise<string>;
  /** Runs raw SQL (portable, no parameters) on the current database. */
  rows<R = Record<string, unknown>>(sql: string): Promise<R[]>;
  /** Closes every Store opened in the test. */
  closeAll(): Promise<void>;
}

abstract class Tracking {
  private readonly opened: Store[] = [];
  protected track(store: Store): Store {
    this.opened.push(store);
    return store;
  }
  async closeAll(): Promise<void> {
    while (this.opened.length > 0) await (this.opened.pop() as Store).close();
  }
}

class SqliteBackend extends Tracking implements StoreBackend {
  readonly name = 'sqlite' as const;
  private dir = '';
  private file = '';
  private count = 0;

  async beforeAll(): Promise<void> {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patbot-contract-'));
  }
  async afterAll(): Promise<void> {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
  async fresh(): Promise<void> {
    this.file = await this.nextFile();
  }
  async open(options: OpenStoreOptions = {}): Promise<Store> {
    return this.track(await openStore(`sqlite:${this.file}`, options));
  }
  async blank(): Promise<string> {
    return `sqlite:${await this.nextFile()}`;
  }
  async rows<R>(sql: string): Promise<R[]> {
    const db = new Database(this.file);
    try {
      const statement = db.prepare(sql);
      return (statement.reader ? statement.all() : (statement.run(), [])) as R[];
    } finally {
      db.close();
    }
  }
  private async nextFile(): Promise<string> {
    this.count += 1;
    return path.join(this.dir, `db-${this.count}.db`);
  }
}

const TABLES =
  'users, user_identities, conversations, subscriptions, reminder_ledger, snoozes, token_cache, audit_log, leases, nonces, ephemeral, sweeps, sweep_items, org_watches, revoke_reminders, admin_digests, admin_unknown_events';

class PostgresBackend extends Tracking implements StoreBackend {
  readonly name = 'postgres' as const;
  private url = '';
  private migrated = false;

  async beforeAll(): Promise<void> {
    this.url = (await createTestDatabase()).url;
  }
  async afterAll(): Promise<void> {
    await dropTestDatabases();
  }
  async fresh(): Promise<void> {
    if (this.migrated) await queryDatabase(this.url, `TRUNCATE ${TABLES}`);
  }
  async open(options: OpenStoreOptions = {}): Promise<Store> {
    const store = this.track(await openStore(this.url, options));
    this.migrated = true;
    return store;
  }
  async blank(): Promise<string> {
    return (await createTestDatabase()).url;
  }
  rows<R>(sql: string): Promise<R[]> {
    return queryDatabase(this.url, sql) as Promise<R[]>;
  }
}

export function sqliteBackend(): StoreBackend {
  return new SqliteBackend();
}

export function postgresBackend(): StoreBackend {
  return new PostgresBackend();
}
