import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixedClock } from '../../src/core/clock';
import type { SweepSummary } from '../../src/core/reminders/sweep-summary';
import type { Store } from '../../src/core/store';
import { isCodedError } from '../../src/errors';
import { ReminderScheduler, schedulerReadiness, SWEEP_LEASE_NAME } from '../../src/scheduler';
import { openStore } from '../../src/store/open-store';

let dir: string;
let store: Store;
const clock = fixedClock('2027-03-01T10:00:00Z');

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patbot-scheduler-'));
  store = await openStore(`sqlite:${path.join(dir, 'x.db')}`);
  clock.set('2027-03-01T10:00:00Z');
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function summary(): SweepSummary {
  const at = clock.now();
  return {
    startedAt: at,
    finishedAt: at,
    durationMs: 1,
    users: 0,
    usersSkipped: 0,
    usersFailed: 0,
    pats: 0,
    remindersSent: 0,
    digestsSent: 0,
    undeliverable: 0,
    failures: {},
    aborted: false,
  };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function scheduler(
  sweep: (signal: AbortSignal) => Promise<SweepSummary>,
  extra: Partial<ConstructorParameters<typeof ReminderScheduler>[0]> = {},
) {
  return new ReminderScheduler({
    sweep,
    leases: store.leases,
    clock,
    instanceId: 'a',
    leaseTtlMs: 60_000,
    ...extra,
  });
}

describe('ReminderScheduler', () => {
  it('a tick while a sweep is running does not start a second one', async () => {
    const gate = deferred();
    let sweeps = 0;
    const s = scheduler(async () => {
      sweeps++;
      await gate.promise;
      return summary();
    });
    const first = s.tick();
    await new Promise((r) => setTimeout(r, 20));
    expect(s.status().running).toBe(true);
    expect(await s.tick()).toEqual({ kind: 'skipped', reason: 'running' });
    gate.resolve();
    expect((await first).kind).toBe('ran');
    expect(sweeps).toBe(1);
    expect(s.status()).toMatchObject({
      running: false,
      lastSweep: { durationMs: 1 },
      lastTick: { outcome: 'ran' },
    });
    expect(await schedulerReadiness(s).check()).toEqual({
      running: false,
      started: false,
      instanceId: 'a',
      nextRunAt: null,
      lastSweep: expect.objectContaining({ startedAt: '2027-03-01T10:00:00.000Z', remindersSent: 0 }),
      lastTick: { at: '2027-03-01T10:00:00.000Z', outcome: 'ran' },
    });
  });

  it('only the lease holder sweeps; a dead instance lease expires after its TTL', async () => {
    await store.leases.tryAcquire(SWEEP_LEASE_NAME, 'dead-instance', clock.now(), 60_000);
    let sweeps = 0;
    const s = scheduler(async () => {
      sweeps++;
      return summary();
    });
    expect(await s.tick()).toEqual({ kind: 'skipped', reason: 'lease-held' });
    clock.advance(59_000);
    expect(await s.tick()).toEqual({ kind: 'skipped', reason: 'lease-held' });
    clock.advance(1_000);
    expect((await s.tick()).kind).toBe('ran');
    expect(sweeps).toBe(1);
    // The lease is released after the sweep, so another instance may take it at once.
    expect(await store.leases.tryAcquire(SWEEP_LEASE_NAME, 'other', clock.now(), 60_000)).toBe(true);
  });

  it('renews the lease during a long sweep, and aborts the sweep when the lease is lost', async () => {
    const gate = deferred();
    let aborted = false;
    let renewals = 0;
    const leases = {
      tryAcquire: async (...args: Parameters<Store['leases']['tryAcquire']>) => {
        const held = await store.leases.tryAcquire(...args);
        if (args[1] === 'a') renewals++;
        return held;
      },
      release: (name: string, holder: string) => store.leases.release(name, holder),
    };
    const waitForRenewal = async (): Promise<void> => {
      const seen = renewals;
      for (let i = 0; i < 200 && renewals === seen; i++) await new Promise((r) => setTimeout(r, 10));
      expect(renewals).toBeGreaterThan(seen);
    };
    const s = scheduler(
      async (signal) => {
        signal.addEventListener('abort', () => {
          aborted = true;
          gate.resolve();
        });
        await gate.promise;
        return summary();
      },
      { leases, leaseTtlMs: 60_000, leaseRenewMs: 20 },
    );
    const run = s.tick();
    await waitForRenewal();
    clock.advance(50_000);
    await waitForRenewal();
    // Renewed at the later time: still held 40 s after the first TTL would have ended.
    clock.advance(50_000);
    expect(await store.leases.tryAcquire(SWEEP_LEASE_NAME, 'b', clock.now(), 60_000)).toBe(false);
    expect(aborted).toBe(false);
    // Another instance takes over once the lease is allowed to lapse (e.g. this process froze).
    clock.advance(120_000);
    expect(await store.leases.tryAcquire(SWEEP_LEASE_NAME, 'b', clock.now(), 60_000)).toBe(true);
    await run;
    expect(aborted).toBe(true);
  });

  it('runs on its cron schedule and reports the next run time', async () => {
    let sweeps = 0;
    const s = scheduler(
      async () => {
        sweeps++;
        return summary();
      },
      { cron: '* * * * * *', clock: { now: () => new Date() } },
    );
    expect(s.status()).toMatchObject({ started: false, nextRunAt: null, lastSweep: null });
    s.start();
    const next = s.status().nextRunAt;
    expect(next).toBeInstanceOf(Date);
    expect((next as Date).getTime() - Date.now()).toBeLessThanOrEqual(1000);
    await new Promise((r) => setTimeout(r, 2200));
    await s.stop();
    expect(sweeps).toBeGreaterThanOrEqual(1);
    const after = sweeps;
    await new Promise((r) => setTimeout(r, 1200));
    expect(sweeps).toBe(after);
    expect(s.status()).toMatchObject({ started: false, nextRunAt: null });
    expect(await s.tick()).toEqual({ kind: 'skipped', reason: 'stopped' });
    // It can be started again (e.g. after a config reload).
    s.start();
    expect(s.status()).toMatchObject({ started: true });
    expect(s.status().nextRunAt).toBeInstanceOf(Date);
    await s.stop();
  });

  it('stop() waits for the running sweep, and aborts it after the bound', async () => {
    const slow = scheduler(async () => {
      await new Promise((r) => setTimeout(r, 100));
      return summary();
    });
    const run = slow.tick();
    await new Promise((r) => setTimeout(r, 10));
    await slow.stop();
    expect(slow.status().running).toBe(false);
    expect((await run).kind).toBe('ran');

    let sawAbort = false;
    const stuck = scheduler(
      (signal) =>
        new Promise((resolve) => {
          signal.addEventListener('abort', () => {
            sawAbort = true;
            resolve({ ...summary(), aborted: true });
          });
        }),
      { stopTimeoutMs: 50 },
    );
    const stuckRun = stuck.tick();
    await new Promise((r) => setTimeout(r, 10));
    const started = Date.now();
    await stuck.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(sawAbort).toBe(true);
    expect(await stuckRun).toMatchObject({ kind: 'ran', summary: { aborted: true } });
  });

  it('a failing sweep is reported, releases the lease, and the next tick runs again', async () => {
    let calls = 0;
    const s = scheduler(async () => {
      calls++;
      if (calls === 1) throw new Error('database is locked');
      return summary();
    });
    const failed = await s.tick();
    expect(failed.kind).toBe('failed');
    expect(s.status().lastTick?.outcome).toBe('failed:internal');
    expect((await s.tick()).kind).toBe('ran');
  });

  it('refuses an invalid cron pattern with a config error naming REMINDER_CRON', () => {
    let error: unknown;
    try {
      scheduler(async () => summary(), { cron: 'every hour' });
    } catch (e) {
      error = e;
    }
    expect(isCodedError(error) && error.code).toBe('config.invalid');
    expect(String((error as Error).message)).toContain('REMINDER_CRON');
  });
});
