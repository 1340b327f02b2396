import { createReminderScheduler, dryRunStoreForTest } from './support/imports';
import { startWorld, type World } from '../core/reminders/support/sweep-world';

let w: World;
beforeEach(async () => {
  w = await startWorld();
  w.h.clock.set('2027-03-01T10:00:00Z');
});
afterEach(() => w.close());

const EVERY_DAY = { startMinute: 9 * 60, endMinute: 17 * 60, days: [0, 1, 2, 3, 4, 5, 6] };

describe('two schedulers on one store', () => {
  it('send nothing twice across concurrent and repeated ticks', async () => {
    for (let i = 0; i < 6; i++) {
      const u = await w.addUser(`u${i}`);
      w.addPat(u, `pat${i}`, `2027-03-0${3 + (i % 3)}T12:00:00Z`);
    }
    const otherStore = await w.openAnotherStore();
    const deps = {
      tokensApi: w.h.client().client,
      tokenProvider: w.tokens,
      notifier: w.notifier,
      clock: w.h.clock,
      logger: w.logger,
    };
    const a = createReminderScheduler(
      { ...deps, store: w.store },
      { instanceId: 'a', workingHours: EVERY_DAY },
    );
    const b = createReminderScheduler(
      { ...deps, store: otherStore },
      { instanceId: 'b', workingHours: EVERY_DAY },
    );

    for (let day = 0; day < 5; day++) {
      w.h.clock.set(new Date(Date.parse('2027-03-01T10:00:00Z') + day * 86_400_000));
      const results = await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
      expect(results.filter((r) => r.kind === 'ran').length).toBeGreaterThanOrEqual(1);
      expect(results.every((r) => r.kind === 'ran' || r.kind === 'skipped')).toBe(true);
    }
    const lines = w.notifier.directLines();
    expect(new Set(lines).size).toBe(lines.length);
    // Each PAT: 7d (or 3d) then 1d, 0d, expired over the five days — all there, once each.
    expect(lines.length).toBeGreaterThanOrEqual(6 * 3);
    expect(a.status().lastSweep ?? b.status().lastSweep).not.toBeNull();
  });

  it('a dry run sends through the notifier but records nothing, so the real sweep still sends', async () => {
    const u = await w.addUser('ada');
    w.addPat(u, 'deploy', '2027-03-04T12:00:00Z');
    const deps = {
      tokensApi: w.h.client().client,
      tokenProvider: w.tokens,
      notifier: w.notifier,
      clock: w.h.clock,
      logger: w.logger,
    };
    const dryRun = () =>
      createReminderScheduler(
        { ...deps, store: dryRunStoreForTest(w.store) },
        { instanceId: 'dry', workingHours: EVERY_DAY },
      ).tick();
    expect((await dryRun()).kind).toBe('ran');
    expect((await dryRun()).kind).toBe('ran');
    expect(w.notifier.direct).toHaveLength(2); // nothing recorded: each dry run plans it again
    const real = createReminderScheduler(
      { ...deps, store: w.store },
      { instanceId: 'real', workingHours: EVERY_DAY },
    );
    await real.tick();
    await real.tick();
    expect(w.notifier.direct).toHaveLength(3);
  });
});
