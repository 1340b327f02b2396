/**
 * `TokensApi` over the Azure DevOps PAT Lifecycle Management API
 * (`{vssps}/{org}/_apis/tokens/pats?api-version=7.1-preview.1`) with a user's Entra access token.
 */
import type { z } from 'zod';
import { systemClock, type Clock } from '../core/clock';
import { silentLogger, type Logger } from '../core/logger';
import type { Pat } from '../core/pat';
import type {
  AdoCallContext,
  CreatePatRequest,
  ListPatsOptions,
  TokensApi,
  UpdatePatRequest,
  UpdatePatResult,
} from '../core/tokens-api';
import { CodedError } from '../errors';
import {
  sendAdoRequest,
  type AdoRequest,
  type AdoResponse,
  type FetchFn,
  type TransportDeps,
} from './ado-transport';
import { fetchExchange, nodeExchange } from './http-exchange';
import { authFailure, badResponse, isSignInPage, orgNotFound, signInRedirectError } from './auth-failure';
import { credentialKind, identityKey } from './jwt-claims';
import { toPat } from './map-pat';
import { patTokenErrorToCoded } from './pat-token-errors';
import { RateLimitGate, type Sleep } from './rate-limit-gate';
import { DEFAULT_RETRY, type RetryOptions } from './retry-policy';
import { isPatTokenResultLike, readPagedPatTokens } from './wire-guards';
import {
  patTokenResultSchema,
  type WirePagedPatTokens,
  type WirePatTokenCreateRequest,
  type WirePatTokenResult,
  type WirePatTokenUpdateRequest,
} from './wire-schemas';

export const ADO_TOKENS_API_VERSION = '7.1-preview.1';

/** The service may round `validTo` (≈1/300 s); an expiry this much earlier than asked counts as capped. */
const CAP_TOLERANCE_MS = 1000;
const MAX_PAGES = 1000;

