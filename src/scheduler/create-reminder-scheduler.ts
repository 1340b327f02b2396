/** Wiring: a ReminderScheduler whose tick runs the core sweep with the given ports and settings. */
import type { SweepDeps } from '../core/reminders/sweep-context';
import { runSweep } from '../core/reminders/sweep';
import type { SweepOptions } from '../core/reminders/sweep-options';
import { timerSleep } from '../core/reminders/sweep-options';
import type { LeaseStore, Store, SweepQueue, SweepRun } from '../core/store';
import { defaultInstanceId } from './instance-id';
import { ReminderScheduler, type ReminderSchedulerOptions } from './reminder-scheduler';
import type { ReminderSettings } from './reminder-settings';

/** Polls for the newest open sweep since `since`, up to `waitMs`; null when none appears. */
async function waitForOpenSweep(
  queue: SweepQueue,
  since: Date,
  waitMs: number,
  options: Pick<SweepOptions, 'pollMs' | 'sleep'>,
  signal: AbortSignal,
): Promise<SweepRun | null> {
  const sleep = options.sleep ?? timerSleep;
  const deadline = Date.now() + waitMs;
  for (;;) {
    const run = await queue.latestOpen(since);
    if (run || signal.aborted || Date.now() >= deadline) return run;
    await sleep(Math.min(options.pollMs ?? 250, 250), signal);
  }
}

export interface ReminderSchedulerDeps extends Omit<SweepDeps, 'store'> {
  store: SweepDeps['store'] & { leases: LeaseStore };
}

/**
 * Builds the scheduler (not started: call `start()`). `overrides` reach the sweep (tests, the
 * `npm run sweep` script) and the scheduler (e.g. `stopTimeoutMs`).
 */
export function createReminderScheduler(
  deps: ReminderSchedulerDeps | (Omit<SweepDeps, 'store'> & { store: Store }),
  settings: ReminderSettings = {},
  overrides: { sweep?: Partial<SweepOptions>; scheduler?: Partial<ReminderSchedulerOptions> } = {},
): ReminderScheduler {
  const instanceId = settings.instanceId ?? defaultInstanceId();
  const sweepOptions: SweepOptions = {
    instanceId,
    thresholdsDays: settings.thresholdsDays,
    workingHours: settings.workingHours,
    defaultTimeZone: settings.defaultTimeZone,
    concurrency: settings.concurrency,
    defaultOrgs: settings.defaultOrgs,
    maxOrgsPerUser: settings.maxOrgsPerUser,
    claimStaleMs: settings.claimStaleMs,
    itemStaleMs: settings.itemStaleMs,
    ...overrides.sweep,
  };
  const queue = deps.store.sweeps;
  const joinWaitMs = settings.joinWaitMs ?? 30_000;
  return new ReminderScheduler({
    sweep: (signal, sweepId) => runSweep(deps, { ...sweepOptions, sweepId, signal }),
    join: queue
      ? async (signal, since, wait) => {
          const run = await waitForOpenSweep(queue, since, wait ? joinWaitMs : 0, sweepOptions, signal);
          return run ? runSweep(deps, { ...sweepOptions, join: run, signal }) : null;
        }
      : undefined,
    leases: deps.store.leases,
    cron: settings.cron,
    instanceId,
    clock: deps.clock,
    logger: deps.logger,
    leaseTtlMs: settings.leaseTtlMs,
    ...overrides.scheduler,
  });
}
