/**
 * The reminder scheduler: a croner job (`REMINDER_CRON`, default hourly) whose tick opens one
 * sweep, but only when this process is not already sweeping AND it holds the `reminder-sweep`
 * lease in the store (so one instance opens the tick's sweep; a dead instance's lease expires
 * after `leaseTtlMs`). The sweep of a tick has the tick's id, so it is opened once whatever the
 * lease does. An instance that does not get the lease joins the open sweep instead (`join`) and
 * works on its users too. `stop()` stops the job and waits, within a bound, for the running sweep.
 */
import { Cron } from 'croner';
import { systemClock, type Clock } from '../core/clock';
import { silentLogger, type Logger } from '../core/logger';
import type { SweepSummary } from '../core/reminders/sweep-summary';
import type { LeaseStore } from '../core/store';
import { asCodedError, CodedError } from '../errors';
import { defaultInstanceId } from './instance-id';
import { keepLease } from './lease-keeper';

/** Hourly, on the hour. */
export const DEFAULT_REMINDER_CRON = '0 * * * *';
export const SWEEP_LEASE_NAME = 'reminder-sweep';
/** A joining instance looks for sweeps opened up to this long before its tick (clock skew). */
const JOIN_WINDOW_MS = 60_000;

/** The schedule time a cron tick stands for: `now` floored to the minute (or second). */
export function scheduledTime(now: Date, seconds: boolean): Date {
  const step = seconds ? 1000 : 60_000;
  return new Date(Math.floor(now.getTime() / step) * step);
}

export interface ReminderSchedulerOptions {
  /** Opens and runs one sweep (id `sweepId` when given); must stop early when `signal` aborts. */
  sweep: (signal: AbortSignal, sweepId?: string) => Promise<SweepSummary>;
  /**
   * Joins the newest open sweep opened at or after `since` (with `wait`: waiting a bounded time
   * for one to appear, as on a cron tick that all instances hit at once); null when there is
   * none. Absent: an instance without the lease skips the tick.
   */
  join?: (signal: AbortSignal, since: Date, wait: boolean) => Promise<SweepSummary | null>;
  leases: LeaseStore;
  /** `REMINDER_CRON` (5 or 6 fields), default hourly. */
  cron?: string;
  /** Zone the cron pattern is read in, default `UTC` (working hours are per user anyway). */
  cronTimeZone?: string;
  instanceId?: string;
  clock?: Clock;
  logger?: Logger;
  /** Lease lifetime; a crashed instance blocks others at most this long. Default 5 min. */
  leaseTtlMs?: number;
  /** Renewal period while sweeping, default a third of the TTL. */
  leaseRenewMs?: number;
  /** How long `stop()` waits for a running sweep before aborting it, default 30 s. */
  stopTimeoutMs?: number;
}

export type TickResult =
  | { kind: 'ran'; summary: SweepSummary; joined?: boolean }
  | { kind: 'skipped'; reason: 'running' | 'lease-held' | 'stopped' }
  | { kind: 'failed'; error: CodedError };

/** For /readyz details. */
export interface SchedulerStatus {
  /** True while a sweep is running in this process. */
  running: boolean;
  /** True between `start()` and `stop()`. */
  started: boolean;
  instanceId: string;
  nextRunAt: Date | null;
  lastSweep: SweepSummary | null;
  /** The last tick's outcome (`ran`, `skipped:lease-held`, `failed:<code>`, …) and when. */
  lastTick: { at: Date; outcome: string } | null;
}

export class ReminderScheduler {
  readonly instanceId: string;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly cron: string;
  private readonly cronTimeZone: string;
  private readonly leaseTtlMs: number;
  private readonly leaseRenewMs: number;
  private readonly stopTimeoutMs: number;
  private job: Cron | null = null;
  private stopping = false;
  private current: { done: Promise<TickResult>; abort: AbortController } | null = null;
  private lastSweep: SweepSummary | null = null;
  private lastTick: SchedulerStatus['lastTick'] = null;

  constructor(private readonly options: ReminderSchedulerOptions) {
    this.instanceId = options.instanceId ?? defaultInstanceId();
    this.clock = options.clock ?? systemClock;
    this.logger = (options.logger ?? silentLogger).child({
      component: 'scheduler',
      instanceId: this.instanceId,
    });
    this.cron = options.cron ?? DEFAULT_REMINDER_CRON;
    this.cronTimeZone = options.cronTimeZone ?? 'UTC';
    this.leaseTtlMs = options.leaseTtlMs ?? 5 * 60_000;
    this.leaseRenewMs = options.leaseRenewMs ?? Math.max(10, Math.floor(this.leaseTtlMs / 3));
    this.stopTimeoutMs = options.stopTimeoutMs ?? 30_000;
    validateCron(this.cron, this.cronTimeZone);
  }

