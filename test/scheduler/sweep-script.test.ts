import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseSweepArgs, runSweepOnce } from '../../scripts/sweep';
import { SWEEP_LEASE_NAME } from '../../src/scheduler';
import { startWorld, type World } from '../core/reminders/support/sweep-world';

describe('parseSweepArgs', () => {
  it('reads --now and --dry-run', () => {
    expect(parseSweepArgs(['--now', '2026-11-30T09:30:00Z'])).toEqual({
      now: new Date('2026-11-30T09:30:00Z'),
      dryRun: false,
    });
    expect(parseSweepArgs(['--now=2026-11-30T09:30:00+01:00', '--dry-run'])).toEqual({
      now: new Date('2026-11-30T08:30:00Z'),
      dryRun: true,
    });
    expect(parseSweepArgs([])).toEqual({ dryRun: false });
  });

  it('refuses a bad time or an unknown option', () => {
    expect(() => parseSweepArgs(['--now', 'tomorrow'])).toThrow('not an ISO 8601 time');
    expect(() => parseSweepArgs(['--now'])).toThrow('not an ISO 8601 time');
    expect(() => parseSweepArgs(['--force'])).toThrow('Unknown option');
  });

  it('the command line fails fast with the reason and the next step', () => {
    const tsx = path.join(__dirname, '../../node_modules/.bin/tsx');
    const run = spawnSync(tsx, ['scripts/sweep.ts', '--now', 'nope'], {
      cwd: path.join(__dirname, '../..'),
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--now: "nope" is not an ISO 8601 time.');
    expect(run.stderr).toContain('--now 2026-11-30T09:30:00Z');
  });
});

describe('runSweepOnce', () => {
  let w: World;
  beforeEach(async () => {
    w = await startWorld();
  });
  afterEach(() => w.close());

  const deps = () => ({
    store: w.store,
    tokensApi: w.h.client().client,
    tokenProvider: w.tokens,
    notifier: w.notifier,
    logger: w.logger,
  });
  const everyDay = { workingHours: { startMinute: 540, endMinute: 1020, days: [0, 1, 2, 3, 4, 5, 6] } };

  it('runs one sweep with the given clock', async () => {
    w.h.clock.set('2027-03-01T10:00:00Z'); // tokens are minted for this time
    const ada = await w.addUser('ada');
    w.addPat(ada, 'deploy', '2027-03-04T12:00:00Z');
    const result = await runSweepOnce(deps(), { now: new Date('2027-03-01T10:00:00Z'), settings: everyDay });
    expect(result).toMatchObject({
      kind: 'ran',
      summary: { remindersSent: 1, startedAt: new Date('2027-03-01T10:00:00Z') },
    });
    expect(w.notifier.directLines()).toEqual([`${ada.user.id} deploy 3d`]);
    // Outside working hours at another --now: nothing.
    const night = await runSweepOnce(deps(), { now: new Date('2027-03-02T03:00:00Z'), settings: everyDay });
    expect(night).toMatchObject({ kind: 'ran', summary: { remindersSent: 0, usersSkipped: 1 } });
  });

  it('a dry run records nothing', async () => {
    w.h.clock.set('2027-03-01T10:00:00Z');
    const ada = await w.addUser('ada');
    w.addPat(ada, 'deploy', '2027-03-04T12:00:00Z');
    const now = new Date('2027-03-01T10:00:00Z');
    await runSweepOnce(deps(), { now, dryRun: true, settings: everyDay });
    await runSweepOnce(deps(), { now, settings: everyDay });
    await runSweepOnce(deps(), { now, settings: everyDay });
    expect(w.notifier.directLines()).toEqual([`${ada.user.id} deploy 3d`, `${ada.user.id} deploy 3d`]);
  });

  it('does not run while a live instance holds the lease, whatever --now says', async () => {
    await w.store.leases.tryAcquire(SWEEP_LEASE_NAME, 'live-bot', new Date(), 60_000);
    const result = await runSweepOnce(deps(), { now: new Date('2030-01-01T10:00:00Z') });
    expect(result).toEqual({ kind: 'skipped', reason: 'lease-held' });
  });
});
