/**
 * Copies a SQLite store into PostgreSQL (`npm run migrate-store`): every table, rows as they
 * are (token cache ciphertext untouched, ids and timestamps kept), in ONE PostgreSQL
 * transaction. Rows already in the target (same key) are left alone, so a re-run copies 0 new
 * rows and a target that has been used since keeps its newer data. Leases (a sweep in progress)
 * and expired nonces are not copied, nor are the short-lived shared values (`ephemeral`) and the
 * sweep work items: they mean nothing on the new store.
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

/** Tables in copy order (users before the identities that reference them). */
export const COPIED_TABLES = [
  'users',
  'user_identities',
  'conversations',
  'subscriptions',
  'reminder_ledger',
  'snoozes',
  'token_cache',
  'audit_log',
  'nonces',
  'org_watches',
] as const;

export interface TableCopy {
  table: (typeof COPIED_TABLES)[number];
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

function readRows(db: Database.Database, table: string, nowMs: number): Record<string, unknown>[] {
  const where = table === 'nonces' ? ' WHERE expires_at > ?' : '';
  const statement = db.prepare(`SELECT * FROM ${table}${where}`);
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
      for (const table of COPIED_TABLES) {
        const rows = readRows(db, table, now().getTime());
        let copied = 0;
        for (let i = 0; i < rows.length; i += BATCH)
          copied += await insertBatch(query, table, rows.slice(i, i + BATCH));
        result.push({ table, read: rows.length, copied, existing: rows.length - copied });
      }
      return result;
    });
  } finally {
    db.close();
    await ctx.close();
  }
}
