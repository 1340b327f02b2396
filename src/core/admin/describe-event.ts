/** Reads one `Token.*` audit entry as a sentence: what happened to which PAT, when, and by whom. */
import type { AuditEvent } from './org-admin-api';

export type EventActor = 'system' | 'admin' | 'self';

const WHAT: Record<string, string> = {
  'Token.PatCreateEvent': 'was created',
  'Token.PatUpdateEvent': 'was changed',
  'Token.PatRevokeEvent': 'was revoked',
  'Token.PatSystemRevokeEvent': 'was revoked by Azure DevOps',
  'Token.PatExpiredEvent': 'expired',
  'Token.PatPublicDiscoveryEvent': 'was found in a public repository',
};

/** Events after which the PAT no longer works: the alert offers a replacement. */
const ENDS_PAT = new Set([
  'Token.PatRevokeEvent',
  'Token.PatSystemRevokeEvent',
  'Token.PatExpiredEvent',
  'Token.PatPublicDiscoveryEvent',
]);

export function isTokenEvent(event: AuditEvent): boolean {
  return Object.prototype.hasOwnProperty.call(WHAT, event.actionId);
}

export function whatHappened(event: AuditEvent): string {
  return WHAT[event.actionId] ?? 'changed';
}

export function endsPat(event: AuditEvent): boolean {
  return ENDS_PAT.has(event.actionId);
}

/** The PAT's owner as Azure DevOps names them: `OwnerName`, else the actor (self-service events). */
export function ownerNameOf(event: AuditEvent): string | null {
  return event.ownerName ?? event.actorUpn;
}

export function actorOf(event: AuditEvent): EventActor {
  if (event.actorUserId === null) return 'system';
  const owner = ownerNameOf(event);
  return owner !== null && event.actorUpn !== null && owner.toLowerCase() === event.actorUpn.toLowerCase()
    ? 'self'
    : 'admin';
}

export function byText(event: AuditEvent): string {
  switch (actorOf(event)) {
    case 'system':
      return 'by Azure DevOps';
    case 'self':
      return 'by you';
    case 'admin':
      return `by ${event.actorUpn ?? event.actorName} (an administrator)`;
  }
}

/** `Tue 3 Dec 2026 14:05 UTC`. */
export function whenText(at: Date): string {
  const weekday = at.toLocaleDateString('en-GB', { weekday: 'short', timeZone: 'UTC' });
  const date = at.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const time = at.toISOString().slice(11, 16);
  return `${weekday} ${date} ${time} UTC`;
}
