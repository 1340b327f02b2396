/**
 * The simulator's control API for the admin watch: grant roles, mark people as departed, and
 * add audit events the service itself would write (system revocation after a leak).
 */
import type { Clock } from '../../core/clock';
import { orgAdmin, recordTokenEvent, TOKEN_ACTIONS, type TokenAction } from './sim-org-admin';
import type { SimOrg, SimPat, SimState } from './sim-state';

export interface AddTokenEventInput {
  org: string;
  actionId: TokenAction;
  /** The PAT the event is about (an `authorizationId`). */
  patId: string;
  /** Who did it: an Entra object id, or null/omitted for the system. */
  actorOid?: string | null;
  at?: Date;
}

export interface SimAuditEventSnapshot {
  id: string;
  actionId: string;
  timestamp: Date;
  actorOid: string | null;
  data: Record<string, unknown>;
}

export interface AdminControls {
  /** Adds a member to Project Collection Administrators (all org permissions). */
  addCollectionAdmin(org: string, oid: string): void;
  /** Takes a member out of Project Collection Administrators (and any View audit log grant). */
  removeCollectionAdmin(org: string, oid: string): void;
  /** Grants "View audit log" only. */
  grantAuditLogRead(org: string, oid: string): void;
  /** The member was deleted in Entra (Graph `isDeletedInOrigin: true`). */
  markDeparted(org: string, oid: string): void;
  /**
   * Adds a `Token.*` audit event; `Token.PatSystemRevokeEvent` also revokes the PAT, as the
   * service does when it finds a PAT in a public repository.
   */
  addTokenEvent(input: AddTokenEventInput): SimAuditEventSnapshot;
  auditEvents(org: string): SimAuditEventSnapshot[];
}

/** The owner's name as Azure DevOps prints it (the member's UPN), or the raw oid. */
export function ownerNameOf(org: SimOrg, pat: SimPat): string {
  return org.members.get(pat.ownerOid)?.name ?? pat.ownerOid;
}

export function adminControls(state: SimState, clock: Clock): AdminControls {
  const snapshot = (e: SimAuditEventSnapshot): SimAuditEventSnapshot => ({
    id: e.id,
    actionId: e.actionId,
    timestamp: new Date(e.timestamp),
    actorOid: e.actorOid,
    data: { ...e.data },
  });
  return {
    addCollectionAdmin: (org, oid) => orgAdmin(state.requireOrg(org)).collectionAdmins.add(oid),
    removeCollectionAdmin: (org, oid) => {
      const admin = orgAdmin(state.requireOrg(org));
      admin.collectionAdmins.delete(oid);
      admin.auditReaders.delete(oid);
    },
    grantAuditLogRead: (org, oid) => orgAdmin(state.requireOrg(org)).auditReaders.add(oid),
    markDeparted: (org, oid) => orgAdmin(state.requireOrg(org)).departed.add(oid),
    addTokenEvent: (input) => {
      if (!(TOKEN_ACTIONS as readonly string[]).includes(input.actionId)) {
        throw new Error(`simulator: unknown action ${input.actionId}`);
      }
      const org = state.requireOrg(input.org);
      const pat = state.pats.get(input.patId);
      if (!pat) throw new Error(`simulator: unknown PAT ${input.patId}`);
      if (input.actionId === 'Token.PatSystemRevokeEvent') pat.revoked = true;
      const entry = recordTokenEvent(org, {
        actionId: input.actionId,
        pat,
        actorOid: input.actorOid ?? null,
        at: input.at ?? clock.now(),
        ownerName: ownerNameOf(org, pat),
      });
      return snapshot(entry);
    },
    auditEvents: (org) => orgAdmin(state.requireOrg(org)).audit.map(snapshot),
  };
}
