/** `ADMIN_DIGEST_AT`: a weekday and a UTC time, e.g. `mon 08:00` (the weekly admin digest). */
import type { Problems } from './parse';

export interface WeeklyTime {
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
  readonly hour: number;
  readonly minute: number;
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export const DEFAULT_ADMIN_DIGEST_AT: WeeklyTime = { weekday: 1, hour: 8, minute: 0 };

export function parseWeeklyTime(value: string | undefined, name: string, problems: Problems): WeeklyTime {
  if (value === undefined || value.trim() === '') return DEFAULT_ADMIN_DIGEST_AT;
  const m = /^\s*([a-z]{3})[a-z]*\s+(\d{1,2}):(\d{2})\s*(?:utc)?\s*$/i.exec(value);
  const weekday = m ? DAYS.indexOf(m[1].toLowerCase() as (typeof DAYS)[number]) : -1;
  const hour = m ? Number(m[2]) : NaN;
  const minute = m ? Number(m[3]) : NaN;
  if (weekday < 0 || !(hour >= 0 && hour <= 23) || !(minute >= 0 && minute <= 59)) {
    problems.add(name, `is "${value}", not a weekday and a UTC time.`, 'Write it like `mon 08:00`.');
    return DEFAULT_ADMIN_DIGEST_AT;
  }
  return { weekday, hour, minute };
}
