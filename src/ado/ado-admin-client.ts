/**
 * `OrgAdminApi` over the Azure DevOps organisation APIs with an administrator's Entra token:
 * Audit Log - Query (auditservice.), Graph Users - List and Token Admin - Personal Access Tokens
 * - List (vssps.), Security Permissions - Has Permissions (dev.azure.com). Reads only. Same
 * transport as the Tokens client: timeouts, Retry-After honoured, X-RateLimit slow-down.
 */
import type { ZodTypeAny, z } from 'zod';
import { systemClock, type Clock } from '../core/clock';
import { silentLogger, type Logger } from '../core/logger';
import type {
  AdminPat,
  AuditEvent,
  AuditPage,
  AuditQuery,
  OrgAdminApi,
  OrgUser,
} from '../core/admin/org-admin-api';
import type { AdoCallContext } from '../core/tokens-api';
import { CodedError } from '../errors';
import {
  auditResultSchema,
  graphUsersSchema,
  permissionsSchema,
  sessionTokensSchema,
  type WireAuditEntry,
} from './admin-wire';
import { fetchExchange, nodeExchange } from './http-exchange';
import { sendAdoRequest, type AdoResponse, type FetchFn, type TransportDeps } from './ado-transport';
import { authFailure, badResponse, isSignInPage, orgNotFound, signInRedirectError } from './auth-failure';
import { identityKey } from './jwt-claims';
import { RateLimitGate, type Sleep } from './rate-limit-gate';
import { DEFAULT_RETRY, type RetryOptions } from './retry-policy';

export const AUDIT_API_VERSION = '7.1-preview.1';
export const GRAPH_API_VERSION = '7.1-preview.1';
export const TOKEN_ADMIN_API_VERSION = '7.1-preview.1';
export const PERMISSIONS_API_VERSION = '7.1';
export const AUDIT_LOG_NAMESPACE_ID = 'a6cc6381-a1ca-4b36-b3c1-4e65211e82b6';
const NO_ACTOR = '00000000-0000-0000-0000-000000000000';
const MAX_PAGES = 1000;

export interface AdoAdminClientOptions {
  /** `https://vssps.dev.azure.com` (Graph, Token Admin). */
  vsspsBaseUrl: string;
  /** `https://auditservice.dev.azure.com` (Audit log). */
  auditBaseUrl: string;
  /** `https://dev.azure.com` (permission check). */
  devBaseUrl: string;
  fetch?: FetchFn;
  clock?: Clock;
  sleep?: Sleep;
  logger?: Logger;
  timeoutMs?: number;
  retry?: Partial<RetryOptions>;
  random?: () => number;
}

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const trim = (url: string): string => url.replace(/\/+$/, '');

export class AdoAdminClient implements OrgAdminApi {
  private readonly deps: TransportDeps;
  private readonly logger: Logger;

  constructor(private readonly options: AdoAdminClientOptions) {
    const clock = options.clock ?? systemClock;
    const sleep = options.sleep ?? realSleep;
    this.logger = (options.logger ?? silentLogger).child({ component: 'ado-admin' });
    const retry = { ...DEFAULT_RETRY, ...options.retry };
    this.deps = {
      exchange: options.fetch ? fetchExchange(options.fetch) : nodeExchange,
      clock,
      sleep,
      logger: this.logger,
      timeoutMs: options.timeoutMs ?? 15_000,
      retry,
      random: options.random ?? Math.random,
      gate: new RateLimitGate(clock, sleep, this.logger, retry.maxDelayMs),
    };
  }

  async canReadAuditLog(ctx: AdoCallContext): Promise<boolean> {
    const query = new URLSearchParams({
      tokens: '/AllPermissions',
      // Documented as `alwaysAllowAdministrators` (Permissions - Has Permissions): the
      // organisation's administrators always pass.
      alwaysAllowAdministrators: 'true',
      'api-version': PERMISSIONS_API_VERSION,
    });
    const url = `${trim(this.options.devBaseUrl)}/${encodeURIComponent(ctx.org)}/_apis/permissions/${AUDIT_LOG_NAMESPACE_ID}/1?${query.toString()}`;
    const body = this.parse(await this.get(ctx, url), ctx, permissionsSchema);
    return body.value.length > 0 && body.value.every(Boolean);
  }

  async auditPage(ctx: AdoCallContext, q: AuditQuery): Promise<AuditPage> {
    const query = new URLSearchParams({
      startTime: q.startTime.toISOString(),
      endTime: q.endTime.toISOString(),
      batchSize: String(q.batchSize),
      skipAggregation: 'true',
      'api-version': AUDIT_API_VERSION,
    });
    if (q.continuationToken) query.set('continuationToken', q.continuationToken);
    const url = `${trim(this.options.auditBaseUrl)}/${encodeURIComponent(ctx.org)}/_apis/audit/auditlog?${query.toString()}`;
    const res = await this.get(ctx, url);
    // The reference's sample wraps the result in `value`; the service answers it bare.
    const body = this.parse(res, ctx, auditResultSchema, (json) =>
      isRecord(json) && isRecord(json.value) && !('decoratedAuditLogEntries' in json) ? json.value : json,
    );
    return {
      events: body.decoratedAuditLogEntries.map(toAuditEvent),
      continuationToken: body.continuationToken ?? null,
      hasMore: body.hasMore ?? false,
    };
  }

