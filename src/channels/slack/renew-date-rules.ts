/**
 * Inline checks for the custom-date modal, answered in the ack (`response_action: errors`) so
 * the person can fix the date without losing the form. Azure DevOps itself caps the rest.
 */
import { isCalendarDate } from '../../core/commands/command-values';
import { RENEW_DAYS_MAX } from '../../core/commands/parsed-command';
import { localCalendarDate } from '../../core/format-date';

const DAY_MS = 86_400_000;

/** `yyyy-mm-dd` of an instant in the person's zone (UTC when unknown). */
export function localDate(at: Date, timeZone?: string | null): string {
  return localCalendarDate(at, timeZone);
}

/**
 * The error to show under the date picker, or null when the date can be asked for. "Today" is
 * the person's today, in their Slack time zone.
 */
export function renewDateError(
  selected: string | null | undefined,
  now: Date,
  timeZone?: string | null,
): string | null {
  if (!selected) return 'Pick a date.';
  if (!isCalendarDate(selected)) return 'That is not a date I can read. Pick one from the calendar.';
  const today = localDate(now, timeZone);
  if (selected <= today) return 'Pick a date after today.';
  const latest = localDate(new Date(now.getTime() + RENEW_DAYS_MAX * DAY_MS), timeZone);
  if (selected > latest) return `Azure DevOps allows at most a year: pick ${latest} or earlier.`;
  return null;
}
