/**
 * Timestamps are stored as INTEGER milliseconds since the Unix epoch (UTC). The same columns are
 * BIGINT in PostgreSQL, so comparisons such as "older than now - staleAfterMs" are plain arithmetic.
 */

/** A Date as epoch milliseconds for a column. */
export function toMs(date: Date): number {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('Invalid Date cannot be stored.');
  return ms;
}

/** Epoch milliseconds from a column as a Date. */
export function fromMs(ms: number): Date {
  return new Date(ms);
}

/** Nullable variant of {@link fromMs}. */
export function fromMsOrNull(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms);
}
