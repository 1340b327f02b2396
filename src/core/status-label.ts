/**
 * How a PAT's status reads and which tone it takes, for every channel (docs/ux.md "Status"):
 * the label names the time left (`Expires in 5 days`) rather than near-synonyms, and one tone
 * ladder decides the colour (Teams) and the emoji (Slack). The rule itself is ./pat-status.
 */
import { formatCount } from './format-number';
import { EXPIRES_SOON_DAYS, EXPIRING_DAYS, type PatStatus } from './pat-status';

/**
 * The colour ladder, most urgent first: `attention` (expired, or ≤ 7 days left), `notice`
 * (≤ 30 days), `calm` (> 30 days), `muted` (revoked).
 */
export type StatusTone = 'attention' | 'notice' | 'calm' | 'muted';

const TONES: Record<PatStatus, StatusTone> = {
  expired: 'attention',
  expires_soon: 'attention',
  expiring: 'notice',
  active: 'calm',
  revoked: 'muted',
};

export function statusTone(status: PatStatus): StatusTone {
  return TONES[status];
}

/** `Expired`, `Revoked`, or `Expires in 1 day` / `Expires in 12 days` (from ./pat-status `daysLeft`). */
export function statusLabel(status: PatStatus, daysLeft: number): string {
  if (status === 'revoked') return 'Revoked';
  if (status === 'expired') return 'Expired';
  return `Expires in ${formatCount(Math.max(1, daysLeft), 'day')}`;
}

/** The same ladder for a count of days left (reminders use calendar days, so 0 is the expiry day). */
export function daysLeftTone(daysLeft: number): StatusTone {
  if (daysLeft <= EXPIRES_SOON_DAYS) return 'attention';
  if (daysLeft <= EXPIRING_DAYS) return 'notice';
  return 'calm';
}
