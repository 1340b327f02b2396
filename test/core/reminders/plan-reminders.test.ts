import { planReminders, type PlanRemindersInput } from '../../../src/core/reminders/plan-reminders';
import { baseThreshold, ledgerKeyId } from '../../../src/core/reminders/ledger-keys';
import { DEFAULT_WORKING_HOURS, type WorkingHours } from '../../../src/core/reminders/working-hours';
import { DAY_MS, makePat } from './support/pat-fixture';

const EVERY_DAY: WorkingHours = { startMinute: 9 * 60, endMinute: 17 * 60, days: [0, 1, 2, 3, 4, 5, 6] };
// Monday 1 March 2027, 10:00 UTC.
const MONDAY_10 = new Date('2027-03-01T10:00:00Z');

function plan(overrides: Partial<PlanRemindersInput>): ReturnType<typeof planReminders> {
  return planReminders({
    pats: [],
    now: MONDAY_10,
    thresholdsDays: [14, 7, 3, 1, 0],
    target: 'dm:u1',
    timeZone: 'UTC',
    workingHours: EVERY_DAY,
    ...overrides,
  });
}

/** Daily sweeps at 10:00 UTC from `from` for `days` days, applying a ledger; returns the labels sent, in order. */
function dailySweeps(
  input: Partial<PlanRemindersInput>,
  from: Date,
  days: number,
  hours = EVERY_DAY,
): string[] {
  const sent = new Set<string>();
  const labels: string[] = [];
  for (let d = 0; d < days; d++) {
    const now = new Date(from.getTime() + d * DAY_MS);
    for (const r of plan({ ...input, now, sentKeys: sent, workingHours: hours })) {
      sent.add(ledgerKeyId(r.key));
      labels.push(baseThreshold(r.key.threshold));
    }
  }
  return labels;
}

