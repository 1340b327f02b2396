/** Reminder thresholds (`REMINDER_THRESHOLDS_DAYS`, default `14,7,3,1,0`), in calendar days before expiry. */
import { CodedError } from '../../errors';
import { formatCount } from '../format-number';

/** 14, 7, 3, 1 days before, and the expiry day itself. */
export const DEFAULT_THRESHOLDS_DAYS: readonly number[] = [14, 7, 3, 1, 0];

/** Longest threshold accepted (a PAT lives at most a year). */
export const MAX_THRESHOLD_DAYS = 365;

/**
 * Parses a comma-separated list of whole days (0–365); duplicates are dropped, order is
 * descending. @throws CodedError `config.invalid`
 */
export function parseThresholds(value: string): number[] {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const days = items.map(Number);
  if (days.length === 0 || days.some((d) => !Number.isInteger(d) || d < 0 || d > MAX_THRESHOLD_DAYS)) {
    throw new CodedError('config.invalid', `REMINDER_THRESHOLDS_DAYS: "${value}" is not a list of days.`, {
      nextStep: `Use whole numbers from 0 to ${MAX_THRESHOLD_DAYS} separated by commas, e.g. 14,7,3,1,0.`,
    });
  }
  return normalizeThresholds(days);
}

/** Distinct thresholds, largest first. */
export function normalizeThresholds(days: readonly number[]): number[] {
  return [...new Set(days)].sort((a, b) => b - a);
}

/**
 * The threshold a PAT with `daysLeft` calendar days left is at: the smallest threshold that is
 * still ≥ `daysLeft` (2 days left with 14,7,3,1,0 → 3). Undefined when no threshold is crossed.
 */
export function currentThreshold(daysLeft: number, thresholds: readonly number[]): number | undefined {
  let found: number | undefined;
  for (const t of thresholds) if (t >= daysLeft && (found === undefined || t < found)) found = t;
  return found;
}

/**
 * The thresholds a snooze never hides: the last one before expiry (smallest positive) and the
 * expiry day (0) when configured.
 */
export function protectedThresholds(thresholds: readonly number[]): Set<number> {
  const positive = thresholds.filter((t) => t > 0);
  const result = new Set<number>();
  if (positive.length > 0) result.add(Math.min(...positive));
  if (thresholds.includes(0)) result.add(0);
  return result;
}

/** Ledger label of a threshold: `7d`. */
export function thresholdLabel(days: number): string {
  return `${days}d`;
}

/** Words for people: `expires today`, `expires tomorrow`, `expires in 7 days`, `expired 2 days ago`. */
export function daysLeftWords(daysLeft: number): string {
  if (daysLeft === 0) return 'expires today';
  if (daysLeft === 1) return 'expires tomorrow';
  if (daysLeft > 1) return `expires in ${formatCount(daysLeft, 'day')}`;
  if (daysLeft === -1) return 'expired yesterday';
  return `expired ${formatCount(-daysLeft, 'day')} ago`;
}
