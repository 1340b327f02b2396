/**
 * Copies a SQLite store into PostgreSQL (`npm run migrate-store`): the tables of `TABLES`, rows
 * as they are (token cache ciphertext untouched, ids and timestamps kept), in ONE PostgreSQL
 * transaction. Rows already in the target (same key) are left alone, so a re-run copies 0 new
 * rows and a target that has been used since keeps its newer data. Values that have expired
 * (nonces, shared values) stay behind; the tables of `SKIPPED_TABLES` (a sweep in progress: its
 * lease and work queue) are not copied: they mean nothing on the new store.
 *
 * A new table goes in one of the two lists (test/store/migrate-store.test.ts checks that every
 * table of the schema is in one).
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { Logger } from '../core/logger';
import { silentLogger } from '../core/logger';
import { CodedError } from '../errors';
import { parseDatabaseUrl, redactDatabaseUrl } from './database-url';
import { openStore, postgresOptions, type OpenStoreOptions } from './open-store';
import { openPgContext } from './postgres/open-postgres';
import type { Query } from './postgres/pg-context';

/** A table to copy; `liveUntil`: its expiry column (ms), and only rows not yet expired are copied. */
export interface CopiedTable {
  table: string;
  liveUntil?: string;
}

/** Tables in copy order (users before the identities that reference them). */
export const TABLES: readonly CopiedTable[] = [
  { table: 'users' },
  { table: 'user_identities' },
  { table: 'conversations' },
  { table: 'subscriptions' },
  { table: 'reminder_ledger' },
  { table: 'snoozes' },
  { table: 'revoke_reminders' },
  { table: 'token_cache' },
  { table: 'audit_log' },
  { table: 'nonces', liveUntil: 'expires_at' },
  // Commands waiting for their sign-in, sign-in failure memos, Slack pauses: nobody loses a
  // pending command, and Entra is not asked again for a user who must sign in.
  { table: 'ephemeral', liveUntil: 'expires_at' },
  // Organisations watched by an administrator, with where each audit-log poll got to.
  { table: 'org_watches' },
  // Channels subscribed to an organisation's weekly admin digest, and the unknown-owner events
  // the next digest lists.
  { table: 'admin_digests' },
  { table: 'admin_unknown_events' },
];

export const COPIED_TABLES: readonly string[] = TABLES.map((t) => t.table);

/** Tables left behind on purpose, and why (printed by `npm run migrate-store`). */
export const SKIPPED_TABLES: ReadonlyArray<{ table: string; why: string }> = [
  { table: 'leases', why: 'a sweep in progress means nothing on the new store' },
  { table: 'sweeps', why: 'sweep queues are transient: the next sweep plans afresh' },
  { table: 'sweep_items', why: 'the work items of those sweeps' },
];

export interface TableCopy {
  table: string;
  /** Rows read from SQLite. */
  read: number;
  /** Rows inserted into PostgreSQL by this run. */
  copied: number;
  /** Rows whose key was already in PostgreSQL (left unchanged). */
  existing: number;
}

const BATCH = 500;

function usage(message: string, nextStep: string): CodedError {
  return new CodedError('config.invalid', message, { nextStep });
}

function sourcePath(fromUrl: string): string {
  const source = parseDatabaseUrl(fromUrl);
  if (source.kind !== 'sqlite-file')
    throw usage(
      `--from ${redactDatabaseUrl(fromUrl)} is not a SQLite file.`,
      'Use --from sqlite:./data/patbot.db.',
    );
  if (!fs.existsSync(source.path))
    throw usage(
      `--from: there is no SQLite file at ${source.path}.`,
      'Check the path (relative to this folder).',
    );
  return source.path;
}

async function insertBatch(query: Query, table: string, rows: Record<string, unknown>[]): Promise<number> {
  const columns = Object.keys(rows[0]);
  const values = rows.map(
    (_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(', ')})`,
  );
  const params = rows.flatMap((row) => columns.map((c) => row[c]));
  const { rowCount } = await query(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')} ON CONFLICT DO NOTHING`,
    params,
  );
  return rowCount;
}

function readRows(db: Database.Database, spec: CopiedTable, nowMs: number): Record<string, unknown>[] {
  const where = spec.liveUntil ? ` WHERE ${spec.liveUntil} > ?` : '';
  const statement = db.prepare(`SELECT * FROM ${spec.table}${where}`);
  return (where ? statement.all(nowMs) : statement.all()) as Record<string, unknown>[];
}

/**
 * Copies `fromUrl` (sqlite:…) into `toUrl` (postgres://…), creating or updating both schemas
 * first. Returns what happened per table.
 */
export async function copySqliteToPostgres(
  fromUrl: string,
  toUrl: string,
  options: OpenStoreOptions = {},
): Promise<TableCopy[]> {
  const logger: Logger = options.logger ?? silentLogger;
  const now = options.now ?? (() => new Date());
  if (parseDatabaseUrl(toUrl).kind !== 'postgres')
    throw usage(
      `--to ${redactDatabaseUrl(toUrl)} is not a PostgreSQL URL.`,
      'Use --to postgres://user:password@host:5432/db.',
    );
  const file = sourcePath(fromUrl);
  await (await openStore(`sqlite:${file}`, { logger, now })).close(); // brings the file to the current schema
  const ctx = await openPgContext(toUrl, await postgresOptions(options, now, logger));
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return await ctx.tx(async (query) => {
      const result: TableCopy[] = [];
      for (const spec of TABLES) {
        const rows = readRows(db, spec, now().getTime());
        let copied = 0;
        for (let i = 0; i < rows.length; i += BATCH)
          copied += await insertBatch(query, spec.table, rows.slice(i, i + BATCH));
        result.push({ table: spec.table, read: rows.length, copied, existing: rows.length - copied });
      }
      return result;
    });
  } finally {
    db.close();
    await ctx.close();
  }
}
