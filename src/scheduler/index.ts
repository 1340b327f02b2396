/** The reminder scheduler adapter (croner + a store lease) around the core sweep. */
export {
  ReminderScheduler,
  DEFAULT_REMINDER_CRON,
  SWEEP_LEASE_NAME,
  type ReminderSchedulerOptions,
  type SchedulerStatus,
  type TickResult,
} from './reminder-scheduler';
export { createReminderScheduler, type ReminderSchedulerDeps } from './create-reminder-scheduler';
export type { ReminderSettings } from './reminder-settings';
export { defaultInstanceId } from './instance-id';
export { LogNotifier } from './log-notifier';
export { runSweepOnce, type SweepOnceDeps, type SweepOnceOptions } from './sweep-once';
export {
  parseReminderEnv,
  isTimeZone,
  type RawReminderEnv,
  type ParsedReminderEnv,
} from './parse-reminder-settings';
export { dryRunStore } from './dry-run-store';
export { schedulerReadiness, type SchedulerReadinessCheck } from './scheduler-readiness';
export { sweepOptionsFrom } from './sweep-options-from';
export { AuditPollScheduler, AUDIT_POLL_LEASE_NAME, type AuditPollTick } from './audit-poll-scheduler';
