/**
 * Date formatting for people: `Tue 3 Dec 2026` plus relative time, in the user's IANA time zone
 * when it is known and valid, otherwise in UTC (and the label says so).
 */
import { formatCount } from './format-number';

const DAY_MS = 86_400_000;

export interface ResolvedTimeZone {
  /** The IANA zone used for formatting (`UTC` when the user's zone is unknown or invalid). */
  timeZone: string;
  /** What to show next to dates: the zone name, or `UTC`. */
  label: string;
  /** False when the user's zone was missing or not a valid IANA zone and UTC was used instead. */
  known: boolean;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const UTC_FALLBACK: ResolvedTimeZone = Object.freeze({ timeZone: 'UTC', label: 'UTC', known: false });

/**
 * Memo of a bounded size: cleared when full, so input from outside (time zone names, dates)
 * never grows it without limit. A hit costs one Map look-up instead of ICU work.
 */
function boundedMemo<V>(max: number): { get(key: string): V | undefined; set(key: string, value: V): V } {
  const map = new Map<string, V>();
  return {
    get: (key) => map.get(key),
    set(key, value) {
      if (map.size >= max) map.clear();
      map.set(key, value);
      return value;
    },
  };
}

const resolvedZones = boundedMemo<ResolvedTimeZone>(1000);

/** Resolves a user's time zone, falling back to UTC when it is missing or not a valid IANA name. */
export function resolveTimeZone(timeZone?: string | null): ResolvedTimeZone {
  if (!timeZone) return UTC_FALLBACK;
  const hit = resolvedZones.get(timeZone);
  if (hit) return hit;
  try {
    const resolved = formatter(timeZone).resolvedOptions().timeZone;
    return resolvedZones.set(timeZone, Object.freeze({ timeZone: resolved, label: resolved, known: true }));
  } catch {
    // RangeError: not an IANA zone: UTC.
    return resolvedZones.set(timeZone, UTC_FALLBACK);
  }
}

interface LocalDate {
  weekday: string;
  day: number;
  month: string;
  year: number;
  /** Month number 1–12. */
  monthNumber: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Since 1972 every zone's UTC offset is a whole number of 15-minute steps (+5:45, +8:45, +12:45
 * included; Liberia's −0:44:30 was the last exception), so local midnight falls on a 15-minute
 * boundary in UTC and the local date is the same for every instant of a 15-minute slot: one
 * formatToParts per zone and slot. Earlier instants are formatted directly.
 */
const SLOT_MS = 15 * 60_000;
const MEMO_FROM_MS = Date.UTC(1972, 5, 1);
const localDates = boundedMemo<LocalDate>(20_000);

function localDate(at: Date, timeZone: string): LocalDate {
  if (at.getTime() < MEMO_FROM_MS) return computeLocalDate(at, timeZone);
  const key = `${timeZone} ${Math.floor(at.getTime() / SLOT_MS)}`;
  return localDates.get(key) ?? localDates.set(key, Object.freeze(computeLocalDate(at, timeZone)));
}

function computeLocalDate(at: Date, timeZone: string): LocalDate {
  const parts = formatter(timeZone).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  const month = get('month');
  return {
    weekday: get('weekday'),
    day: Number(get('day')),
    month,
    year: Number(get('year')),
    monthNumber: MONTHS.indexOf(month) + 1,
  };
}

/** `Tue 3 Dec 2026` in the given IANA zone (UTC when unknown or invalid); `unknown date` for an invalid Date. */
export function formatDate(at: Date, timeZone?: string | null): string {
  if (Number.isNaN(at.getTime())) return 'unknown date';
  const d = localDate(at, resolveTimeZone(timeZone).timeZone);
  return `${d.weekday} ${d.day} ${d.month} ${d.year}`;
}

/**
 * Whole calendar days from `from` to `to` as seen in the time zone (0 = same local date,
 * negative when `to` is on an earlier date).
 */
export function calendarDaysBetween(from: Date, to: Date, timeZone?: string | null): number {
  const zone = resolveTimeZone(timeZone).timeZone;
  const a = localDate(from, zone);
  const b = localDate(to, zone);
  const dayNumber = (d: LocalDate): number => Date.UTC(d.year, d.monthNumber - 1, d.day) / DAY_MS;
  return Math.round(dayNumber(b) - dayNumber(a));
}

/**
 * Relative time by calendar date in the user's zone: `today`, `tomorrow`, `yesterday`,
 * `in 5 days`, `2 days ago`.
 */
export function formatRelative(at: Date, now: Date, timeZone?: string | null): string {
  if (Number.isNaN(at.getTime()) || Number.isNaN(now.getTime())) return '';
  const days = calendarDaysBetween(now, at, timeZone);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${formatCount(days, 'day')}` : `${formatCount(-days, 'day')} ago`;
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock fields of an instant in an IANA zone (24-hour clock; weekday 0 = Sunday). */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The wall-clock fields of `at` in `timeZone` (which must be a valid zone; see resolveTimeZone). */
export function zonedParts(at: Date, timeZone: string): ZonedParts {
  let f = partFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partFormatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return {
    year: +p.year,
    month: +p.month,
    day: +p.day,
    hour: +p.hour % 24,
    minute: +p.minute,
    second: +p.second,
    weekday: WEEKDAYS.indexOf(p.weekday),
  };
}

/** The zone's offset from UTC at `at`, in milliseconds (positive east of UTC). */
function zoneOffsetMs(at: Date, timeZone: string): number {
  const p = zonedParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The last second (23:59:59) of the calendar day `yyyy-mm-dd` in the user's zone (UTC when the
 * zone is unknown), as an instant: "renew until 2027-03-01" means all of 1 March where they are.
 */
export function endOfLocalDay(date: string, timeZone?: string | null): Date {
  const { timeZone: tz } = resolveTimeZone(timeZone);
  const wallClock = Date.parse(`${date}T23:59:59.000Z`);
  let at = wallClock - zoneOffsetMs(new Date(wallClock), tz);
  at = wallClock - zoneOffsetMs(new Date(at), tz); // once more, in case a DST change lies between
  return new Date(at);
}

/** `yyyy-mm-dd` of an instant in the user's zone (UTC when unknown): "today" where they are. */
export function localCalendarDate(at: Date, timeZone?: string | null): string {
  return isoDateOf(zonedParts(at, resolveTimeZone(timeZone).timeZone));
}

/** `yyyy-mm-dd` of zoned parts. */
export function isoDateOf(p: Pick<ZonedParts, 'year' | 'month' | 'day'>): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(p.year).padStart(4, '0')}-${pad(p.month)}-${pad(p.day)}`;
}
