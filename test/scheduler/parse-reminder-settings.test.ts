import { parseReminderEnv } from '../../src/scheduler';
import { parseWorkingHours, isWithinWorkingHours } from '../../src/core/reminders/working-hours';
import { parseThresholds } from '../../src/core/reminders/thresholds';

describe('REMINDER_* settings', () => {
  it('defaults: hourly, 14,7,3,1,0, 09:00-17:00 Monday to Friday, UTC, 8 at once', () => {
    expect(parseReminderEnv({})).toEqual({
      settings: {
        cron: '0 * * * *',
        thresholdsDays: [14, 7, 3, 1, 0],
        workingHours: { startMinute: 540, endMinute: 1020, days: [1, 2, 3, 4, 5] },
        defaultTimeZone: 'UTC',
        concurrency: 8,
        itemStaleMs: 300_000,
      },
      problems: [],
    });
  });

  it('reads valid values', () => {
    const parsed = parseReminderEnv({
      REMINDER_CRON: '*/15 * * * *',
      REMINDER_THRESHOLDS_DAYS: '1, 30,7,7',
      REMINDER_WORKING_HOURS: 'Sun-Thu 08:30-16:00',
      REMINDER_DEFAULT_TIMEZONE: 'Asia/Jerusalem',
      REMINDER_CONCURRENCY: '2',
      SWEEP_STALE_SECONDS: '45',
    });
    expect(parsed.problems).toEqual([]);
    expect(parsed.settings).toEqual({
      cron: '*/15 * * * *',
      thresholdsDays: [30, 7, 1],
      workingHours: { startMinute: 510, endMinute: 960, days: [0, 1, 2, 3, 4] },
      defaultTimeZone: 'Asia/Jerusalem',
      concurrency: 2,
      itemStaleMs: 45_000,
    });
  });

  it('names each invalid variable with how to fix it', () => {
    const { problems } = parseReminderEnv({
      REMINDER_CRON: 'hourly',
      REMINDER_THRESHOLDS_DAYS: '7,-1',
      REMINDER_WORKING_HOURS: '17:00-09:00',
      REMINDER_DEFAULT_TIMEZONE: 'Mars/Olympus',
      REMINDER_CONCURRENCY: '0',
      SWEEP_STALE_SECONDS: '0',
    });
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'REMINDER_CRON',
      'REMINDER_THRESHOLDS_DAYS',
      'REMINDER_WORKING_HOURS',
      'REMINDER_DEFAULT_TIMEZONE',
      'REMINDER_CONCURRENCY',
      'SWEEP_STALE_SECONDS',
    ]);
    expect(problems.every((p) => /(Use|e\.g\.)/.test(p))).toBe(true);
  });

  it('REMINDER_CRON with six fields (croner would read seconds first: every minute) is refused', () => {
    const { problems, settings } = parseReminderEnv({ REMINDER_CRON: '0 0 * * * *' });
    expect(problems).toEqual([
      'REMINDER_CRON: "0 0 * * * *" has 6 field(s); patbot takes exactly five, without seconds. Use five fields (minute hour day month weekday), e.g. "0 * * * *" for hourly.',
    ]);
    expect(settings.cron).toBe('0 0 * * * *');
    expect(parseReminderEnv({ REMINDER_CRON: '0 * * *' }).problems[0]).toMatch(/has 4 field\(s\)/);
    expect(parseReminderEnv({ REMINDER_CRON: ' 30  9 * * 1-5 ' }).problems).toEqual([]);
  });

  it('working hours: weekday lists and wrap-around ranges', () => {
    expect(parseWorkingHours('Mon,Wed 10:00-12:00').days).toEqual([1, 3]);
    expect(parseWorkingHours('Fri-Mon 09:00-17:00').days).toEqual([0, 1, 5, 6]);
    expect(() => parseWorkingHours('Funday 09:00-17:00')).toThrow('REMINDER_WORKING_HOURS');
    expect(() => parseThresholds('')).toThrow('REMINDER_THRESHOLDS_DAYS');
    const hours = parseWorkingHours('09:00-17:00');
    expect(isWithinWorkingHours(new Date('2027-03-01T08:00:00Z'), 'Europe/London', hours)).toBe(false);
    expect(isWithinWorkingHours(new Date('2027-07-01T08:00:00Z'), 'Europe/London', hours)).toBe(true); // BST
  });
});
