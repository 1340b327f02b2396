/**
 * Working hours (`REMINDER_WORKING_HOURS`, default `09:00-17:00` Monday to Friday) evaluated in
 * a person's or a channel's own IANA time zone.
 */
import { CodedError } from '../../errors';
import { isoDateOf, resolveTimeZone, zonedParts } from '../format-date';

/** A daily window `[startMinute, endMinute)` on the listed weekdays (0 = Sunday … 6 = Saturday). */
export interface WorkingHours {
  startMinute: number;
  endMinute: number;
  days: readonly number[];
}

/** 09:00–17:00, Monday to Friday. */
export const DEFAULT_WORKING_HOURS: WorkingHours = {
  startMinute: 9 * 60,
  endMinute: 17 * 60,
  days: [1, 2, 3, 4, 5],
};

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const TIME = /^([01]?\d|2[0-4]):([0-5]\d)$/;

function minuteOf(text: string): number | undefined {
  const m = TIME.exec(text.trim());
  if (!m) return undefined;
  const minute = Number(m[1]) * 60 + Number(m[2]);
  return minute <= 24 * 60 ? minute : undefined;
}

function dayRange(text: string): number[] | undefined {
  const [from, to] = text.toLowerCase().split('-');
  const a = DAY_NAMES.indexOf(from.slice(0, 3));
  const b = to === undefined ? a : DAY_NAMES.indexOf(to.slice(0, 3));
  if (a < 0 || b < 0) return undefined;
  const days: number[] = [];
  for (let d = a; ; d = (d + 1) % 7) {
    days.push(d);
    if (d === b) return days;
  }
}

function invalid(value: string): CodedError {
  return new CodedError(
    'config.invalid',
    `REMINDER_WORKING_HOURS: "${value}" is not a working-hours window.`,
    {
      nextStep: 'Use HH:MM-HH:MM, optionally after weekdays, e.g. 09:00-17:00 or Sun-Thu 08:30-16:30.',
    },
  );
}

/**
 * Parses `HH:MM-HH:MM` with an optional weekday range before it (`Mon-Fri 09:00-17:00`,
 * `Sun-Thu 08:00-16:00`, `Mon,Wed 10:00-12:00`); weekdays default to Monday to Friday.
 * @throws CodedError `config.invalid`
 */
export function parseWorkingHours(value: string): WorkingHours {
  const parts = value.trim().split(/\s+/);
  if (parts.length === 0 || parts.length > 2) throw invalid(value);
  const window = parts[parts.length - 1];
  const [startText, endText, extra] = window.split('-');
  if (startText === undefined || endText === undefined || extra !== undefined) throw invalid(value);
  const startMinute = minuteOf(startText);
  const endMinute = minuteOf(endText);
  if (startMinute === undefined || endMinute === undefined || endMinute <= startMinute) throw invalid(value);
  let days: number[] = [...DEFAULT_WORKING_HOURS.days];
  if (parts.length === 2) {
    const lists = parts[0].split(',').map(dayRange);
    if (lists.some((l) => l === undefined)) throw invalid(value);
    days = [...new Set(lists.flatMap((l) => l ?? []))].sort((x, y) => x - y);
  }
  return { startMinute, endMinute, days };
}

export interface LocalTime {
  /** `YYYY-MM-DD` in the zone. */
  day: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** Minutes since local midnight. */
  minute: number;
}

/** The local date, weekday and minute of `at` in `timeZone` (UTC when missing or not an IANA zone). */
export function localTime(at: Date, timeZone: string | null | undefined): LocalTime {
  const p = zonedParts(at, resolveTimeZone(timeZone).timeZone);
  return { day: isoDateOf(p), weekday: p.weekday, minute: p.hour * 60 + p.minute };
}

/** True when `at` falls inside the working hours in `timeZone`. */
export function isWithinWorkingHours(
  at: Date,
  timeZone: string | null | undefined,
  hours: WorkingHours,
): boolean {
  const local = localTime(at, timeZone);
  return (
    hours.days.includes(local.weekday) && local.minute >= hours.startMinute && local.minute < hours.endMinute
  );
}
