/** Turns planned reminders into the Notifier's view models (no secrets, dates in the recipient's zone). */
import { formatDate, formatRelative, resolveTimeZone } from '../format-date';
import { code, globalPatDeadMessage, globalPatMessage } from '../messages';
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
  if (planned.kind === 'global-dead') return globalPatDeadMessage(view.name, zone);
  if (planned.kind === 'expired') {
    return `${name} in ${view.org} expired on ${view.expiresOn}. Expired PATs can't be extended: create a new one.`;
  }
  return `${name} in ${view.org} ${daysLeftWords(view.daysLeft)} (${view.expiresOn}). Renew it to keep it working.`;
}

/** Fixed words for the notices that are not about days left. */
const THRESHOLD_LABELS: Partial<Record<PlannedReminder['kind'], string>> = {
  'global-retirement': 'stops on 1 Dec 2026',
  'global-dead': 'stopped working on 1 Dec 2026',
};

/** A direct reminder to the PAT's owner. */
export function toPatReminder(planned: PlannedReminder, now: Date, timeZone: string | null): PatReminder {
  const zone = resolveTimeZone(timeZone);
  const pat = toReminderPat(planned, now, zone.timeZone);
  return {
    kind: planned.kind,
    threshold: baseThreshold(planned.key.threshold),
    thresholdLabel: THRESHOLD_LABELS[planned.kind] ?? daysLeftWords(pat.daysLeft),
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
    kind: planned.kind === 'expired' || planned.kind === 'global-dead' ? 'expired' : 'threshold',
    threshold: baseThreshold(planned.key.threshold),
    thresholdLabel: daysLeftWords(pat.daysLeft),
    pat,
  };
}
