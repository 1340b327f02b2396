/**
 * One reminder sweep on demand, with an optional clock (`npm run sweep -- --now …`, and sandbox
 * mode's loopback admin endpoint). It takes the `reminder-sweep` lease like the scheduler does,
 * so it never runs alongside an instance that is sweeping. `dryRun`: nothing is recorded and the
 * caller passes a notifier that only logs.
 */
import { fixedClock, systemClock, type Clock } from '../core/clock';
import type { SweepDeps } from '../core/reminders/sweep-context';
import type { LeaseStore } from '../core/store';
import { createReminderScheduler } from './create-reminder-scheduler';
import { dryRunStore } from './dry-run-store';
import type { TickResult } from './reminder-scheduler';
import type { ReminderSettings } from './reminder-settings';

export interface SweepOnceDeps extends Omit<SweepDeps, 'clock' | 'store'> {
  store: SweepDeps['store'] & { leases: LeaseStore };
}

export interface SweepOnceOptions {
  /** The sweep's clock; the real time when absent. */
  now?: Date;
  /** Log what would be sent, record nothing. */
  dryRun?: boolean;
  settings?: ReminderSettings;
  /** Who claims ledger entries (default `sweep-cli:<pid>`). */
  instanceId?: string;
}

/**
 * One sweep at `options.now` (or now). Planning, ledger claims and messages use that clock; the
 * lease uses the real clock, so a past `now` never takes over a live instance's lease.
 */
export async function runSweepOnce(deps: SweepOnceDeps, options: SweepOnceOptions = {}): Promise<TickResult> {
  const clock: Clock = options.now ? fixedClock(options.now) : systemClock;
  const store = options.dryRun ? dryRunStore(deps.store) : deps.store;
  const scheduler = createReminderScheduler(
    { ...deps, store, clock },
    { instanceId: options.instanceId ?? `sweep-cli:${process.pid}`, ...options.settings },
    { scheduler: { clock: systemClock } },
  );
  return scheduler.tick();
}
