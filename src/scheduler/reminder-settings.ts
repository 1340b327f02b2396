/**
 * The reminder settings the composition root reads from configuration (REMINDER_* variables),
 * with their defaults. Until src/config/ has them, `main` can pass `{}` and get the defaults.
 */
import type { WorkingHours } from '../core/reminders/working-hours';

export interface ReminderSettings {
  /** `REMINDER_CRON`, default `0 * * * *` (hourly). */
  cron?: string;
  /** `REMINDER_THRESHOLDS_DAYS`, default 14,7,3,1,0 (parse with `parseThresholds`). */
  thresholdsDays?: readonly number[];
  /** `REMINDER_WORKING_HOURS`, default 09:00-17:00 Mon–Fri (parse with `parseWorkingHours`). */
  workingHours?: WorkingHours;
  /** `REMINDER_DEFAULT_TIMEZONE`, default `UTC`: users without a known zone, and channel digests. */
  defaultTimeZone?: string;
  /** `REMINDER_CONCURRENCY`, default 8. */
  concurrency?: number;
  /** `ADO_ORGANIZATIONS`: organisations of users who have not chosen any. */
  defaultOrgs?: readonly string[];
  /** `MAX_ORGS_PER_USER`, default 10. */
  maxOrgsPerUser?: number;
  /** `REMINDER_LEASE_TTL_SECONDS` × 1000, default 5 minutes. */
  leaseTtlMs?: number;
  /** `REMINDER_CLAIM_STALE_MINUTES` × 60 000, default 15 minutes. */
  claimStaleMs?: number;
  /** `SWEEP_STALE_SECONDS` × 1000: a user's claimed turn not done after this is taken over; default 5 minutes. */
  itemStaleMs?: number;
  /** How long an instance without the lease waits for the tick's sweep to open, default 30 s. */
  joinWaitMs?: number;
  /** Process id for leases and claims (default host:pid:random). */
  instanceId?: string;
}
