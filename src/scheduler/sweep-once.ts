/**
 * One reminder sweep on demand (the `npm run sweep` script, `RunningApp.runSweep`), taken
 * through the scheduler's tick: it holds the `reminder-sweep` lease like the cron job does, so
 * it never runs alongside another sweep, in this process or another, and its holder id is
 * unique per call (host, pid and a random part).
 */
import { fixedClock, systemClock, type Clock } from '../core/clock';
import type { SweepDeps } from '../core/reminders/sweep-context';
import type { LeaseStore } from '../core/store';
import { createReminderScheduler } from './create-reminder-scheduler';
import { dryRunStore } from './dry-run-store';
import { defaultInstanceId } from './instance-id';
import type { TickResult } from './reminder-scheduler';
import type { ReminderSettings } from './reminder-settings';

export interface SweepOnceDeps extends Omit<SweepDeps, 'clock' | 'store'> {
  store: SweepDeps['store'] & { leases: LeaseStore };
  /** The sweep's clock when `now` is not given; default the system clock. */
  clock?: Clock;
}

export interface SweepOnceOptions {
  /** The sweep's clock (`--now`); `deps.clock` (or the real time) when absent. */
  now?: Date;
  /** Log-only sweep: send through the notifier given, record nothing. */
  dryRun?: boolean;
  settings?: ReminderSettings;
  /** Prefix of the holder id, e.g. `sweep-cli` or `manual`. */
  role?: string;
}

/**
 * One sweep at `options.now` (or now). Planning, ledger claims and messages use that clock; the
 * lease uses the real clock, so a past `--now` never takes over a live instance's lease.
 */
export async function runSweepOnce(deps: SweepOnceDeps, options: SweepOnceOptions = {}): Promise<TickResult> {
  const clock: Clock = options.now ? fixedClock(options.now) : (deps.clock ?? systemClock);
  const store = options.dryRun ? dryRunStore(deps.store) : deps.store;
  const scheduler = createReminderScheduler(
    { ...deps, store, clock },
    { instanceId: defaultInstanceId(options.role ?? 'sweep'), ...options.settings },
    { scheduler: { clock: systemClock } },
  );
  return scheduler.tick();
}
