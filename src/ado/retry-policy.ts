/** Retry bounds and backoff: exponential with full jitter, honouring `Retry-After`. */

export interface RetryOptions {
  /** Attempts in total, including the first (default 4). */
  maxAttempts: number;
  /** Bound on the time one call may spend, waits included (default 30 000 ms). */
  maxTotalMs: number;
  /** First backoff ceiling (default 500 ms); doubles per attempt. */
  baseDelayMs: number;
  /** Largest backoff and largest pre-emptive slow-down (default 8 000 ms). */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 4,
  maxTotalMs: 30_000,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
};

/** Full jitter: a random wait in [0, min(maxDelay, base·2^(attempt-1))). `attempt` starts at 1. */
export function backoffDelayMs(attempt: number, retry: RetryOptions, random: () => number): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now: Date): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
