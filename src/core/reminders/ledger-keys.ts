/**
 * Ledger keys: what makes a reminder "the same reminder" (sent at most once).
 *
 * - PAT thresholds and the expired notice are per expiry CYCLE: `7d@<expiry ISO>`. Renewing a PAT
 *   (in patbot or in Azure DevOps) moves its expiry, so the new cycle's reminders are new keys
 *   and the old cycle's thresholds are simply never crossed again.
 * - `global-retirement` (before 2026-12-01) and `global-dead` (after) are once per PAT.
 * - A channel's digest day is `digest` / `day@YYYY-MM-DD`, so a channel gets one digest a day.
 * - Sign-in episodes are `user:<id>` keys (see ./signin-episode).
 */
import type { LedgerKey } from '../store';

/** DM target of a user: reminders to a person are keyed by user, whatever platform delivers them. */
export function dmTarget(userId: string): string {
  return `dm:${userId}`;
}

/** `7d@2026-12-05T10:00:00.000Z`: a threshold of one expiry cycle. */
export function cycleThreshold(label: string, expiresAt: Date): string {
  return `${label}@${expiresAt.toISOString()}`;
}

/** The label without its cycle (`7d@…` → `7d`). */
export function baseThreshold(threshold: string): string {
  const at = threshold.indexOf('@');
  return at < 0 ? threshold : threshold.slice(0, at);
}

export const GLOBAL_RETIREMENT_THRESHOLD = 'global-retirement';
export const EXPIRED_THRESHOLD = 'expired';
/** The one notice that a global PAT stopped working on 1 Dec 2026 (no cycle: it cannot be renewed). */
export const GLOBAL_DEAD_THRESHOLD = 'global-dead';

/** The once-a-day key of a channel digest. */
export function digestDayKey(conversationKey: string, day: string): LedgerKey {
  return { patId: 'digest', threshold: `day@${day}`, target: conversationKey };
}

/** A stable string for sets and maps. */
export function ledgerKeyId(key: LedgerKey): string {
  return JSON.stringify([key.patId, key.threshold, key.target]);
}
