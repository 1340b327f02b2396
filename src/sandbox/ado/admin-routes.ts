/**
 * Routing for the organisation-level APIs patbot's admin watch reads (audit log, Graph users,
 * Token Admin, permission check): which path is which, the scope each needs, and dispatch.
 * The simulator serves them all on one base URL (the real ones live on auditservice., vssps.
 * and dev.azure.com).
 */
import type { ContinuationTokens } from './continuation-token';
import { handleAuditLog } from './audit-handler';
import { handleGraphUsers } from './graph-handler';
import { canReadAuditLog, handlePermissions } from './permissions-handler';
import { vssError, type SimResponse } from './sim-responses';
import type { SimOrg, SimState } from './sim-state';
import { handleTokenAdminList } from './tokenadmin-handler';

export type AdminRoute =
  | { kind: 'audit'; org: string }
  | { kind: 'graph-users'; org: string }
  | { kind: 'tokenadmin'; org: string; descriptor: string }
  | { kind: 'permissions'; org: string; namespaceId: string; permissions: string };

const AUDIT = /^\/([^/]+)\/_apis\/audit\/auditlog\/?$/i;
const GRAPH_USERS = /^\/([^/]+)\/_apis\/graph\/users\/?$/i;
const TOKEN_ADMIN = /^\/([^/]+)\/_apis\/tokenadmin\/personalaccesstokens\/([^/]+)\/?$/i;
const PERMISSIONS = /^\/([^/]+)\/_apis\/permissions\/([^/]+)\/([^/]+)\/?$/i;

/** The admin API a path names, or null. */
export function matchAdminRoute(pathname: string): AdminRoute | null {
  const d = decodeURIComponent;
  let m = AUDIT.exec(pathname);
  if (m) return { kind: 'audit', org: d(m[1]) };
  m = GRAPH_USERS.exec(pathname);
  if (m) return { kind: 'graph-users', org: d(m[1]) };
  m = TOKEN_ADMIN.exec(pathname);
  if (m) return { kind: 'tokenadmin', org: d(m[1]), descriptor: d(m[2]) };
  m = PERMISSIONS.exec(pathname);
  if (m) return { kind: 'permissions', org: d(m[1]), namespaceId: d(m[2]), permissions: d(m[3]) };
  return null;
}

/** The OAuth scope each API documents (`user_impersonation` covers them all). */
const SCOPES: Record<AdminRoute['kind'], string[]> = {
  audit: ['vso.auditlog'],
  'graph-users': ['vso.graph', 'vso.graph_manage'],
  tokenadmin: ['vso.tokenadministration'],
  permissions: ['vso.security_manage', 'vso.profile'],
};

export interface AdminApiRequest {
  route: AdminRoute;
  method: string;
  query: URLSearchParams;
  org: SimOrg;
  oid: string;
  name: string;
  scopes: string[];
  now: Date;
}

export interface AdminApiDeps {
  state: SimState;
  continuation: ContinuationTokens;
  graphPageSize: number;
}

export function handleAdminApi(deps: AdminApiDeps, req: AdminApiRequest): SimResponse {
  if (req.method !== 'GET') {
    return vssError(405, 'The requested resource does not support http method.', 'HttpMethodNotAllowed');
  }
  const { route } = req;
  const scoped =
    req.scopes.includes('user_impersonation') || SCOPES[route.kind].some((s) => req.scopes.includes(s));
  if (!scoped) return vssError(403, 'The requested operation is not allowed.', 'InvalidAccessException');
  switch (route.kind) {
    case 'audit':
      if (!canReadAuditLog(req.org, req.oid)) {
        // Status and wording not documented: modelled on the VSS permission exceptions.
        return vssError(
          403,
          `Access denied. ${req.name} needs View audit log permissions to perform the action.`,
          'AccessCheckException',
        );
      }
      return handleAuditLog(deps.continuation, { query: req.query, org: req.org, now: req.now });
    case 'graph-users':
      return handleGraphUsers(deps.continuation, {
        query: req.query,
        org: req.org,
        pageSize: deps.graphPageSize,
      });
    case 'tokenadmin':
      return handleTokenAdminList(deps.state, deps.continuation, {
        query: req.query,
        org: req.org,
        callerOid: req.oid,
        callerName: req.name,
        descriptor: route.descriptor,
        now: req.now,
      });
    case 'permissions':
      return handlePermissions({
        query: req.query,
        org: req.org,
        oid: req.oid,
        namespaceId: route.namespaceId,
        permissions: route.permissions,
      });
  }
}
