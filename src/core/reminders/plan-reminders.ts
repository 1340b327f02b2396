/**
 * The reminder planner: a pure function from (PATs, clock, thresholds, working hours, snoozes,
 * what was already sent) to the reminders due now. The sweep claims each planned key in the
 * ledger before sending, so planning twice never sends twice.
 */
import { calendarDaysBetween } from '../format-date';
import type { Pat } from '../pat';
import { effectiveExpiry, GLOBAL_PAT_RETIREMENT, isGlobalPat } from '../pat-status';
import type { LedgerKey } from '../store';
import {
  cycleThreshold,
  EXPIRED_THRESHOLD,
  GLOBAL_DEAD_THRESHOLD,
  GLOBAL_RETIREMENT_THRESHOLD,
  ledgerKeyId,
} from './ledger-keys';
import { currentThreshold, protectedThresholds, thresholdLabel } from './thresholds';
import { isWithinWorkingHours, type WorkingHours } from './working-hours';

/** Days after expiry during which the one "expired" notice may still go out (older PATs stay quiet). */
export const DEFAULT_EXPIRED_NOTICE_DAYS = 7;
/** Days before 2026-12-01 from which all-organisation PATs get their extra reminder. */
export const DEFAULT_GLOBAL_NOTICE_DAYS = 30;

export interface PlanRemindersInput {
  pats: readonly Pat[];
  now: Date;
  /** Calendar days before expiry, e.g. [14, 7, 3, 1, 0] (any order). */
  thresholdsDays: readonly number[];
  /** Ledger target: `dm:<userId>` or a channel's conversation key. */
  target: string;
  /** Recipient's IANA zone (null → UTC): days are counted, and working hours read, in it. */
  timeZone: string | null;
  workingHours: WorkingHours;
  /** PAT id → snoozed until (past values are ignored). */
  snoozes?: ReadonlyMap<string, Date>;
  /** `ledgerKeyId`s already sent (optional: the ledger claim filters them anyway). */
  sentKeys?: ReadonlySet<string>;
  /** Default {@link DEFAULT_EXPIRED_NOTICE_DAYS}. */
  expiredNoticeDays?: number;
  /** Plan the all-organisations retirement reminder (default true; channels leave it to DMs). */
  includeGlobalRetirement?: boolean;
  /** Default {@link DEFAULT_GLOBAL_NOTICE_DAYS}. */
  globalNoticeDays?: number;
}

export type PlannedKind = 'threshold' | 'expired' | 'global-retirement' | 'global-dead';

export interface PlannedReminder {
  key: LedgerKey;
  kind: PlannedKind;
  pat: Pat;
  /** The crossed threshold in days (null for the expired and retirement notices). */
  thresholdDays: number | null;
  /** Calendar days to the expiry day in the recipient's zone (negative once expired). */
  daysLeft: number;
  /** When the PAT stops working (validTo, or 2026-12-01 for a global PAT). */
  expiresAt: Date;
}

/** Whether the PAT is snoozed at `now`. */
function isSnoozed(snoozes: ReadonlyMap<string, Date> | undefined, patId: string, now: Date): boolean {
  const until = snoozes?.get(patId);
  return until !== undefined && until.getTime() > now.getTime();
}

/**
 * The reminders due now for one recipient, soonest expiry first. Rules:
 * - nothing outside working hours in the recipient's zone;
 * - per PAT, only the tightest crossed threshold (2 days left → `3d`), once per expiry cycle;
 *   days are counted from the CURRENT expiry, so a renewed PAT is not reminded of its old cycle;
 * - one `expired` notice, within `expiredNoticeDays` after expiry;
 * - one `global-retirement` reminder for all-organisation PATs before 2026-12-01;
 * - one `global-dead` notice per all-organisation PAT the retirement stopped, whatever the date,
 *   instead of the `expired` notice (DMs only: channels keep the `expired` notice);
 * - a snooze hides everything except the last threshold before expiry, the expiry day and the
 *   expired notice; revoked PATs get nothing.
 */
export function planReminders(input: PlanRemindersInput): PlannedReminder[] {
  const { now, target } = input;
  if (!isWithinWorkingHours(now, input.timeZone, input.workingHours)) return [];
  const thresholds = [...new Set(input.thresholdsDays)];
  const keep = protectedThresholds(thresholds);
  const expiredWindow = input.expiredNoticeDays ?? DEFAULT_EXPIRED_NOTICE_DAYS;
  const globalWindow = input.globalNoticeDays ?? DEFAULT_GLOBAL_NOTICE_DAYS;
  const planned: PlannedReminder[] = [];
  const seen = new Set<string>();
  const add = (p: PlannedReminder): void => {
    const id = ledgerKeyId(p.key);
    if (seen.has(id) || input.sentKeys?.has(id)) return;
    seen.add(id);
    planned.push(p);
  };

  for (const pat of input.pats) {
    if (pat.revoked === true) continue;
    const expiresAt = effectiveExpiry(pat).at;
    const snoozed = isSnoozed(input.snoozes, pat.id, now);
    const daysLeft = calendarDaysBetween(now, expiresAt, input.timeZone);
    const base = { pat, expiresAt, daysLeft };

    if (expiresAt.getTime() <= now.getTime()) {
      if ((input.includeGlobalRetirement ?? true) && effectiveExpiry(pat).byGlobalRetirement) {
        const key = { patId: pat.id, threshold: GLOBAL_DEAD_THRESHOLD, target };
        add({ ...base, key, kind: 'global-dead', thresholdDays: null });
      } else if (daysLeft >= -expiredWindow) {
        const key = { patId: pat.id, threshold: cycleThreshold(EXPIRED_THRESHOLD, expiresAt), target };
        add({ ...base, key, kind: 'expired', thresholdDays: null });
      }
      continue;
    }

    const threshold = currentThreshold(daysLeft, thresholds);
    if (threshold !== undefined && (!snoozed || keep.has(threshold))) {
      const key = { patId: pat.id, threshold: cycleThreshold(thresholdLabel(threshold), expiresAt), target };
      add({ ...base, key, kind: 'threshold', thresholdDays: threshold });
    }

    if ((input.includeGlobalRetirement ?? true) && isGlobalPat(pat) && !snoozed) {
      const untilRetirement = calendarDaysBetween(now, GLOBAL_PAT_RETIREMENT, input.timeZone);
      if (now.getTime() < GLOBAL_PAT_RETIREMENT.getTime() && untilRetirement <= globalWindow) {
        const key = { patId: pat.id, threshold: GLOBAL_RETIREMENT_THRESHOLD, target };
        add({ ...base, key, kind: 'global-retirement', thresholdDays: null });
      }
    }
  }
  return planned.sort(
    (a, b) => a.expiresAt.getTime() - b.expiresAt.getTime() || a.key.threshold.localeCompare(b.key.threshold),
  );
}
