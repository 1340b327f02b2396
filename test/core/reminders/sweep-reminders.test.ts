import { startWorld, type World } from './support/sweep-world';
import { DAY_MS, HOUR_MS } from './support/pat-fixture';

let w: World;
beforeEach(async () => {
  w = await startWorld();
  w.h.clock.set('2027-03-01T10:00:00Z'); // a Monday
});
afterEach(() => w.close());

/** Sweeps at 10:00 and 14:00 UTC every day for `days` days. */
async function sweepDays(days: number): Promise<void> {
  const start = w.h.clock.now().getTime();
  for (let d = 0; d < days; d++) {
    for (const hour of [0, 4]) {
      w.h.clock.set(new Date(start + d * DAY_MS + hour * HOUR_MS));
      await w.sweep();
    }
  }
}

describe('reminder sweep: direct reminders', () => {
  it('sends each threshold once and the expired notice once, whatever the number of sweeps', async () => {
    const ada = await w.addUser('ada');
    w.addPat(ada, 'deploy', '2027-03-17T15:00:00Z');
    await sweepDays(20);
    expect(w.notifier.directLines()).toEqual([
      `${ada.user.id} deploy 14d`,
      `${ada.user.id} deploy 7d`,
      `${ada.user.id} deploy 3d`,
      `${ada.user.id} deploy 1d`,
      `${ada.user.id} deploy 0d`,
      `${ada.user.id} deploy expired`,
    ]);
    // The sweep looked the personal chat up once and handed it over with every send.
    expect(w.notifier.direct.every((d) => d.to === `teams:dm-ada`)).toBe(true);
    const expired = w.notifier.direct[5].reminder;
    expect(expired).toMatchObject({ kind: 'expired', pat: { name: 'deploy', org: 'contoso', daysLeft: -1 } });
  });

  it('carries view-model data and never a secret', async () => {
    const ada = await w.addUser('ada', { timezone: 'Europe/Berlin' });
    const id = w.addPat(ada, 'deploy', '2027-03-04T12:00:00Z');
    await w.sweep();
    expect(w.notifier.direct).toHaveLength(1);
    const { reminder } = w.notifier.direct[0];
    expect(reminder).toMatchObject({
      kind: 'threshold',
      threshold: '3d',
      thresholdLabel: 'expires in 3 days',
      timeZone: 'Europe/Berlin',
      pat: {
        patId: id,
        name: 'deploy',
        org: 'contoso',
        daysLeft: 3,
        expiresOn: 'Thu 4 Mar 2027',
        allOrgs: false,
      },
    });
    expect(JSON.stringify(w.notifier.direct)).not.toMatch(/AZDO|eyJ/);
    expect(w.logText()).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
  });

  it('a PAT first seen 2 days before expiry gets only the 3d reminder', async () => {
    const ada = await w.addUser('ada');
    w.addPat(ada, 'late', new Date(w.h.clock.now().getTime() + 2 * DAY_MS));
    await w.sweep();
    await w.sweep();
    expect(w.notifier.directLines()).toEqual([`${ada.user.id} late 3d`]);
  });

  it('skips reminders for a PAT renewed outside patbot or revoked in the meantime', async () => {
    const ada = await w.addUser('ada');
    const renewedId = w.addPat(ada, 'renewed', '2027-03-09T12:00:00Z');
    const revokedId = w.addPat(ada, 'revoked', '2027-03-09T12:00:00Z');
    await w.sweep();
    expect(w.notifier.directLines()).toEqual([`${ada.user.id} renewed 14d`, `${ada.user.id} revoked 14d`]);

    const { client } = w.h.client();
    const ctx = { org: 'contoso', accessToken: await w.h.token(ada.sim) };
    await client.update(ctx, { id: renewedId, validTo: new Date('2027-05-30T12:00:00Z') });
    await client.revoke(ctx, revokedId);
    w.notifier.direct.length = 0;
    await sweepDays(12);
    expect(w.notifier.directLines()).toEqual([]);
  });

  it('all-organisation PATs get the extra retirement reminder before 2026-12-01', async () => {
    w.h.clock.set('2026-11-23T10:00:00Z');
    const ada = await w.addUser('ada');
    w.addPat(ada, 'everywhere', '2027-02-01T00:00:00Z', { global: true });
    await w.sweep();
    await w.sweep();
    expect(w.notifier.directLines()).toEqual([
      `${ada.user.id} everywhere 14d`,
      `${ada.user.id} everywhere global-retirement`,
    ]);
    const retirement = w.notifier.direct[1].reminder;
    expect(retirement).toMatchObject({
      kind: 'global-retirement',
      pat: { allOrgs: true, endsAtGlobalRetirement: true },
    });
  });

  it('a snoozed PAT is quiet until the last threshold before expiry', async () => {
    const ada = await w.addUser('ada');
    const id = w.addPat(ada, 'quiet', '2027-03-15T15:00:00Z');
    await w.store.snoozes.set(ada.user.id, id, new Date('2027-04-01T00:00:00Z'));
    await sweepDays(16);
    expect(w.notifier.directLines()).toEqual([
      `${ada.user.id} quiet 1d`,
      `${ada.user.id} quiet 0d`,
      `${ada.user.id} quiet expired`,
    ]);
  });

  it('sends only in each user own working hours and does not read PATs of users outside them', async () => {
    const tokyo = await w.addUser('tokyo', { timezone: 'Asia/Tokyo' });
    const newYork = await w.addUser('newyork', { timezone: 'America/New_York' });
    w.addPat(tokyo, 'tk', '2027-03-05T12:00:00Z');
    w.addPat(newYork, 'ny', '2027-03-05T12:00:00Z');
    w.h.clock.set('2027-03-01T01:00:00Z'); // 10:00 in Tokyo, 20:00 (Sunday) in New York
    const first = await w.sweep({
      workingHours: { startMinute: 540, endMinute: 1020, days: [1, 2, 3, 4, 5] },
    });
    expect(w.notifier.directLines()).toEqual([`${tokyo.user.id} tk 7d`]);
    expect(w.h.sim.requestCount({ oid: newYork.sim.oid })).toBe(0);
    expect(first).toMatchObject({ users: 1, usersSkipped: 1 });
    w.h.clock.set('2027-03-01T15:00:00Z'); // 10:00 Monday in New York, midnight in Tokyo
    await w.sweep({ workingHours: { startMinute: 540, endMinute: 1020, days: [1, 2, 3, 4, 5] } });
    expect(w.notifier.directLines()).toEqual([`${tokyo.user.id} tk 7d`, `${newYork.user.id} ny 7d`]);
  });

  it('logs one summary line per sweep', async () => {
    const ada = await w.addUser('ada');
    w.addPat(ada, 'deploy', '2027-03-04T12:00:00Z');
    w.addPat(ada, 'later', '2027-09-04T12:00:00Z');
    const summary = await w.sweep();
    const lines = w.logLines().filter((l) => l.msg === 'reminder sweep done');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ users: 1, pats: 2, remindersSent: 1, failures: {} });
    expect(typeof lines[0].durationMs).toBe('number');
    expect(summary).toMatchObject({ users: 1, pats: 2, remindersSent: 1, digestsSent: 0, aborted: false });
  });
});
