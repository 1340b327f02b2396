/**
 * What every SQLite store shares: the connection, the path (for messages), the time source,
 * and the two helpers every store method goes through. Both wait for another process's lock
 * asynchronously (see lock-retry.ts), so a locked file never freezes the event loop, and map
 * SQLite failures to coded errors.
 */
import type Database from 'better-sqlite3';
import { operationFailure } from './error-mapping';
import {
  DEFAULT_LOCK_WAIT,
  retryWhileLocked,
  STATEMENT_BUSY_TIMEOUT_MS,
  type LockWaitPolicy,
} from './lock-retry';

export class SqliteContext {
  private readonly lockWait: LockWaitPolicy;

  constructor(
    readonly db: Database.Database,
    /** File path, or `:memory:`. */
    readonly dbPath: string,
    readonly now: () => Date,
    /** Total wait for a lock per call (default 5 s); SQLite itself blocks at most 25 ms a try. */
    lockWaitMs: number = DEFAULT_LOCK_WAIT.totalMs,
  ) {
    this.lockWait = { ...DEFAULT_LOCK_WAIT, totalMs: lockWaitMs };
    db.pragma(`busy_timeout = ${STATEMENT_BUSY_TIMEOUT_MS}`);
  }

  /** Runs `fn` (a single statement or a read, so a retry repeats nothing); failures become coded errors. */
  async run<T>(fn: () => T): Promise<T> {
    try {
      return await retryWhileLocked(fn, this.lockWait);
    } catch (error) {
      throw operationFailure(error, this.dbPath);
    }
  }

  /**
   * Runs `fn` inside a `BEGIN IMMEDIATE` transaction: the write lock is taken up front, so a
   * read-then-write is atomic against other connections and processes on the same file. While
   * another process holds the lock, the whole transaction is tried again later (a failed try
   * is rolled back, never half-applied).
   */
  async write<T>(fn: () => T): Promise<T> {
    const transaction = this.db.transaction(fn);
    return this.run(() => transaction.immediate());
  }
}
