/**
 * The `_apis/tokens/pats` operations (list, get, create, update, revoke) for one signed-in
 * member of one org, with the organisation's PAT policies enforced.
 */
import { randomUUID } from 'node:crypto';
import type { ContinuationTokens } from './continuation-token';
import { roundToServiceTicks } from './sim-dates';
import { json, patError, patResult, vssError, wirePatToken, type SimResponse } from './sim-responses';
import { newPatSecret, type SimOrg, type SimPat, type SimState } from './sim-state';

const DAY_MS = 86_400_000;
const MAX_LIFESPAN_DAYS = 365;
const MAX_TOP = 100;
const DEFAULT_TOP = 100;
const DEFAULT_CREATE_DAYS = 30;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FILTERS = ['active', 'revoked', 'expired', 'all'] as const;
const SORTS = ['displayName', 'displayDate', 'status'] as const;

export interface PatsRequest {
  method: string;
  query: URLSearchParams;
  body: unknown;
  org: SimOrg;
  oid: string;
  now: Date;
}

export interface PatsHandlerDeps {
  state: SimState;
  continuation: ContinuationTokens;
  /** HTTP status sent with a `patTokenError` (unverified in the real service; default 400). */
  patErrorStatus: number;
  /** Refuse all global-PAT creation with `globalPATCreationBlocked` (the 2026 retirement). */
  blockGlobalCreation: boolean;
  /** Writes the org's audit entry for a change (`Token.PatCreateEvent`, …). */
  onPatEvent?: (actionId: string, pat: SimPat) => void;
}

export function handlePats(deps: PatsHandlerDeps, req: PatsRequest): SimResponse {
  switch (req.method) {
    case 'GET':
      return req.query.has('authorizationId') ? getPat(deps, req) : listPats(deps, req);
    case 'POST':
      return createPat(deps, req);
    case 'PUT':
      return updatePat(deps, req);
    case 'DELETE':
      return revokePat(deps, req);
    default:
      return vssError(405, 'The requested resource does not support http method.', 'HttpMethodNotAllowed');
  }
}

function fail(deps: PatsHandlerDeps, value: string): SimResponse {
  return patError(deps.patErrorStatus, value);
}

function findPat(deps: PatsHandlerDeps, req: PatsRequest, id: unknown): SimPat | string {
  if (typeof id !== 'string' || !UUID.test(id)) return 'invalidAuthorizationId';
  const pat = deps.state.pats.get(id.toLowerCase()) ?? deps.state.pats.get(id);
  const visible = pat && deps.state.visiblePats(req.org, req.oid).includes(pat);
  return visible && pat ? pat : 'authorizationNotFound';
}

function getPat(deps: PatsHandlerDeps, req: PatsRequest): SimResponse {
  const pat = findPat(deps, req, req.query.get('authorizationId'));
  return typeof pat === 'string' ? fail(deps, pat) : patResult(pat);
}

function status(pat: SimPat, now: Date): 'active' | 'expired' | 'revoked' {
  if (pat.revoked) return 'revoked';
  return pat.validTo.getTime() > now.getTime() ? 'active' : 'expired';
}

function listPats(deps: PatsHandlerDeps, req: PatsRequest): SimResponse {
  const q = req.query;
  const filter = q.get('displayFilterOption') ?? 'active';
  const sort = q.get('sortByOption') ?? 'displayName';
  const ascendingRaw = (q.get('isSortAscending') ?? 'true').toLowerCase();
  const topRaw = q.get('$top');
  if (!(FILTERS as readonly string[]).includes(filter))
    return badRequest(`Invalid displayFilterOption '${filter}'.`);
  if (!(SORTS as readonly string[]).includes(sort)) return badRequest(`Invalid sortByOption '${sort}'.`);
  if (ascendingRaw !== 'true' && ascendingRaw !== 'false') return badRequest('Invalid isSortAscending.');
  const top = topRaw === null ? DEFAULT_TOP : Number(topRaw);
  if (!Number.isInteger(top) || top < 1) return badRequest('$top must be a positive integer.');
  const pageSize = Math.min(top, MAX_TOP);
  const ascending = ascendingRaw === 'true';

  const binding = [req.oid, req.org.id, filter, sort, ascending].join('|');
  const token = q.get('continuationToken');
  const offset = token ? deps.continuation.read(binding, token) : 0;
  if (offset === undefined) {
    return badRequest('The continuation token is not valid for these filter and sort options.');
  }

  const rank = { active: 0, expired: 1, revoked: 2 } as const;
  const matching = deps.state
    .visiblePats(req.org, req.oid)
    .filter((p) => filter === 'all' || status(p, req.now) === filter)
    .sort((a, b) => {
      let d = 0;
      if (sort === 'displayName') d = a.displayName.localeCompare(b.displayName);
      else if (sort === 'displayDate') d = a.validTo.getTime() - b.validTo.getTime();
      else d = rank[status(a, req.now)] - rank[status(b, req.now)];
      if (d === 0) d = a.authorizationId.localeCompare(b.authorizationId);
      return ascending ? d : -d;
    });
  const page = matching.slice(offset, offset + pageSize);
  const next = offset + pageSize < matching.length ? deps.continuation.issue(binding, offset + pageSize) : '';
  return json(200, { continuationToken: next, patTokens: page.map((p) => wirePatToken(p)) });
}

function body(req: PatsRequest): Record<string, unknown> | undefined {
  return typeof req.body === 'object' && req.body !== null && !Array.isArray(req.body)
    ? (req.body as Record<string, unknown>)
    : undefined;
}

