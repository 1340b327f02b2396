/**
 * Pure planning of one channel's daily digest: the subscribers' PATs (filtered by each
 * subscription's name pattern) that crossed a threshold, plus "couldn't check {user}'s PATs"
 * lines. Nothing is planned outside the channel's working hours or when nothing is due.
 */
import { resolveTimeZone } from '../format-date';
import type { DigestEntry, DigestOwner, UnreadableOwner } from '../notifier';
import type { Pat } from '../pat';
import type { LedgerKey } from '../store';
import { namePatternMatcher } from '../subscriptions/name-pattern';
import { digestDayKey } from './ledger-keys';
import { planReminders } from './plan-reminders';
import { toDigestEntry } from './reminder-view';
import { isWithinWorkingHours, localTime, type WorkingHours } from './working-hours';

/** A subscriber whose PATs could be read this sweep. */
export interface DigestSubscriber {
  owner: DigestOwner;
  pats: readonly Pat[];
  namePattern: string | null;
  snoozes?: ReadonlyMap<string, Date>;
}

/** A subscriber whose tokens can't be read; `key` is their sign-in episode's key for this channel. */
export interface DigestUnreadable {
  owner: DigestOwner;
  code: UnreadableOwner['code'];
  key: LedgerKey;
}

export interface PlanChannelDigestInput {
  conversationKey: string;
  now: Date;
  timeZone: string | null;
  workingHours: WorkingHours;
  thresholdsDays: readonly number[];
  subscribers: readonly DigestSubscriber[];
  unreadable?: readonly DigestUnreadable[];
  expiredNoticeDays?: number;
}

export interface PlannedDigest {
  conversationKey: string;
  /** Local date `YYYY-MM-DD` and the once-a-day key. */
  day: string;
  dayKey: LedgerKey;
  timeZone: string;
  timeZoneLabel: string;
  entries: Array<{ key: LedgerKey; entry: DigestEntry }>;
  unreadable: Array<{ key: LedgerKey; item: UnreadableOwner }>;
}

/** The digest due now in one channel, or null (outside working hours, or nothing to say). */
export function planChannelDigest(input: PlanChannelDigestInput): PlannedDigest | null {
  const { now, conversationKey } = input;
  if (!isWithinWorkingHours(now, input.timeZone, input.workingHours)) return null;
  const zone = resolveTimeZone(input.timeZone);
  const entries: PlannedDigest['entries'] = [];
  for (const sub of input.subscribers) {
    const matches = namePatternMatcher(sub.namePattern);
    const planned = planReminders({
      pats: sub.pats.filter((p) => matches(p.name)),
      now,
      thresholdsDays: input.thresholdsDays,
      target: conversationKey,
      timeZone: zone.timeZone,
      workingHours: input.workingHours,
      snoozes: sub.snoozes,
      expiredNoticeDays: input.expiredNoticeDays,
      includeGlobalRetirement: false,
    });
    for (const p of planned)
      entries.push({ key: p.key, entry: toDigestEntry(p, sub.owner, now, zone.timeZone) });
  }
  const unreadable = (input.unreadable ?? []).map((u) => ({
    key: u.key,
    item: { owner: u.owner, code: u.code },
  }));
  if (entries.length === 0 && unreadable.length === 0) return null;
  entries.sort(
    (a, b) =>
      a.entry.pat.expiresAt.getTime() - b.entry.pat.expiresAt.getTime() ||
      a.entry.pat.name.localeCompare(b.entry.pat.name),
  );
  const day = localTime(now, zone.timeZone).day;
  return {
    conversationKey,
    day,
    dayKey: digestDayKey(conversationKey, day),
    timeZone: zone.timeZone,
    timeZoneLabel: zone.label,
    entries,
    unreadable,
  };
}