export interface AdoTokensClientOptions {
  /** The vssps host, e.g. `https://vssps.dev.azure.com` (config `ado.vsspsBaseUrl`). */
  baseUrl: string;
  fetch?: FetchFn;
  clock?: Clock;
  sleep?: Sleep;
  logger?: Logger;
  /** Per-attempt timeout (default 10 000 ms). */
  timeoutMs?: number;
  retry?: Partial<RetryOptions>;
  /** Source of randomness for jitter, in [0, 1) (default Math.random). */
  random?: () => number;
  /** `$top` for list pages (1–100, default 100). */
  pageSize?: number;
}

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class AdoTokensClient implements TokensApi {
  private readonly baseUrl: string;
  private readonly deps: TransportDeps;
  private readonly pageSize: number;
  private readonly logger: Logger;

  constructor(options: AdoTokensClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    const clock = options.clock ?? systemClock;
    const sleep = options.sleep ?? realSleep;
    this.logger = (options.logger ?? silentLogger).child({ component: 'ado-tokens' });
    const retry = { ...DEFAULT_RETRY, ...options.retry };
    this.pageSize = Math.min(100, Math.max(1, Math.floor(options.pageSize ?? 100)));
    this.deps = {
      exchange: options.fetch ? fetchExchange(options.fetch) : nodeExchange,
      clock,
      sleep,
      logger: this.logger,
      timeoutMs: options.timeoutMs ?? 10_000,
      retry,
      random: options.random ?? Math.random,
      gate: new RateLimitGate(clock, sleep, this.logger, retry.maxDelayMs),
    };
  }

  /** The caller's PATs visible in the org: every page (same filter and sort), or one with `limit`. */
  async list(ctx: AdoCallContext, options: ListPatsOptions = {}): Promise<Pat[]> {
    const filter = options.filter ?? 'active';
    const pats: Pat[] = [];
    const seen = new Set<string>();
    let continuation = '';
    const top = options.limit
      ? Math.min(this.pageSize, Math.max(1, Math.floor(options.limit)))
      : this.pageSize;
    for (let page = 0; page < MAX_PAGES; page++) {
      const query: Record<string, string> = { displayFilterOption: filter, $top: String(top) };
      if (options.sortBy) query.sortByOption = options.sortBy;
      if (options.ascending !== undefined) query.isSortAscending = String(options.ascending);
      if (continuation) query.continuationToken = continuation;
      const res = await this.send(ctx, { method: 'GET', query, idempotent: true });
      const body = this.readPage(res, ctx);
      for (const wire of body.patTokens) {
        pats.push(toPat(wire, ctx.org, filter === 'revoked' ? true : undefined));
      }
      continuation = options.limit ? '' : (body.continuationToken ?? '');
      if (!continuation) {
        this.logger.debug({ org: ctx.org, count: pats.length, pages: page + 1 }, 'ado list done');
        return pats;
      }
      if (seen.has(continuation)) throw badResponse(ctx.org, res.status, 'repeated continuationToken');
      seen.add(continuation);
    }
    throw badResponse(ctx.org, 200, 'too many pages');
  }

  /** One PAT by id (`authorizationId`). */
  async get(ctx: AdoCallContext, id: string): Promise<Pat> {
    const res = await this.send(ctx, { method: 'GET', query: { authorizationId: id }, idempotent: true }, id);
    return toPat(this.patFrom(res, ctx, id).patToken, ctx.org);
  }

  /** Creates a PAT; the secret is returned once and must never be logged or stored. */
  async create(ctx: AdoCallContext, request: CreatePatRequest): Promise<{ pat: Pat; secret: string }> {
    const body: WirePatTokenCreateRequest = {
      displayName: request.name,
      scope: request.scope,
      validTo: request.validTo.toISOString(),
      allOrgs: request.allOrgs,
    };
    const res = await this.send(ctx, { method: 'POST', query: {}, body, idempotent: false });
    const result = this.patFrom(res, ctx);
    const secret = result.patToken.token;
    if (typeof secret !== 'string' || secret === '') {
      throw badResponse(ctx.org, res.status, 'create returned no token');
    }
    const pat = toPat(result.patToken, ctx.org);
    this.logger.info({ org: ctx.org, patId: pat.id }, 'ado PAT created');
    return { pat, secret };
  }

  /** Renames, rescopes or renews a PAT; reports whether the service capped the requested expiry. */
  async update(ctx: AdoCallContext, request: UpdatePatRequest): Promise<UpdatePatResult> {
    const body: WirePatTokenUpdateRequest = { authorizationId: request.id };
    if (request.name !== undefined) body.displayName = request.name;
    if (request.scope !== undefined) body.scope = request.scope;
    if (request.validTo !== undefined) body.validTo = request.validTo.toISOString();
    const res = await this.send(ctx, { method: 'PUT', query: {}, body, idempotent: true }, request.id);
    const pat = toPat(this.patFrom(res, ctx, request.id).patToken, ctx.org);
    const requestedValidTo = request.validTo;
    const capped =
      requestedValidTo !== undefined && pat.validTo.getTime() < requestedValidTo.getTime() - CAP_TOLERANCE_MS;
    this.logger.info({ org: ctx.org, patId: pat.id, capped }, 'ado PAT updated');
    return requestedValidTo === undefined ? { pat, capped } : { pat, requestedValidTo, capped };
  }

  /** Revokes a PAT (the service answers 200 or 204). */
  async revoke(ctx: AdoCallContext, id: string): Promise<void> {
    const res = await this.send(
      ctx,
      { method: 'DELETE', query: { authorizationId: id }, idempotent: true },
      id,
    );
    this.failIfError(res, ctx, id);
    if (res.status !== 200 && res.status !== 204) throw badResponse(ctx.org, res.status, 'unexpected status');
    this.logger.info({ org: ctx.org, patId: id }, 'ado PAT revoked');
  }

  private async send(
    ctx: AdoCallContext,
    op: { method: AdoRequest['method']; query: Record<string, string>; body?: unknown; idempotent: boolean },
    patId?: string,
  ): Promise<AdoResponse> {
    const params = new URLSearchParams({ 'api-version': ADO_TOKENS_API_VERSION, ...op.query });
    const url = `${this.baseUrl}/${encodeURIComponent(ctx.org)}/_apis/tokens/pats?${params.toString()}`;
    const res = await sendAdoRequest(this.deps, {
      method: op.method,
      url,
      accessToken: ctx.accessToken,
      body: op.body,
      idempotent: op.idempotent,
      org: ctx.org,
      identity: identityKey(ctx.accessToken),
      signal: ctx.signal,
    });
    this.logger.debug({ org: ctx.org, method: op.method, status: res.status, patId }, 'ado call');
    return res;
  }

  /** Throws the coded error a response stands for, if any (PatTokenResult errors first, on any status). */
  private failIfError(
    res: AdoResponse,
    ctx: AdoCallContext,
    patId?: string,
    json = safeJson(res.body),
  ): void {
    const org = ctx.org;
    // Only a body with a `patTokenError` field can be a PatTokenResult: a list page is not one.
    const result = isPatTokenResultLike(json)
      ? patTokenResultSchema.safeParse(json)
      : ({ success: false } as const);
    if (result.success && result.data.patTokenError !== 'none') {
      this.logger.warn(
        { org, patId, status: res.status, patTokenError: result.data.patTokenError },
        'ado refused',
      );
      throw patTokenErrorToCoded(result.data.patTokenError, {
        status: res.status,
        org,
        patId,
        serviceMessage: result.data.patTokenErrorMessage ?? null,
      });
    }
    let error: CodedError | undefined;
    if (isSignInPage(res)) {
      // A redirect for a PAT or an app-only token is explained by the credential, not the redirect.
      error =
        credentialKind(ctx.accessToken) === 'user' ? signInRedirectError(res, org) : authFailure(res, ctx);
    } else if (res.status === 401 || res.status === 403) error = authFailure(res, ctx);
    else if (res.status === 404) error = orgNotFound(org, res.status);
    else if (res.status >= 400) {
      error = new CodedError('ado.pat_invalid_request', 'Azure DevOps refused the request.', {
        nextStep: 'Check the PAT and the values you gave, then try again.',
        details: { status: res.status, org, patId },
      });
    }
    if (error) {
      this.logger.warn({ org, patId, status: res.status, errorCode: error.code }, 'ado call failed');
      throw error;
    }
  }

  /** A list page: one JSON parse, a hand-written shape check (./wire-guards.ts). */
  private readPage(res: AdoResponse, ctx: AdoCallContext): WirePagedPatTokens {
    const json = safeJson(res.body);
    this.failIfError(res, ctx, undefined, json);
    const page = readPagedPatTokens(json);
    if (!page) throw badResponse(ctx.org, res.status, 'schema');
    return page;
  }

  private parse<S extends z.ZodTypeAny>(
    res: AdoResponse,
    ctx: AdoCallContext,
    schema: S,
    patId?: string,
  ): z.infer<S> {
    this.failIfError(res, ctx, patId);
    const org = ctx.org;
    const parsed = schema.safeParse(safeJson(res.body));
    if (!parsed.success) throw badResponse(org, res.status, 'schema');
    return parsed.data as z.infer<S>;
  }

  private patFrom(
    res: AdoResponse,
    ctx: AdoCallContext,
    patId?: string,
  ): WirePatTokenResult & { patToken: NonNullable<WirePatTokenResult['patToken']> } {
    const result = this.parse(res, ctx, patTokenResultSchema, patId);
    if (result.patToken === null) throw badResponse(ctx.org, res.status, 'patToken is null');
    return { ...result, patToken: result.patToken };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
