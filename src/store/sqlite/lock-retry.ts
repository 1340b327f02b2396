/**
 * Waiting for another process's write lock without freezing the event loop. better-sqlite3 is
 * synchronous, so SQLite's own `busy_timeout` blocks the whole process while it waits; patbot
 * keeps that timeout short ({@link STATEMENT_BUSY_TIMEOUT_MS}) and, on SQLITE_BUSY or
 * SQLITE_LOCKED, awaits a growing, jittered timer and tries the whole unit of work again (a
 * statement, or a transaction from BEGIN), until the total budget is spent.
 */
import { errorCode } from './error-mapping';

/** SQLite's own (blocking) wait per attempt: short, so Slack acks and health checks stay fast. */
export const STATEMENT_BUSY_TIMEOUT_MS = 25;
/** Total time a store call waits for a lock before `store.unavailable` (the old busy timeout). */
export const DEFAULT_LOCK_WAIT_MS = 5000;

export interface LockWaitPolicy {
  /** Total budget in ms, counting SQLite's own waits and ours. */
  totalMs: number;
  /** First pause between attempts; doubles up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** Test seam; default `Math.random`. */
  random?: () => number;
}

export const DEFAULT_LOCK_WAIT: LockWaitPolicy = {
  totalMs: DEFAULT_LOCK_WAIT_MS,
  firstDelayMs: 5,
  maxDelayMs: 200,
};

/** SQLITE_BUSY*, SQLITE_LOCKED*: another connection holds the lock; trying again can succeed. */
export function isLockError(error: unknown): boolean {
  const code = errorCode(error);
  return code !== null && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it returns, throws something other than a lock error, or the budget is
 * spent (then the last lock error is thrown for the caller to map). `attempt` must be all or
 * nothing: one statement, or one transaction that SQLite rolls back when it fails.
 */
export async function retryWhileLocked<T>(
  attempt: () => T,
  policy: LockWaitPolicy = DEFAULT_LOCK_WAIT,
): Promise<T> {
  const started = performance.now();
  const random = policy.random ?? Math.random;
  let delay = policy.firstDelayMs;
  for (;;) {
    try {
      return attempt();
    } catch (error) {
      if (!isLockError(error)) throw error;
      const left = policy.totalMs - (performance.now() - started);
      if (left <= 0) throw error;
      // Full delay half the time on average: processes that collided do not retry in step.
      const wait = Math.min(left, delay * (0.5 + random() / 2));
      await pause(wait);
      delay = Math.min(policy.maxDelayMs, delay * 2);
    }
  }
}
