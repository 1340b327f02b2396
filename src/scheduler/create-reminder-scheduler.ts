/** Wiring: a ReminderScheduler whose tick runs the core sweep with the given ports and settings. */
import type { SweepDeps } from '../core/reminders/sweep-context';
import { runSweep } from '../core/reminders/sweep';
import type { SweepOptions } from '../core/reminders/sweep-options';
import type { LeaseStore, Store } from '../core/store';
import { defaultInstanceId } from './instance-id';
import { ReminderScheduler, type ReminderSchedulerOptions } from './reminder-scheduler';
import type { ReminderSettings } from './reminder-settings';

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
    ...overrides.sweep,
  };
  return new ReminderScheduler({
    sweep: (signal) => runSweep(deps, { ...sweepOptions, signal }),
    leases: deps.store.leases,
    cron: settings.cron,
    instanceId,
    clock: deps.clock,
    logger: deps.logger,
    leaseTtlMs: settings.leaseTtlMs,
    ...overrides.scheduler,
  });
}
