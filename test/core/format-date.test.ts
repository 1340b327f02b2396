import {
  calendarDaysBetween,
  endOfLocalDay,
  formatDate,
  formatRelative,
  resolveTimeZone,
} from '../../src/core/format-date';

describe('formatDate', () => {
  it('formats as "Tue 3 Dec 2026" in UTC by default', () => {
    expect(formatDate(new Date('2026-12-03T10:00:00Z'))).toBe('Thu 3 Dec 2026');
    expect(formatDate(new Date('2026-09-15T00:00:00Z'))).toBe('Tue 15 Sep 2026');
  });

  it("uses the user's zone: the same instant is a different date in Tokyo and Los Angeles", () => {
    const at = new Date('2026-12-03T20:00:00Z');
    expect(formatDate(at, 'UTC')).toBe('Thu 3 Dec 2026');
    expect(formatDate(at, 'Asia/Tokyo')).toBe('Fri 4 Dec 2026');
    expect(formatDate(new Date('2026-12-03T03:00:00Z'), 'America/Los_Angeles')).toBe('Wed 2 Dec 2026');
  });

  it('falls back to UTC for an unknown or invalid zone', () => {
    const at = new Date('2026-12-03T23:30:00Z');
    expect(formatDate(at, 'Mars/Olympus')).toBe('Thu 3 Dec 2026');
    expect(formatDate(at, '')).toBe('Thu 3 Dec 2026');
    expect(formatDate(at, null)).toBe('Thu 3 Dec 2026');
    expect(formatDate(new Date('nope'))).toBe('unknown date');
  });
});

describe('resolveTimeZone', () => {
  it('labels a valid zone with its name and a missing or invalid one as UTC', () => {
    expect(resolveTimeZone('Europe/Berlin')).toEqual({
      timeZone: 'Europe/Berlin',
      label: 'Europe/Berlin',
      known: true,
    });
    expect(resolveTimeZone('Not/AZone')).toEqual({ timeZone: 'UTC', label: 'UTC', known: false });
    expect(resolveTimeZone(undefined)).toEqual({ timeZone: 'UTC', label: 'UTC', known: false });
  });
});

describe('formatRelative', () => {
  const now = new Date('2026-11-28T12:00:00Z');
  it.each([
    ['2026-11-28T23:00:00Z', 'today'],
    ['2026-11-29T01:00:00Z', 'tomorrow'],
    ['2026-11-27T01:00:00Z', 'yesterday'],
    ['2026-12-03T08:00:00Z', 'in 5 days'],
    ['2026-11-26T08:00:00Z', '2 days ago'],
    ['2027-11-28T12:00:00Z', 'in 365 days'],
  ])('%s → %s (UTC)', (at, text) => {
    expect(formatRelative(new Date(at), now)).toBe(text);
  });

  it('counts calendar days in the user zone', () => {
    // 23:00 UTC on the 28th is already the 29th in Berlin: "tomorrow" there, "today" in UTC.
    const at = new Date('2026-11-28T23:30:00Z');
    expect(formatRelative(at, now, 'UTC')).toBe('today');
    expect(formatRelative(at, now, 'Europe/Berlin')).toBe('tomorrow');
    expect(calendarDaysBetween(now, at, 'Europe/Berlin')).toBe(1);
  });
});

describe('endOfLocalDay', () => {
  it('is the last second of that calendar day in the zone', () => {
    expect(endOfLocalDay('2027-03-01', 'Europe/Berlin').toISOString()).toBe('2027-03-01T22:59:59.000Z');
    expect(endOfLocalDay('2027-03-01', 'America/Los_Angeles').toISOString()).toBe('2027-03-02T07:59:59.000Z');
    expect(endOfLocalDay('2027-03-01', 'Asia/Tokyo').toISOString()).toBe('2027-03-01T14:59:59.000Z');
    expect(endOfLocalDay('2027-03-01', null).toISOString()).toBe('2027-03-01T23:59:59.000Z');
    expect(endOfLocalDay('2027-03-01', 'Not/AZone').toISOString()).toBe('2027-03-01T23:59:59.000Z');
  });

  it('handles a day on which the clocks change', () => {
    // Berlin switches to summer time on 28 Mar 2027 (UTC+2 at the end of that day)
    expect(endOfLocalDay('2027-03-28', 'Europe/Berlin').toISOString()).toBe('2027-03-28T21:59:59.000Z');
  });

  it('formats back to the same day in that zone', () => {
    for (const tz of ['Europe/Berlin', 'Pacific/Auckland', 'America/New_York', 'Asia/Kolkata']) {
      expect(formatDate(endOfLocalDay('2027-03-02', tz), tz)).toBe('Tue 2 Mar 2027');
    }
  });
});

describe('memoised formatting', () => {
  it('changes date exactly at local midnight, also in zones with 45-minute offsets', () => {
    // Kathmandu is UTC+5:45 and Chatham UTC+13:45 in its summer: local midnight is at :15 UTC.
    const cases: [string, string, string, string][] = [
      ['Asia/Kathmandu', '2026-03-01T18:14:59.999Z', 'Sun 1 Mar 2026', 'Mon 2 Mar 2026'],
      ['Pacific/Chatham', '2026-01-10T10:14:59.999Z', 'Sat 10 Jan 2026', 'Sun 11 Jan 2026'],
      ['Europe/Berlin', '2026-11-28T22:59:59.999Z', 'Sat 28 Nov 2026', 'Sun 29 Nov 2026'],
    ];
    for (const [zone, before, dayBefore, dayAfter] of cases) {
      const at = new Date(before);
      // Twice each, so the second answer comes from the memo.
      for (let i = 0; i < 2; i++) {
        expect(formatDate(at, zone)).toBe(dayBefore);
        expect(formatDate(new Date(at.getTime() + 1), zone)).toBe(dayAfter);
        expect(calendarDaysBetween(at, new Date(at.getTime() + 1), zone)).toBe(1);
      }
    }
  });

  it('keeps resolving an invalid zone to UTC, and a valid one to itself, on repeated calls', () => {
    for (let i = 0; i < 3; i++) {
      expect(resolveTimeZone('Not/AZone')).toEqual({ timeZone: 'UTC', label: 'UTC', known: false });
      expect(resolveTimeZone('Europe/Berlin')).toEqual({
        timeZone: 'Europe/Berlin',
        label: 'Europe/Berlin',
        known: true,
      });
    }
  });

  it('formats instants before 1972 directly (offsets then were not whole quarter hours)', () => {
    // Liberia was UTC−0:44:30 until 1972: local midnight at 00:44:30 UTC, inside a quarter hour.
    expect(formatDate(new Date('1970-01-15T00:44:29Z'), 'Africa/Monrovia')).toBe('Wed 14 Jan 1970');
    expect(formatDate(new Date('1970-01-15T00:44:31Z'), 'Africa/Monrovia')).toBe('Thu 15 Jan 1970');
  });
});
