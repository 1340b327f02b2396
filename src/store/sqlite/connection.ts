/**
 * Opens a SQLite connection for patbot: creates the folder, checks it is writable, then sets
 * the pragmas every connection needs (WAL, busy timeout for start-up, foreign keys, synchronous
 * NORMAL).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { notWritable, openFailure } from './error-mapping';

/**
 * SQLite's own (blocking) wait for another writer while the file is opened and migrated: at
 * start-up nothing is served yet, so blocking is harmless. Once the store is built,
 * `SqliteContext` shortens it and waits asynchronously instead (see lock-retry.ts).
 */
export const OPEN_BUSY_TIMEOUT_MS = 5000;

function prepareFolder(dbPath: string, folder: string): void {
  try {
    fs.mkdirSync(folder, { recursive: true });
    const folderStat = fs.statSync(folder);
    if (!folderStat.isDirectory()) {
      throw Object.assign(new Error(`${folder} is not a folder`), { code: 'ENOTDIR' });
    }
    fs.accessSync(folder, fs.constants.W_OK);
    if (fs.existsSync(dbPath)) {
      if (fs.statSync(dbPath).isDirectory()) {
        throw Object.assign(new Error(`${dbPath} is a folder`), { code: 'EISDIR' });
      }
      fs.accessSync(dbPath, fs.constants.R_OK | fs.constants.W_OK);
    }
  } catch (error) {
    throw notWritable(dbPath, folder, error);
  }
}

function applyPragmas(db: Database.Database): void {
  db.pragma(`busy_timeout = ${OPEN_BUSY_TIMEOUT_MS}`);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
}

/**
 * Opens (creating when missing) the database file at `dbPath`, or an in-memory database for
 * `:memory:`. Throws `store.not_writable` or `store.unavailable` with the path and the fix.
 */
export function openConnection(dbPath: string): Database.Database {
  const memory = dbPath === ':memory:';
  const folder = memory ? '' : path.dirname(dbPath);
  if (!memory) prepareFolder(dbPath, folder);
  let db: Database.Database | undefined;
  try {
    db = new Database(dbPath, { timeout: OPEN_BUSY_TIMEOUT_MS });
    applyPragmas(db);
    // Reads the header: a file that is not a database fails here rather than on first use.
    db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
    return db;
  } catch (error) {
    db?.close();
    throw openFailure(dbPath, folder, error);
  }
}
