/**
 * Slack's replay window, both ways. Bolt rejects only stale timestamps (older than 5 minutes);
 * a request dated in the future is accepted by Bolt, so the receiver checks the absolute skew too.
 */

/** Slack's documented window, in seconds. */
export const SLACK_TIMESTAMP_WINDOW_SECONDS = 300;

/**
 * True when the `X-Slack-Request-Timestamp` header is a whole number of seconds within
 * `windowSeconds` of `nowMs`, in either direction. A missing or malformed header is outside.
 */
export function isWithinWindow(
  header: string | string[] | undefined,
  nowMs: number,
  windowSeconds = SLACK_TIMESTAMP_WINDOW_SECONDS,
): boolean {
  if (typeof header !== 'string' || !/^\d{1,12}$/.test(header.trim())) return false;
  const ts = Number(header.trim());
  return Math.abs(nowMs / 1000 - ts) <= windowSeconds;
}
