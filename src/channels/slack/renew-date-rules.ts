/**
 * Inline checks for the custom-date modal, answered in the ack (`response_action: errors`) so
 * the person can fix the date without losing the form. Azure DevOps itself caps the rest.
 */
import { isCalendarDate } from '../../core/commands/command-values';
import { RENEW_DAYS_MAX } from '../../core/commands/parsed-command';

const DAY_MS = 86_400_000;

/** `yyyy-mm-dd` of an instant, in UTC. */
export function utcDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The error to show under the date picker, or null when the date can be asked for. */
export function renewDateError(selected: string | null | undefined, now: Date): string | null {
  if (!selected) return 'Pick a date.';
  if (!isCalendarDate(selected)) return 'That is not a date I can read. Pick one from the calendar.';
  const today = utcDate(now);
  if (selected <= today) return 'Pick a date after today.';
  const latest = utcDate(new Date(now.getTime() + RENEW_DAYS_MAX * DAY_MS));
  if (selected > latest) return `Azure DevOps allows at most a year: pick ${latest} or earlier.`;
  return null;
}
