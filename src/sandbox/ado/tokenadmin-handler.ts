/**
 * `GET vssps.dev.azure.com/{org}/_apis/tokenadmin/personalaccesstokens/{subjectDescriptor}`
 * (Token Admin - Personal Access Tokens - List, 7.1-preview.1): one user's PATs in the org as
 * `SessionToken`s, `pageSize` at a time; `continuationToken` is null on the last page.
 * 401 when the caller may not administer tokens, 404 for an unknown descriptor (per the reference).
 */
import type { ContinuationTokens } from './continuation-token';
import { oidOfDescriptor } from './graph-handler';
import { formatServiceDate } from './sim-dates';
import { orgAdmin } from './sim-org-admin';
import { json, unauthorized, vssError, type SimResponse } from './sim-responses';
import type { SimOrg, SimPat, SimState } from './sim-state';

const DEFAULT_PAGE = 100;
const MAX_PAGE = 100;

function wireSessionToken(pat: SimPat, now: Date): Record<string, unknown> {
  return {
    clientId: '00000000-0000-0000-0000-000000000000',
    accessId: pat.authorizationId,
    authorizationId: pat.authorizationId,
    hostAuthorizationId: '00000000-0000-0000-0000-000000000000',
    userId: pat.ownerOid,
    validFrom: formatServiceDate(pat.validFrom),
    validTo: formatServiceDate(pat.validTo),
    displayName: pat.displayName,
    scope: pat.scope,
    targetAccounts: pat.targetAccounts === null ? null : [...pat.targetAccounts],
    token: null,
    alternateToken: null,
    isValid: !pat.revoked && pat.validTo.getTime() > now.getTime(),
    isPublic: false,
    publicData: null,
    source: null,
    claims: null,
  };
}

export interface TokenAdminRequest {
  query: URLSearchParams;
  org: SimOrg;
  callerOid: string;
  callerName: string;
  descriptor: string;
  now: Date;
}

export function handleTokenAdminList(
  state: SimState,
  continuation: ContinuationTokens,
  req: TokenAdminRequest,
): SimResponse {
  if (!orgAdmin(req.org).collectionAdmins.has(req.callerOid)) return unauthorized(req.org, req.callerName);
  const oid = oidOfDescriptor(req.descriptor);
  if (!oid || !req.org.members.has(oid)) {
    return vssError(
      404,
      `The user with descriptor '${req.descriptor}' could not be found.`,
      'IdentityNotFoundException',
    );
  }
  const sizeRaw = req.query.get('pageSize');
  const size = sizeRaw === null ? DEFAULT_PAGE : Number(sizeRaw);
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) {
    return vssError(400, `pageSize must be from 1 to ${MAX_PAGE}.`, 'InvalidArgumentValueException');
  }
  if ((req.query.get('isPublic') ?? 'false').toLowerCase() === 'true') {
    return json(200, { value: [], continuationToken: null });
  }
  const binding = ['tokenadmin', req.org.id, oid, size].join('|');
  const token = req.query.get('continuationToken');
  const offset = token ? continuation.read(binding, token) : 0;
  if (offset === undefined) {
    return vssError(400, 'The continuation token is not valid.', 'InvalidArgumentValueException');
  }
  const pats = state
    .visiblePats(req.org, oid)
    .sort((a, b) => a.authorizationId.localeCompare(b.authorizationId));
  const page = pats.slice(offset, offset + size);
  const next = offset + size < pats.length ? continuation.issue(binding, offset + size) : null;
  return json(200, { value: page.map((p) => wireSessionToken(p, req.now)), continuationToken: next });
}
