/** Turns planned reminders into the Notifier's view models (no secrets, dates in the recipient's zone). */
import { formatDate, formatRelative, resolveTimeZone } from '../format-date';
import { code, globalPatMessage } from '../messages';
import type { DigestEntry, DigestOwner, PatReminder, ReminderPat } from '../notifier';
import { effectiveExpiry, isGlobalPat } from '../pat-status';
import { baseThreshold } from './ledger-keys';
import type { PlannedReminder } from './plan-reminders';
import { daysLeftWords } from './thresholds';

/** The PAT as a reminder shows it. */
export function toReminderPat(planned: PlannedReminder, now: Date, timeZone: string | null): ReminderPat {
  const zone = resolveTimeZone(timeZone).timeZone;
  const { pat } = planned;
  return {
    patId: pat.id,
    name: pat.name,
    org: pat.org,
    daysLeft: planned.daysLeft,
    expiresAt: new Date(planned.expiresAt),
    validTo: new Date(pat.validTo),
    expiresOn: formatDate(planned.expiresAt, zone),
    relative: formatRelative(planned.expiresAt, now, zone),
    allOrgs: isGlobalPat(pat),
    endsAtGlobalRetirement: effectiveExpiry(pat).byGlobalRetirement,
  };
}

function sentence(planned: PlannedReminder, view: ReminderPat, now: Date, zone: string): string {
  const name = code(view.name);
  if (planned.kind === 'global-retirement') return globalPatMessage(view.name, now, zone);
  if (planned.kind === 'expired') {
    return `${name} in ${view.org} expired on ${view.expiresOn}. Expired PATs can't be extended: create a new one.`;
  }
  return `${name} in ${view.org} ${daysLeftWords(view.daysLeft)} (${view.expiresOn}). Renew it to keep it working.`;
}

/** A direct reminder to the PAT's owner. */
export function toPatReminder(planned: PlannedReminder, now: Date, timeZone: string | null): PatReminder {
  const zone = resolveTimeZone(timeZone);
  const pat = toReminderPat(planned, now, zone.timeZone);
  return {
    kind: planned.kind,
    threshold: baseThreshold(planned.key.threshold),
    thresholdLabel:
      planned.kind === 'global-retirement' ? 'stops on 1 Dec 2026' : daysLeftWords(pat.daysLeft),
    pat,
    timeZone: zone.timeZone,
    timeZoneLabel: zone.label,
    text: sentence(planned, pat, now, zone.timeZone),
  };
}

/** One line of a channel digest. */
export function toDigestEntry(
  planned: PlannedReminder,
  owner: DigestOwner,
  now: Date,
  timeZone: string | null,
): DigestEntry {
  const pat = toReminderPat(planned, now, timeZone);
  return {
    owner,
    kind: planned.kind === 'expired' ? 'expired' : 'threshold',
    threshold: baseThreshold(planned.key.threshold),
    thresholdLabel: daysLeftWords(pat.daysLeft),
    pat,
  };
}
