/**
 * What every SQLite store shares: the connection, the path (for messages), the time source,
 * and two helpers that run work synchronously while mapping SQLite failures to coded errors.
 */
import type Database from 'better-sqlite3';
import { operationFailure } from './error-mapping';

export class SqliteContext {
  constructor(
    readonly db: Database.Database,
    /** File path, or `:memory:`. */
    readonly dbPath: string,
    readonly now: () => Date,
  ) {}

  /** Runs `fn` (a single statement or a read); failures become coded errors. */
  async run<T>(fn: () => T): Promise<T> {
    try {
      return fn();
    } catch (error) {
      throw operationFailure(error, this.dbPath);
    }
  }

  /**
   * Runs `fn` inside a `BEGIN IMMEDIATE` transaction: the write lock is taken up front, so a
   * read-then-write is atomic against other connections and processes on the same file.
   */
  async write<T>(fn: () => T): Promise<T> {
    return this.run(() => this.db.transaction(fn).immediate());
  }
}
