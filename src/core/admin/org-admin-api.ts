/**
 * Port: the organisation-level reads of the admin watch, with the administrator's delegated
 * token. Nothing here writes to Azure DevOps: the admin's token is used for these four reads only.
 */
import type { AdoCallContext } from '../tokens-api';

/** One `Token.*` entry of the organisation's audit log, as patbot uses it. */
export interface AuditEvent {
  id: string;
  actionId: string;
  at: Date;
  /** Null when the system did it (actor id all zeros / system authentication). */
  actorUserId: string | null;
  actorUpn: string | null;
  actorName: string;
  /** From the entry's `data` (`AuthorizationId`, `DisplayName`, `OwnerName`): may be missing. */
  patId: string | null;
  patName: string | null;
  ownerName: string | null;
  details: string;
}

export interface AuditPage {
  events: AuditEvent[];
  continuationToken: string | null;
  hasMore: boolean;
}

export interface AuditQuery {
  startTime: Date;
  endTime: Date;
  batchSize: number;
  continuationToken?: string;
}

/** A user of the organisation (Graph). */
export interface OrgUser {
  descriptor: string;
  principalName: string;
  displayName: string;
  /** Entra object id. */
  originId: string | null;
  /** Deleted in Entra (Graph `isDeletedInOrigin`): the person has left. */
  departed: boolean;
}

/** One PAT of a user as Token Admin lists it (never a secret). */
export interface AdminPat {
  id: string;
  name: string;
  validFrom: Date;
  validTo: Date;
  isValid: boolean;
}

export interface OrgAdminApi {
  /** AuditLog namespace, Read (1) on `/AllPermissions`: "View audit log". */
  canReadAuditLog(ctx: AdoCallContext): Promise<boolean>;
  auditPage(ctx: AdoCallContext, query: AuditQuery): Promise<AuditPage>;
  /** Every user of the organisation (all pages). */
  listUsers(ctx: AdoCallContext): Promise<OrgUser[]>;
  /** Every PAT of one user in the organisation (all pages). */
  listUserPats(ctx: AdoCallContext, descriptor: string): Promise<AdminPat[]>;
}

/** The `Token.*` action ids patbot alerts on (from the public auditing events list). */
export const TOKEN_EVENT_ACTIONS = [
  'Token.PatCreateEvent',
  'Token.PatUpdateEvent',
  'Token.PatRevokeEvent',
  'Token.PatSystemRevokeEvent',
  'Token.PatExpiredEvent',
  'Token.PatPublicDiscoveryEvent',
] as const;
