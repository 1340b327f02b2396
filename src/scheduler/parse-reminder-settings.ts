/**
 * Validation of the REMINDER_* variables for src/config/ (which stays the only reader of
 * `process.env`): config passes the raw strings and merges the problems into its own list.
 */
import { Cron } from 'croner';
import { parseThresholds } from '../core/reminders/thresholds';
import { parseWorkingHours } from '../core/reminders/working-hours';
import { isCodedError } from '../errors';
import { DEFAULT_REMINDER_CRON } from './reminder-scheduler';
import type { ReminderSettings } from './reminder-settings';

/** The raw values, as config.ts reads them (undefined or blank = default). */
export interface RawReminderEnv {
  REMINDER_CRON?: string;
  REMINDER_THRESHOLDS_DAYS?: string;
  REMINDER_WORKING_HOURS?: string;
  REMINDER_DEFAULT_TIMEZONE?: string;
  REMINDER_CONCURRENCY?: string;
  SWEEP_STALE_SECONDS?: string;
}

export interface ParsedReminderEnv {
  settings: Required<
    Pick<
      ReminderSettings,
      'cron' | 'thresholdsDays' | 'workingHours' | 'defaultTimeZone' | 'concurrency' | 'itemStaleMs'
    >
  >;
  /** `VARIABLE: problem. How to fix.` lines, empty when everything is valid. */
  problems: string[];
}

const blank = (v: string | undefined): string | undefined =>
  v === undefined || v.trim() === '' ? undefined : v.trim();

/** True for an IANA zone name the runtime knows (`Europe/Berlin`, `UTC`). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const FIVE_FIELDS = 'Use five fields (minute hour day month weekday), e.g. "0 * * * *" for hourly.';

/**
 * REMINDER_CRON's problem, or null. croner also takes six or seven fields (seconds first, a year
 * last), so "0 0 * * * *" would be read as "second 0 of every minute": refused, as documented.
 */
function reminderCronProblem(cron: string): string | null {
  const fields = cron.split(/\s+/).length;
  if (fields !== 5)
    return `REMINDER_CRON: "${cron}" has ${fields} field(s); patbot takes exactly five, without seconds. ${FIVE_FIELDS}`;
  try {
    new Cron(cron, { paused: true }).stop();
    return null;
  } catch {
    return `REMINDER_CRON: "${cron}" is not a cron pattern. ${FIVE_FIELDS}`;
  }
}

/** Parses and validates; never throws (problems are returned, defaults used in their place). */
export function parseReminderEnv(env: RawReminderEnv): ParsedReminderEnv {
  const problems: string[] = [];
  const message = (e: unknown): string => (isCodedError(e) ? `${e.message} ${e.nextStep}` : String(e));

  const cron = blank(env.REMINDER_CRON) ?? DEFAULT_REMINDER_CRON;
  const cronProblem = reminderCronProblem(cron);
  if (cronProblem) problems.push(cronProblem);

  let thresholdsDays = [14, 7, 3, 1, 0];
  const rawThresholds = blank(env.REMINDER_THRESHOLDS_DAYS);
  if (rawThresholds !== undefined) {
    try {
      thresholdsDays = parseThresholds(rawThresholds);
    } catch (e) {
      problems.push(message(e));
    }
  }

  let workingHours = parseWorkingHours('09:00-17:00');
  const rawHours = blank(env.REMINDER_WORKING_HOURS);
  if (rawHours !== undefined) {
    try {
      workingHours = parseWorkingHours(rawHours);
    } catch (e) {
      problems.push(message(e));
    }
  }

  const defaultTimeZone = blank(env.REMINDER_DEFAULT_TIMEZONE) ?? 'UTC';
  if (!isTimeZone(defaultTimeZone)) {
    problems.push(
      `REMINDER_DEFAULT_TIMEZONE: "${defaultTimeZone}" is not an IANA time zone. Use e.g. UTC or Europe/Berlin.`,
    );
  }

  let concurrency = 8;
  const rawConcurrency = blank(env.REMINDER_CONCURRENCY);
  if (rawConcurrency !== undefined) {
    const n = Number(rawConcurrency);
    if (Number.isInteger(n) && n >= 1 && n <= 64) concurrency = n;
    else
      problems.push(
        `REMINDER_CONCURRENCY: "${rawConcurrency}" is not a whole number from 1 to 64. Use e.g. 8.`,
      );
  }

  let itemStaleSeconds = 300;
  const rawStale = blank(env.SWEEP_STALE_SECONDS);
  if (rawStale !== undefined) {
    const n = Number(rawStale);
    if (Number.isInteger(n) && n >= 1 && n <= 86_400) itemStaleSeconds = n;
    else
      problems.push(
        `SWEEP_STALE_SECONDS: "${rawStale}" is not a whole number of seconds from 1 to 86400. Use e.g. 300 (longer than one person's turn, 120 s).`,
      );
  }

  return {
    settings: {
      cron,
      itemStaleMs: itemStaleSeconds * 1000,
      thresholdsDays,
      workingHours,
      defaultTimeZone: isTimeZone(defaultTimeZone) ? defaultTimeZone : 'UTC',
      concurrency,
    },
    problems,
  };
}