  /** Starts the cron job (idempotent). */
  start(): void {
    if (this.job) return;
    this.stopping = false;
    const seconds = this.cron.trim().split(/\s+/).length >= 6;
    this.job = new Cron(this.cron, { timezone: this.cronTimeZone }, () => {
      void this.tick(scheduledTime(this.clock.now(), seconds));
    });
    this.logger.info(
      { cron: this.cron, nextRunAt: this.job.nextRun()?.toISOString() ?? null },
      'scheduler started',
    );
  }

  /**
   * Stops the job; waits up to `timeoutMs` (default `stopTimeoutMs`) for a running sweep, then
   * aborts it and returns.
   */
  async stop(timeoutMs: number = this.stopTimeoutMs): Promise<void> {
    this.stopping = true;
    this.job?.stop();
    this.job = null;
    const current = this.current;
    if (!current) return;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const outcome = await Promise.race([current.done.then(() => 'done' as const), timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.logger.warn({ stopTimeoutMs: timeoutMs }, 'scheduler: sweep still running at stop; aborting it');
      current.abort.abort();
      await Promise.race([current.done, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    }
  }

  status(): SchedulerStatus {
    return {
      running: this.current !== null,
      started: this.job !== null,
      instanceId: this.instanceId,
      nextRunAt: this.job?.nextRun() ?? null,
      lastSweep: this.lastSweep,
      lastTick: this.lastTick,
    };
  }

  /**
   * One tick: runs a sweep unless one is already running here or the scheduler is stopping;
   * joins the open sweep when another instance holds the lease. `at`: the schedule time this
   * tick stands for (the sweep's id on every instance); absent (tests, the sweep script), the
   * sweep gets an id of its own. Never throws.
   */
  async tick(at?: Date): Promise<TickResult> {
    if (this.stopping) return this.note({ kind: 'skipped', reason: 'stopped' });
    if (this.current) return this.note({ kind: 'skipped', reason: 'running' });
    const abort = new AbortController();
    const done = this.runLeased(abort, at);
    this.current = { done, abort };
    try {
      return this.note(await done);
    } finally {
      this.current = null;
    }
  }

  private async runLeased(abort: AbortController, at?: Date): Promise<TickResult> {
    const { leases } = this.options;
    let held: boolean;
    const now = this.clock.now();
    try {
      held = await leases.tryAcquire(SWEEP_LEASE_NAME, this.instanceId, now, this.leaseTtlMs);
    } catch (e) {
      return { kind: 'failed', error: asCodedError(e) };
    }
    if (!held)
      return this.joinOpen(abort, new Date((at ?? now).getTime() - JOIN_WINDOW_MS), at !== undefined);
    const stopKeeping = keepLease({
      leases,
      name: SWEEP_LEASE_NAME,
      holder: this.instanceId,
      ttlMs: this.leaseTtlMs,
      renewEveryMs: this.leaseRenewMs,
      clock: this.clock,
      logger: this.logger,
      onLost: () => abort.abort(),
    });
    try {
      const summary = await this.options.sweep(abort.signal, at ? `tick:${at.toISOString()}` : undefined);
      this.lastSweep = summary;
      return { kind: 'ran', summary };
    } catch (e) {
      const error = asCodedError(e);
      this.logger.error(
        { code: error.code, err: e instanceof Error ? e.message : String(e) },
        'scheduler: sweep failed',
      );
      return { kind: 'failed', error };
    } finally {
      stopKeeping();
      await leases.release(SWEEP_LEASE_NAME, this.instanceId).catch(() => undefined);
    }
  }

  /** Another instance holds the lease: work on the sweep it opened, if there is one. */
  private async joinOpen(abort: AbortController, since: Date, wait: boolean): Promise<TickResult> {
    if (!this.options.join) return { kind: 'skipped', reason: 'lease-held' };
    try {
      const summary = await this.options.join(abort.signal, since, wait);
      if (!summary) return { kind: 'skipped', reason: 'lease-held' };
      this.lastSweep = summary;
      return { kind: 'ran', summary, joined: true };
    } catch (e) {
      return { kind: 'failed', error: asCodedError(e) };
    }
  }

  private note(result: TickResult): TickResult {
    const outcome =
      result.kind === 'ran'
        ? 'ran'
        : result.kind === 'skipped'
          ? `skipped:${result.reason}`
          : `failed:${result.error.code}`;
    this.lastTick = { at: this.clock.now(), outcome };
    if (result.kind === 'skipped') this.logger.debug({ reason: result.reason }, 'scheduler: tick skipped');
    return result;
  }
}

/** @throws CodedError `config.invalid` naming REMINDER_CRON. */
function validateCron(pattern: string, timezone: string): void {
  try {
    new Cron(pattern, { paused: true, timezone }).stop();
  } catch (e) {
    throw new CodedError('config.invalid', `REMINDER_CRON: "${pattern}" is not a cron pattern.`, {
      nextStep: 'Use five fields (minute hour day month weekday), e.g. "0 * * * *" for hourly.',
      cause: e,
    });
  }
}
