/** Settings of one reminder sweep, with the documented defaults (config wires the REMINDER_* values). */
import { DEFAULT_MAX_ORGS_PER_USER } from '../orgs';
import { DEFAULT_EXPIRED_NOTICE_DAYS, DEFAULT_GLOBAL_NOTICE_DAYS } from './plan-reminders';
import { DEFAULT_THRESHOLDS_DAYS, normalizeThresholds } from './thresholds';
import type { SweepRun } from '../store';
import { DEFAULT_WORKING_HOURS, type WorkingHours } from './working-hours';

/** Waits `ms`; resolves early when `signal` aborts. */
export type SweepSleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface SweepOptions {
  /** Who claims ledger entries (the scheduler's instance id). */
  instanceId: string;
  /** `REMINDER_THRESHOLDS_DAYS`, default 14,7,3,1,0. */
  thresholdsDays?: readonly number[];
  /** `REMINDER_WORKING_HOURS`, default 09:00-17:00 Monday to Friday. */
  workingHours?: WorkingHours;
  /** `REMINDER_DEFAULT_TIMEZONE` for users whose zone is unknown, default `UTC`. */
  defaultTimeZone?: string;
  /** Zone of channel digests (channels have no zone of their own yet); default `defaultTimeZone`. */
  channelTimeZone?: string;
  /** Organisations of users who have not chosen any (`ADO_ORGANIZATIONS`). */
  defaultOrgs?: readonly string[];
  /** `MAX_ORGS_PER_USER`: a longer stored list is read only up to this many, default 10. */
  maxOrgsPerUser?: number;
  /** `REMINDER_CONCURRENCY`: users processed at once, default 8. */
  concurrency?: number;
  /** Users read from the store per page, default 100. */
  pageSize?: number;
  /**
   * A claim older than this is taken over by the next sweep (the sender is presumed dead).
   * Must exceed the longest single send; default 15 minutes.
   */
  claimStaleMs?: number;
  /**
   * `SWEEP_STALE_SECONDS`: a user's turn claimed by an instance and not done after this is
   * taken over by another instance (the first presumed dead). Must exceed the longest turn
   * (`userTimeoutMs`) plus its wait in a claimed batch; default 5 minutes.
   */
  itemStaleMs?: number;
  /** Users claimed from the sweep queue at once, default `concurrency`. */
  claimBatch?: number;
  /** How often an instance with nothing left to claim checks on the others' claims, default 1 s. */
  pollMs?: number;
  /** Id of the sweep to open (the scheduler: one per schedule tick); default `<instanceId>@<time>#<random>`. */
  sweepId?: string;
  /** Join this sweep, opened by another instance, instead of opening one. */
  join?: SweepRun;
  /** Bound on one user's whole turn (token, listing, sends), default 120 s. */
  userTimeoutMs?: number;
  /** Extra attempts for an organisation Azure DevOps throttles (429), default 2. */
  throttleRetries?: number;
  /** Longest wait honoured for one `Retry-After`, default 60 s (longer: retried next sweep). */
  maxThrottleWaitMs?: number;
  /** Days after expiry the one expired notice may still go out, default 7. */
  expiredNoticeDays?: number;
  /** Days before 2026-12-01 that all-organisation PATs get their extra reminder, default 30. */
  globalNoticeDays?: number;
  /** Injected for tests; default a real timer. */
  sleep?: SweepSleep;
  /** Aborts the sweep: no new user is started, no new message is sent. */
  signal?: AbortSignal;
}

export type ResolvedSweepOptions = Required<Omit<SweepOptions, 'signal' | 'sweepId' | 'join'>> &
  Pick<SweepOptions, 'signal' | 'sweepId' | 'join'>;

/** Real sleep that wakes up early on abort. */
export const timerSleep: SweepSleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
  });

/** Fills in the defaults. */
export function resolveSweepOptions(options: SweepOptions): ResolvedSweepOptions {
  const defaultTimeZone = options.defaultTimeZone ?? 'UTC';
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 8));
  return {
    instanceId: options.instanceId,
    thresholdsDays: normalizeThresholds(options.thresholdsDays ?? DEFAULT_THRESHOLDS_DAYS),
    workingHours: options.workingHours ?? DEFAULT_WORKING_HOURS,
    defaultTimeZone,
    channelTimeZone: options.channelTimeZone ?? defaultTimeZone,
    defaultOrgs: options.defaultOrgs ?? [],
    maxOrgsPerUser: Math.max(1, Math.floor(options.maxOrgsPerUser ?? DEFAULT_MAX_ORGS_PER_USER)),
    concurrency,
    itemStaleMs: options.itemStaleMs ?? 5 * 60_000,
    claimBatch: Math.max(1, Math.floor(options.claimBatch ?? concurrency)),
    pollMs: Math.max(1, options.pollMs ?? 1000),
    sweepId: options.sweepId,
    join: options.join,
    pageSize: Math.max(1, Math.floor(options.pageSize ?? 100)),
    claimStaleMs: options.claimStaleMs ?? 15 * 60_000,
    userTimeoutMs: options.userTimeoutMs ?? 120_000,
    throttleRetries: Math.max(0, Math.floor(options.throttleRetries ?? 2)),
    maxThrottleWaitMs: options.maxThrottleWaitMs ?? 60_000,
    expiredNoticeDays: options.expiredNoticeDays ?? DEFAULT_EXPIRED_NOTICE_DAYS,
    globalNoticeDays: options.globalNoticeDays ?? DEFAULT_GLOBAL_NOTICE_DAYS,
    sleep: options.sleep ?? timerSleep,
    signal: options.signal,
  };
}