function parseDate(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** The org's lifespan limit in days, never above one year. */
function lifespanDays(org: SimOrg): number {
  return Math.min(org.policies.maxLifespanDays ?? MAX_LIFESPAN_DAYS, MAX_LIFESPAN_DAYS);
}

function checkScope(org: SimOrg, scope: unknown): string | undefined {
  if (typeof scope !== 'string' || scope.trim() === '' || !/^[\w.]+( [\w.]+)*$/.test(scope.trim())) {
    return 'invalidScope';
  }
  if (org.policies.restrictFullScope && scope.split(' ').includes('app_token'))
    return 'fullScopePatPolicyViolation';
  return undefined;
}

function checkGlobal(deps: PatsHandlerDeps, org: SimOrg, allOrgs: boolean): string | undefined {
  if (!allOrgs) return undefined;
  if (deps.blockGlobalCreation) return 'globalPATCreationBlocked';
  if (org.policies.restrictGlobal) return 'globalPatPolicyViolation';
  return undefined;
}

function createPat(deps: PatsHandlerDeps, req: PatsRequest): SimResponse {
  const b = body(req);
  if (!b) return badRequest('A PatTokenCreateRequest body is required.');
  const { org, now } = req;
  const name = b.displayName;
  if (typeof name !== 'string' || name.trim() === '') return fail(deps, 'displayNameRequired');
  if (name.length > 256) return fail(deps, 'invalidDisplayName');
  const scopeError = checkScope(org, b.scope);
  if (scopeError) return fail(deps, scopeError);
  const validTo =
    b.validTo === undefined ? new Date(now.getTime() + DEFAULT_CREATE_DAYS * DAY_MS) : parseDate(b.validTo);
  if (!validTo || validTo.getTime() <= now.getTime()) return fail(deps, 'invalidValidTo');
  const allOrgs = b.allOrgs === true;
  const globalError = checkGlobal(deps, org, allOrgs);
  if (globalError) return fail(deps, globalError);
  if (org.policies.disablePatCreation && !org.policies.creationAllowlist.includes(req.oid)) {
    return fail(deps, 'disablePatCreationPolicyViolation');
  }
  const cap = now.getTime() + lifespanDays(org) * DAY_MS;
  const pat: SimPat = {
    authorizationId: randomUUID(),
    ownerOid: req.oid,
    displayName: name,
    scope: (b.scope as string).trim(),
    targetAccounts: allOrgs ? null : [org.id],
    validFrom: roundToServiceTicks(now),
    validTo: roundToServiceTicks(new Date(Math.min(validTo.getTime(), cap))),
    revoked: false,
  };
  deps.state.pats.set(pat.authorizationId, pat);
  deps.onPatEvent?.('Token.PatCreateEvent', pat);
  return patResult(pat, newPatSecret());
}

function updatePat(deps: PatsHandlerDeps, req: PatsRequest): SimResponse {
  const b = body(req);
  if (!b) return badRequest('A PatTokenUpdateRequest body is required.');
  const { org, now } = req;
  const pat = findPat(deps, req, b.authorizationId);
  if (typeof pat === 'string') return fail(deps, pat);
  if (pat.revoked) return fail(deps, 'invalidToken');
  if (pat.validTo.getTime() <= now.getTime()) return fail(deps, 'expiredPatCannotBeExtended');
  if (b.displayName !== undefined && (typeof b.displayName !== 'string' || b.displayName.trim() === '')) {
    return fail(deps, 'invalidDisplayName');
  }
  if (b.scope !== undefined) {
    const scopeError = checkScope(org, b.scope);
    if (scopeError) return fail(deps, scopeError);
  }
  if (b.allOrgs !== undefined && typeof b.allOrgs !== 'boolean') return fail(deps, 'invalidTargetAccounts');
  const globalError = checkGlobal(deps, org, b.allOrgs === true && pat.targetAccounts !== null);
  if (globalError) return fail(deps, globalError);
  let validTo: Date | undefined;
  if (b.validTo !== undefined) {
    validTo = parseDate(b.validTo);
    if (!validTo || validTo.getTime() <= now.getTime()) return fail(deps, 'invalidValidTo');
  }

  if (typeof b.displayName === 'string') pat.displayName = b.displayName;
  if (typeof b.scope === 'string') pat.scope = b.scope.trim();
  if (b.allOrgs === true) pat.targetAccounts = null;
  if (b.allOrgs === false && pat.targetAccounts === null) pat.targetAccounts = [org.id];
  if (validTo) {
    // Update caps relative to the PAT's creation date (Go SDK PR #164 wording; unverified).
    // Never below the current expiry, so a policy added later cannot expire a PAT on renewal.
    const cap = Math.max(pat.validFrom.getTime() + lifespanDays(org) * DAY_MS, pat.validTo.getTime());
    pat.validTo = roundToServiceTicks(new Date(Math.min(validTo.getTime(), cap)));
  }
  deps.onPatEvent?.('Token.PatUpdateEvent', pat);
  return patResult(pat);
}

function revokePat(deps: PatsHandlerDeps, req: PatsRequest): SimResponse {
  const pat = findPat(deps, req, req.query.get('authorizationId'));
  if (typeof pat === 'string') return fail(deps, pat);
  if (!pat.revoked) deps.onPatEvent?.('Token.PatRevokeEvent', pat);
  pat.revoked = true;
  return { status: 204, headers: {}, body: '' };
}

function badRequest(message: string): SimResponse {
  return vssError(400, message, 'InvalidArgumentValueException');
}
