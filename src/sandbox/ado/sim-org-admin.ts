/**
 * Organisation-level state the admin APIs read: who holds "View audit log" and Project
 * Collection Administrator rights, members who left the directory, and the audit log of
 * `Token.*` events (kept per organisation, newest last).
 */
import { randomUUID } from 'node:crypto';
import type { SimOrg, SimPat } from './sim-state';

/** The `Token.*` action ids of the public "Auditing events list" (Token area). */
export const TOKEN_ACTIONS = [
  'Token.PatCreateEvent',
  'Token.PatUpdateEvent',
  'Token.PatRevokeEvent',
  'Token.PatSystemRevokeEvent',
  'Token.PatExpiredEvent',
  'Token.PatPublicDiscoveryEvent',
] as const;
export type TokenAction = (typeof TOKEN_ACTIONS)[number];

/** One audit entry as the simulator keeps it (rendered as a `DecoratedAuditLogEntry`). */
export interface SimAuditEntry {
  id: string;
  actionId: string;
  timestamp: Date;
  /** Entra object id of the actor, or null for the system. */
  actorOid: string | null;
  actorName: string;
  data: Record<string, unknown>;
  details: string;
}

export interface SimOrgAdmin {
  /** Project Collection Administrators (hold every organisation permission). */
  collectionAdmins: Set<string>;
  /** Others granted "View audit log" (AuditLog namespace, Read). */
  auditReaders: Set<string>;
  /** Members deleted in the identity provider (Graph `isDeletedInOrigin`). */
  departed: Set<string>;
  audit: SimAuditEntry[];
}

const admins = new WeakMap<SimOrg, SimOrgAdmin>();

export function orgAdmin(org: SimOrg): SimOrgAdmin {
  let value = admins.get(org);
  if (!value) {
    value = { collectionAdmins: new Set(), auditReaders: new Set(), departed: new Set(), audit: [] };
    admins.set(org, value);
  }
  return value;
}

const CATEGORY: Record<string, string> = {
  'Token.PatCreateEvent': 'create',
  'Token.PatUpdateEvent': 'modify',
  'Token.PatRevokeEvent': 'remove',
  'Token.PatSystemRevokeEvent': 'remove',
  'Token.PatExpiredEvent': 'modify',
  'Token.PatPublicDiscoveryEvent': 'access',
};

/** The "Details" sentences of the auditing events list. */
function detailsFor(actionId: string, name: string, owner: string): string {
  switch (actionId) {
    case 'Token.PatCreateEvent':
      return `Personal Access Token "${name}" was created.`;
    case 'Token.PatUpdateEvent':
      return `Personal Access Token "${name}" was updated.`;
    case 'Token.PatRevokeEvent':
      return `Personal Access Token "${name}" was revoked.`;
    case 'Token.PatExpiredEvent':
      return `Personal Access Token "${name}" expired.`;
    case 'Token.PatSystemRevokeEvent':
      return `Personal Access Token "${name}" associated with user "${owner}" was revoked by the system.`;
    default:
      return `Personal Access Token "${name}" associated with user "${owner}" was discovered in a public repository.`;
  }
}

export function categoryOf(actionId: string): string {
  return CATEGORY[actionId] ?? 'unknown';
}

/** Records a `Token.*` event about `pat` (actor null = the system). */
export function recordTokenEvent(
  org: SimOrg,
  input: { actionId: string; pat: SimPat; actorOid: string | null; at: Date; ownerName: string },
): SimAuditEntry {
  const actor = input.actorOid ? org.members.get(input.actorOid) : undefined;
  const entry: SimAuditEntry = {
    id: randomUUID(),
    actionId: input.actionId,
    timestamp: input.at,
    actorOid: input.actorOid,
    actorName: actor?.name ?? (input.actorOid ? input.actorOid : 'Azure DevOps Services'),
    data: {
      DisplayName: input.pat.displayName,
      OwnerName: input.ownerName,
      AuthorizationId: input.pat.authorizationId,
    },
    details: detailsFor(input.actionId, input.pat.displayName, input.ownerName),
  };
  orgAdmin(org).audit.push(entry);
  return entry;
}