  async listUsers(ctx: AdoCallContext): Promise<OrgUser[]> {
    const users: OrgUser[] = [];
    const seen = new Set<string>();
    let continuation: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = new URLSearchParams({ subjectTypes: 'aad', 'api-version': GRAPH_API_VERSION });
      if (continuation) query.set('continuationToken', continuation);
      const url = `${trim(this.options.vsspsBaseUrl)}/${encodeURIComponent(ctx.org)}/_apis/graph/users?${query.toString()}`;
      const res = await this.get(ctx, url);
      const body = this.parse(res, ctx, graphUsersSchema);
      for (const u of body.value) {
        users.push({
          descriptor: u.descriptor,
          principalName: u.principalName ?? u.displayName ?? u.descriptor,
          displayName: u.displayName ?? u.principalName ?? u.descriptor,
          originId: u.originId ?? null,
          departed: u.isDeletedInOrigin === true,
        });
      }
      continuation = res.headers.get('x-ms-continuationtoken');
      if (!continuation) return users;
      if (seen.has(continuation)) throw badResponse(ctx.org, res.status, 'repeated continuation token');
      seen.add(continuation);
    }
    throw badResponse(ctx.org, 200, 'too many pages');
  }

  async listUserPats(ctx: AdoCallContext, descriptor: string): Promise<AdminPat[]> {
    const pats: AdminPat[] = [];
    let continuation: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = new URLSearchParams({
        pageSize: '100',
        isPublic: 'false',
        'api-version': TOKEN_ADMIN_API_VERSION,
      });
      if (continuation) query.set('continuationToken', continuation);
      const url = `${trim(this.options.vsspsBaseUrl)}/${encodeURIComponent(ctx.org)}/_apis/tokenadmin/personalaccesstokens/${encodeURIComponent(descriptor)}?${query.toString()}`;
      const body = this.parse(await this.get(ctx, url), ctx, sessionTokensSchema);
      for (const t of body.value) {
        if (t.isPublic === true) continue;
        pats.push({
          id: t.authorizationId,
          name: t.displayName ?? '(no name)',
          validFrom: new Date(t.validFrom),
          validTo: new Date(t.validTo),
          isValid: t.isValid !== false,
        });
      }
      const next = body.continuationToken ?? null;
      if (!next || next === continuation) return pats;
      continuation = next;
    }
    throw badResponse(ctx.org, 200, 'too many pages');
  }

  private async get(ctx: AdoCallContext, url: string): Promise<AdoResponse> {
    const res = await sendAdoRequest(this.deps, {
      method: 'GET',
      url,
      accessToken: ctx.accessToken,
      idempotent: true,
      org: ctx.org,
      identity: identityKey(ctx.accessToken),
      signal: ctx.signal,
    });
    this.logger.debug(
      { org: ctx.org, status: res.status, api: new URL(url).pathname.split('/')[3] },
      'ado admin call',
    );
    return res;
  }

  private parse<S extends ZodTypeAny>(
    res: AdoResponse,
    ctx: AdoCallContext,
    schema: S,
    unwrap: (json: unknown) => unknown = (json) => json,
  ): z.infer<S> {
    let error: CodedError | undefined;
    if (isSignInPage(res)) error = signInRedirectError(res, ctx.org);
    else if (res.status === 401 || res.status === 403) error = authFailure(res, ctx);
    else if (res.status === 404) error = orgNotFound(ctx.org, res.status);
    else if (res.status >= 400) error = badResponse(ctx.org, res.status, 'refused');
    if (error) {
      this.logger.warn({ org: ctx.org, status: res.status, errorCode: error.code }, 'ado admin call failed');
      throw error;
    }
    const parsed = schema.safeParse(unwrap(safeJson(res.body)));
    if (!parsed.success) throw badResponse(ctx.org, res.status, 'schema');
    return parsed.data as z.infer<S>;
  }
}

function toAuditEvent(e: WireAuditEntry): AuditEvent {
  const data = e.data ?? {};
  const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
  const actor = str(e.actorUserId);
  const system = actor === null || actor === NO_ACTOR || (e.authenticationMechanism ?? '') === 'System';
  return {
    id: e.id,
    actionId: e.actionId,
    at: new Date(e.timestamp),
    actorUserId: system ? null : actor,
    actorUpn: system ? null : str(e.actorUPN),
    actorName: str(e.actorDisplayName) ?? (system ? 'Azure DevOps' : 'someone'),
    patId: str(data.AuthorizationId),
    patName: str(data.DisplayName),
    ownerName: str(data.OwnerName),
    details: str(e.details) ?? e.actionId,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
