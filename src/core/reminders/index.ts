/** Reminders: the pure planners, the sweep and their settings (the scheduler lives in src/scheduler). */
export {
  planReminders,
  type PlanRemindersInput,
  type PlannedReminder,
  type PlannedKind,
} from './plan-reminders';
export {
  planChannelDigest,
  type PlanChannelDigestInput,
  type PlannedDigest,
  type DigestSubscriber,
  type DigestUnreadable,
} from './plan-channel-digest';
export { runSweep } from './sweep';
export { remindNow, ALWAYS_OPEN } from './remind-now';
export type { SweepDeps } from './sweep-context';
export { resolveSweepOptions, timerSleep, type SweepOptions, type SweepSleep } from './sweep-options';
export type { SweepSummary } from './sweep-summary';
export {
  DEFAULT_THRESHOLDS_DAYS,
  parseThresholds,
  normalizeThresholds,
  currentThreshold,
  protectedThresholds,
} from './thresholds';
export {
  DEFAULT_WORKING_HOURS,
  parseWorkingHours,
  isWithinWorkingHours,
  localTime,
  type WorkingHours,
} from './working-hours';
export { dmTarget, ledgerKeyId } from './ledger-keys';
