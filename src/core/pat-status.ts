/**
 * PAT lifetime rules: status, days left and the all-organisations ("global") PAT retirement.
 */
import type { Pat } from './pat';

const DAY_MS = 86_400_000;

/** Azure DevOps stops every global (all-organisations) PAT at this instant, whatever its `validTo`. */
export const GLOBAL_PAT_RETIREMENT = new Date('2026-12-01T00:00:00Z');

/** `Expires soon` threshold, in days (inclusive). */
export const EXPIRES_SOON_DAYS = 7;
/** `Expiring` threshold, in days (inclusive). */
export const EXPIRING_DAYS = 30;

export type PatStatus = 'revoked' | 'expired' | 'expires_soon' | 'expiring' | 'active';

/** True for a PAT valid in all the user's organisations (`targetAccounts === null`). */
export function isGlobalPat(pat: Pick<Pat, 'targetAccounts'>): boolean {
  return pat.targetAccounts === null;
}

export interface EffectiveExpiry {
  /** When the PAT stops working: `validTo`, or the global-PAT retirement when that is earlier. */
  at: Date;
  /** True when the global-PAT retirement, not `validTo`, ends this PAT. */
  byGlobalRetirement: boolean;
}

/** When the PAT really stops working: the earlier of `validTo` and, for global PATs, 2026-12-01. */
export function effectiveExpiry(pat: Pick<Pat, 'targetAccounts' | 'validTo'>): EffectiveExpiry {
  if (isGlobalPat(pat) && GLOBAL_PAT_RETIREMENT.getTime() < pat.validTo.getTime()) {
    return { at: new Date(GLOBAL_PAT_RETIREMENT), byGlobalRetirement: true };
  }
  return { at: new Date(pat.validTo), byGlobalRetirement: false };
}

/**
 * Days left until the effective expiry. Rounding: partial days count as a whole day, away from
 * zero, so the number is never 0: a PAT with 2 hours left has 1 day left, one that expired 2 hours
 * ago has -1, one with exactly 7×24 h left has 7. Expired (at or before `now`) is always negative.
 */
export function daysLeft(pat: Pick<Pat, 'targetAccounts' | 'validTo'>, now: Date): number {
  const ms = effectiveExpiry(pat).at.getTime() - now.getTime();
  if (ms <= 0) return Math.min(-1, Math.floor(ms / DAY_MS));
  return Math.ceil(ms / DAY_MS);
}

/**
 * Status per docs/ux.md, from the effective expiry: revoked; expired (in the past);
 * expires_soon (≤ 7 days); expiring (≤ 30 days); active (> 30 days).
 */
export function patStatus(pat: Pick<Pat, 'targetAccounts' | 'validTo' | 'revoked'>, now: Date): PatStatus {
  if (pat.revoked === true) return 'revoked';
  const days = daysLeft(pat, now);
  if (days < 0) return 'expired';
  if (days <= EXPIRES_SOON_DAYS) return 'expires_soon';
  if (days <= EXPIRING_DAYS) return 'expiring';
  return 'active';
}