describe('planReminders', () => {
  it('sends each threshold once, then the expired notice once', () => {
    const pat = makePat({ validTo: '2027-03-21T15:00:00Z' });
    expect(dailySweeps({ pats: [pat] }, MONDAY_10, 40)).toEqual(['14d', '7d', '3d', '1d', '0d', 'expired']);
  });

  it('on weekdays only, a threshold crossed at the weekend goes out on Monday (and only the tightest)', () => {
    // Expires Sunday 14 March 15:00 UTC: 7d falls on Sunday 7 March (sent Monday 8 at 6 days left),
    // 3d on Thursday 11; 1d and 0d fall on the weekend, so the next working day has the expired notice.
    const pat = makePat({ validTo: '2027-03-14T15:00:00Z' });
    const labels = dailySweeps({ pats: [pat] }, MONDAY_10, 20, DEFAULT_WORKING_HOURS);
    expect(labels).toEqual(['14d', '7d', '3d', 'expired']);
  });

  it('a PAT first seen 2 days before expiry gets the 3d reminder only', () => {
    const pat = makePat({ validTo: new Date(MONDAY_10.getTime() + 2 * DAY_MS) });
    const planned = plan({ pats: [pat] });
    expect(planned.map((p) => baseThreshold(p.key.threshold))).toEqual(['3d']);
    expect(planned[0]).toMatchObject({ kind: 'threshold', thresholdDays: 3, daysLeft: 2 });
    expect(planned[0].key).toMatchObject({ patId: pat.id, target: 'dm:u1' });
  });

  it('plans nothing for a PAT far from expiry, or revoked', () => {
    expect(plan({ pats: [makePat({ validTo: '2027-06-01T00:00:00Z' })] })).toEqual([]);
    expect(plan({ pats: [makePat({ validTo: '2027-03-03T00:00:00Z', revoked: true })] })).toEqual([]);
  });

  it('renewal suppression: a renewed PAT is not reminded of its old cycle, and its new cycle starts over', () => {
    const id = 'aaaaaaaa-0000-4000-8000-000000000001';
    const sent = new Set<string>();
    const before = makePat({ id, validTo: '2027-03-06T12:00:00Z' });
    const first = plan({ pats: [before], sentKeys: sent });
    expect(first.map((p) => baseThreshold(p.key.threshold))).toEqual(['7d']);
    first.forEach((p) => sent.add(ledgerKeyId(p.key)));
    // Renewed (in patbot or in Azure DevOps) to 30 days later: nothing is due the next day.
    const renewed = makePat({ id, validTo: '2027-04-05T12:00:00Z' });
    expect(plan({ pats: [renewed], sentKeys: sent, now: new Date('2027-03-02T10:00:00Z') })).toEqual([]);
    // 14 days before the NEW expiry the 14d reminder of the new cycle is due, although 7d was sent before.
    const later = plan({ pats: [renewed], sentKeys: sent, now: new Date('2027-03-22T10:00:00Z') });
    expect(later.map((p) => baseThreshold(p.key.threshold))).toEqual(['14d']);
  });

  it('the expired notice goes out only within the notice window', () => {
    const recent = makePat({ validTo: '2027-02-27T08:00:00Z' });
    const old = makePat({ validTo: '2027-02-10T08:00:00Z' });
    const planned = plan({ pats: [recent, old] });
    expect(planned.map((p) => [p.pat.id, p.kind, p.daysLeft])).toEqual([[recent.id, 'expired', -2]]);
  });

  it('all-organisation PATs get the extra retirement reminder before 2026-12-01, besides their threshold', () => {
    const now = new Date('2026-11-20T10:00:00Z');
    const global = makePat({ validTo: '2027-05-01T00:00:00Z', targetAccounts: null });
    const scoped = makePat({ validTo: '2027-05-01T00:00:00Z' });
    const planned = plan({ pats: [global, scoped], now });
    expect(planned.map((p) => [p.pat.id, baseThreshold(p.key.threshold)])).toEqual([
      [global.id, '14d'],
      [global.id, 'global-retirement'],
    ]);
    expect(planned[0].expiresAt.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(plan({ pats: [global], now: new Date('2026-12-02T10:00:00Z') }).map((p) => p.kind)).toEqual([
      'global-dead',
    ]);
  });

  describe('dead all-organisation PATs (stopped on 1 Dec 2026)', () => {
    const global = makePat({ validTo: '2027-05-01T00:00:00Z', targetAccounts: null });

    it('get one global-dead notice instead of the expired one, whatever the date', () => {
      for (const at of ['2026-12-01T10:00:00Z', '2026-12-20T10:00:00Z', '2027-04-20T10:00:00Z']) {
        const planned = plan({ pats: [global], now: new Date(at) });
        expect(planned.map((p) => [p.kind, p.key.threshold, p.daysLeft <= 0])).toEqual([
          ['global-dead', 'global-dead', true],
        ]);
        expect(planned[0].expiresAt.toISOString()).toBe('2026-12-01T00:00:00.000Z');
      }
    });

    it('is sent once per PAT across daily sweeps, and not again after its validTo', () => {
      const other = makePat({ validTo: '2028-01-01T00:00:00Z', targetAccounts: null });
      const labels = dailySweeps({ pats: [global, other] }, new Date('2026-12-02T10:00:00Z'), 200);
      expect(labels).toEqual(['global-dead', 'global-dead']);
    });

    it('a snooze does not hide it', () => {
      const snoozes = new Map([[global.id, new Date('2027-01-01T00:00:00Z')]]);
      expect(
        plan({ pats: [global], snoozes, now: new Date('2026-12-03T10:00:00Z') }).map((p) => p.kind),
      ).toEqual(['global-dead']);
    });

    it('channels (includeGlobalRetirement false) keep the expired notice and its 7-day window', () => {
      const at = (iso: string) =>
        plan({ pats: [global], includeGlobalRetirement: false, now: new Date(iso) }).map((p) => p.kind);
      expect(at('2026-12-03T10:00:00Z')).toEqual(['expired']);
      expect(at('2026-12-20T10:00:00Z')).toEqual([]);
    });

    it('a global PAT whose own validTo ended it before 1 Dec, and a scoped PAT, stay on the expired notice', () => {
      const early = makePat({ validTo: '2026-11-30T08:00:00Z', targetAccounts: null });
      const scoped = makePat({ validTo: '2026-11-30T09:00:00Z' });
      const planned = plan({ pats: [early, scoped], now: new Date('2026-12-02T10:00:00Z') });
      expect(planned.map((p) => [p.pat.id, p.kind])).toEqual([
        [early.id, 'expired'],
        [scoped.id, 'expired'],
      ]);
      expect(plan({ pats: [early], now: new Date('2026-12-20T10:00:00Z') })).toEqual([]);
    });

    it('revoked ones get nothing', () => {
      const revoked = { ...global, revoked: true };
      expect(plan({ pats: [revoked], now: new Date('2026-12-03T10:00:00Z') })).toEqual([]);
    });
  });

  describe('snooze', () => {
    const pat = makePat({ validTo: '2027-03-21T15:00:00Z' });

    it('pauses a PAT, then the pending reminder comes when the snooze ends', () => {
      const snoozes = new Map([[pat.id, new Date('2027-03-16T00:00:00Z')]]);
      const labels = dailySweeps({ pats: [pat], snoozes }, MONDAY_10, 40);
      // 14d (1 Mar → 7 Mar) and 7d (14 Mar) fall in the snooze; on 16 Mar the tightest is 7d.
      expect(labels).toEqual(['7d', '3d', '1d', '0d', 'expired']);
    });

    it('never hides the last threshold before expiry, the expiry day or the expired notice', () => {
      const snoozes = new Map([[pat.id, new Date('2027-12-31T00:00:00Z')]]);
      expect(dailySweeps({ pats: [pat], snoozes }, MONDAY_10, 40)).toEqual(['1d', '0d', 'expired']);
    });

    it('a snooze that ended in the past changes nothing', () => {
      const snoozes = new Map([[pat.id, new Date('2027-01-01T00:00:00Z')]]);
      expect(dailySweeps({ pats: [pat], snoozes }, MONDAY_10, 40)).toEqual(
        dailySweeps({ pats: [pat] }, MONDAY_10, 40),
      );
    });
  });

  describe('working hours and time zones', () => {
    const pat = makePat({ validTo: '2027-03-03T12:00:00Z' });

    it('plans nothing before 09:00 or from 17:00 in the user zone', () => {
      expect(plan({ pats: [pat], now: new Date('2027-03-01T07:59:00Z'), timeZone: 'Europe/Berlin' })).toEqual(
        [],
      );
      expect(
        plan({ pats: [pat], now: new Date('2027-03-01T08:00:00Z'), timeZone: 'Europe/Berlin' }),
      ).toHaveLength(1);
      expect(plan({ pats: [pat], now: new Date('2027-03-01T16:00:00Z'), timeZone: 'Europe/Berlin' })).toEqual(
        [],
      );
    });

    it('the same instant is in hours for one zone and not for another', () => {
      const now = new Date('2027-03-01T14:30:00Z');
      expect(plan({ pats: [pat], now, timeZone: 'America/New_York' })).toHaveLength(1); // 09:30
      expect(plan({ pats: [pat], now, timeZone: 'Asia/Tokyo' })).toEqual([]); // 23:30
    });

    it('plans nothing at the weekend with the default Monday-to-Friday hours', () => {
      const saturday = new Date('2027-03-06T10:00:00Z');
      expect(plan({ pats: [pat], now: saturday, workingHours: DEFAULT_WORKING_HOURS })).toEqual([]);
    });

    it('counts days by calendar date in the user zone', () => {
      const expiry = makePat({ validTo: '2027-03-01T16:00:00Z' }); // 2 March 01:00 in Tokyo
      const tokyo = plan({ pats: [expiry], now: new Date('2027-03-01T01:00:00Z'), timeZone: 'Asia/Tokyo' });
      expect(tokyo.map((p) => [baseThreshold(p.key.threshold), p.daysLeft])).toEqual([['1d', 1]]);
      const utc = plan({ pats: [expiry], now: MONDAY_10, timeZone: null });
      expect(utc.map((p) => [baseThreshold(p.key.threshold), p.daysLeft])).toEqual([['0d', 0]]);
    });
  });
});
