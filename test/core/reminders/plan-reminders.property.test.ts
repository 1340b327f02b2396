import fc from 'fast-check';
import type { Pat } from '../../../src/core/pat';
import { planReminders } from '../../../src/core/reminders/plan-reminders';
import { ledgerKeyId } from '../../../src/core/reminders/ledger-keys';
import { protectedThresholds } from '../../../src/core/reminders/thresholds';
import type { WorkingHours } from '../../../src/core/reminders/working-hours';
import { DAY_MS, HOUR_MS } from './support/pat-fixture';

const ZONES = ['UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Auckland', null];
const BASE = Date.parse('2027-01-04T00:00:00Z');

const patArb: fc.Arbitrary<Pat> = fc
  .record({
    id: fc.uuid(),
    hoursFromBase: fc.integer({ min: -10 * 24, max: 60 * 24 }),
    global: fc.boolean(),
    revoked: fc.boolean(),
  })
  .map(({ id, hoursFromBase, global, revoked }) => ({
    id,
    name: `p-${id.slice(0, 4)}`,
    org: 'contoso',
    scope: 'vso.code',
    targetAccounts: global ? null : ['org'],
    validFrom: new Date(BASE - 100 * DAY_MS),
    validTo: new Date(BASE + hoursFromBase * HOUR_MS),
    ...(revoked ? { revoked: true } : {}),
  }));

const hoursArb: fc.Arbitrary<WorkingHours> = fc
  .record({
    start: fc.integer({ min: 0, max: 22 }),
    length: fc.integer({ min: 1, max: 12 }),
    days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }),
  })
  .map(({ start, length, days }) => ({
    startMinute: start * 60,
    endMinute: Math.min(24 * 60, (start + length) * 60),
    days,
  }));

const thresholdsArb = fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 6 });

/** Local weekday and hour computed independently of the code under test. */
function localHour(at: Date, zone: string | null): { weekday: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone ?? 'UTC',
    weekday: 'short',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return { weekday, minute: Number(get('hour')) * 60 + Number(get('minute')) };
}

describe('planReminders properties', () => {
  it('with the ledger applied, repeated sweeps never plan the same key twice', () => {
    fc.assert(
      fc.property(
        fc.array(patArb, { maxLength: 6 }),
        thresholdsArb,
        fc.constantFrom(...ZONES),
        fc.array(fc.integer({ min: 0, max: 80 * 24 * 4 }), { minLength: 1, maxLength: 60 }),
        (pats, thresholdsDays, timeZone, quarterHours) => {
          const sent = new Set<string>();
          const times = [...quarterHours].sort((a, b) => a - b).map((q) => new Date(BASE + q * 15 * 60_000));
          const hours: WorkingHours = { startMinute: 0, endMinute: 24 * 60, days: [0, 1, 2, 3, 4, 5, 6] };
          for (const now of times) {
            const planned = planReminders({
              pats,
              now,
              thresholdsDays,
              target: 't',
              timeZone,
              workingHours: hours,
              sentKeys: sent,
            });
            for (const p of planned) {
              const id = ledgerKeyId(p.key);
              expect(sent.has(id)).toBe(false);
              sent.add(id);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never plans outside working hours', () => {
    fc.assert(
      fc.property(
        fc.array(patArb, { minLength: 1, maxLength: 6 }),
        hoursArb,
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: 60 * 24 * 4 }),
        (pats, workingHours, timeZone, q) => {
          const now = new Date(BASE + q * 15 * 60_000);
          const planned = planReminders({
            pats,
            now,
            thresholdsDays: [14, 7, 3, 1, 0],
            target: 't',
            timeZone,
            workingHours,
          });
          if (planned.length === 0) return;
          const local = localHour(now, timeZone);
          expect(workingHours.days).toContain(local.weekday);
          expect(local.minute).toBeGreaterThanOrEqual(workingHours.startMinute);
          expect(local.minute).toBeLessThan(workingHours.endMinute);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('plans at most one threshold per PAT, the tightest one crossed, and never for revoked PATs', () => {
    fc.assert(
      fc.property(
        fc.array(patArb, { maxLength: 8 }),
        thresholdsArb,
        fc.integer({ min: 0, max: 60 * 24 }),
        (pats, thresholdsDays, h) => {
          const now = new Date(BASE + h * HOUR_MS);
          const all: WorkingHours = { startMinute: 0, endMinute: 24 * 60, days: [0, 1, 2, 3, 4, 5, 6] };
          const planned = planReminders({
            pats,
            now,
            thresholdsDays,
            target: 't',
            timeZone: 'UTC',
            workingHours: all,
          });
          const thresholdsPerPat = new Map<string, number>();
          for (const p of planned) {
            expect(p.pat.revoked).not.toBe(true);
            if (p.kind !== 'threshold') continue;
            thresholdsPerPat.set(p.pat.id, (thresholdsPerPat.get(p.pat.id) ?? 0) + 1);
            const crossed = thresholdsDays.filter((t) => t >= p.daysLeft);
            expect(p.thresholdDays).toBe(Math.min(...crossed));
          }
          for (const count of thresholdsPerPat.values()) expect(count).toBe(1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a snooze never hides the last threshold before expiry, the expiry day, the expired or global-dead notice', () => {
    fc.assert(
      fc.property(
        fc.array(patArb, { minLength: 1, maxLength: 6 }),
        thresholdsArb,
        fc.integer({ min: 0, max: 60 * 24 }),
        fc.integer({ min: 1, max: 90 }),
        (pats, thresholdsDays, h, snoozeDays) => {
          const now = new Date(BASE + h * HOUR_MS);
          const all: WorkingHours = { startMinute: 0, endMinute: 24 * 60, days: [0, 1, 2, 3, 4, 5, 6] };
          const snoozes = new Map(pats.map((p) => [p.id, new Date(now.getTime() + snoozeDays * DAY_MS)]));
          const input = { pats, now, thresholdsDays, target: 't', timeZone: 'UTC', workingHours: all };
          const free = planReminders(input);
          const snoozed = new Set(planReminders({ ...input, snoozes }).map((p) => ledgerKeyId(p.key)));
          const keep = protectedThresholds(thresholdsDays);
          for (const p of free) {
            const mustStay =
              p.kind === 'expired' ||
              p.kind === 'global-dead' ||
              (p.kind === 'threshold' && keep.has(p.thresholdDays ?? -1));
            if (mustStay) expect(snoozed.has(ledgerKeyId(p.key))).toBe(true);
            else expect(snoozed.has(ledgerKeyId(p.key))).toBe(false);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
