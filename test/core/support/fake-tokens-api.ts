/**
 * An in-memory TokensApi that follows the port contract: lists only the caller's PATs per org
 * with real filters, caps `validTo` to the org's lifespan policy (now + max days), refuses to
 * update expired or revoked PATs, throws CodedError on failure, and records every call.
 */
import { CodedError } from '../../../src/errors';
import type { Clock } from '../../../src/core/clock';
import type { Pat } from '../../../src/core/pat';
import type {
  AdoCallContext,
  CreatePatRequest,
  ListPatsOptions,
  TokensApi,
  UpdatePatRequest,
  UpdatePatResult,
} from '../../../src/core/tokens-api';

const DAY_MS = 86_400_000;

export interface FakeCall {
  method: 'list' | 'get' | 'create' | 'update' | 'revoke';
  org: string;
  accessToken: string;
  filter?: string;
  id?: string;
  validTo?: Date;
}

interface Stored extends Pat {
  revoked: boolean;
}

export class FakeTokensApi implements TokensApi {
  readonly calls: FakeCall[] = [];
  private readonly pats: Stored[] = [];
  private readonly maxDays = new Map<string, number>();
  private readonly failures = new Map<string, CodedError>();
  private nextId = 1;

  constructor(private readonly clock: Clock) {}

  /** Adds a PAT owned by the caller in `org`. */
  add(pat: Partial<Pat> & { name: string; org: string }): Pat {
    const stored: Stored = {
      id: pat.id ?? `00000000-0000-4000-8000-${String(this.nextId++).padStart(12, '0')}`,
      scope: 'vso.code',
      targetAccounts: ['11111111-1111-4111-8111-111111111111'],
      validFrom: new Date(this.clock.now().getTime() - DAY_MS),
      validTo: new Date(this.clock.now().getTime() + 10 * DAY_MS),
      ...pat,
      revoked: pat.revoked ?? false,
    };
    this.pats.push(stored);
    return this.view(stored);
  }

  /** The org's "Enforce maximum PAT lifespan" policy, in days. */
  setMaxLifespanDays(org: string, days: number): void {
    this.maxDays.set(org, days);
  }

  /** Every call to `org` fails with `error` from now on. */
  failOrg(org: string, error: CodedError): void {
    this.failures.set(org, error);
  }

  count(method: FakeCall['method']): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  private view(p: Stored): Pat {
    const { revoked: _revoked, ...rest } = p;
    return { ...rest, validFrom: new Date(p.validFrom), validTo: new Date(p.validTo) };
  }

  private check(ctx: AdoCallContext): void {
    if (!ctx.accessToken) throw new CodedError('ado.unauthorized', 'No token.', { nextStep: 'Sign in.' });
    const failure = this.failures.get(ctx.org);
    if (failure) throw failure;
  }

  private find(org: string, id: string): Stored {
    const p = this.pats.find((x) => x.org === org && x.id === id);
    if (!p) throw new CodedError('ado.pat_not_found', 'No such PAT.', { nextStep: 'Check with `pat list`.' });
    return p;
  }

  async list(ctx: AdoCallContext, options: ListPatsOptions = {}): Promise<Pat[]> {
    this.calls.push({ method: 'list', org: ctx.org, accessToken: ctx.accessToken, filter: options.filter });
    this.check(ctx);
    const now = this.clock.now().getTime();
    const filter = options.filter ?? 'active';
    return this.pats
      .filter((p) => p.org === ctx.org)
      .filter((p) => {
        if (filter === 'all') return true;
        if (filter === 'revoked') return p.revoked;
        if (filter === 'expired') return !p.revoked && p.validTo.getTime() <= now;
        return !p.revoked && p.validTo.getTime() > now;
      })
      .map((p) => this.view(p));
  }

  async get(ctx: AdoCallContext, id: string): Promise<Pat> {
    this.calls.push({ method: 'get', org: ctx.org, accessToken: ctx.accessToken, id });
    this.check(ctx);
    return this.view(this.find(ctx.org, id));
  }

  async create(ctx: AdoCallContext, request: CreatePatRequest): Promise<{ pat: Pat; secret: string }> {
    this.calls.push({
      method: 'create',
      org: ctx.org,
      accessToken: ctx.accessToken,
      validTo: request.validTo,
    });
    this.check(ctx);
    const pat = this.add({
      name: request.name,
      org: ctx.org,
      scope: request.scope,
      targetAccounts: request.allOrgs ? null : ['11111111-1111-4111-8111-111111111111'],
      validFrom: this.clock.now(),
      validTo: request.validTo,
    });
    return { pat, secret: 'fake-secret-never-shown' };
  }

  async update(ctx: AdoCallContext, request: UpdatePatRequest): Promise<UpdatePatResult> {
    this.calls.push({
      method: 'update',
      org: ctx.org,
      accessToken: ctx.accessToken,
      id: request.id,
      validTo: request.validTo,
    });
    this.check(ctx);
    const p = this.find(ctx.org, request.id);
    const now = this.clock.now().getTime();
    if (p.revoked) throw new CodedError('ado.pat_revoked', 'Revoked.', { nextStep: 'Create a new one.' });
    if (p.validTo.getTime() <= now) {
      throw new CodedError('ado.pat_expired_cannot_extend', 'Expired.', { nextStep: 'Create a new one.' });
    }
    let capped = false;
    if (request.validTo) {
      const max = this.maxDays.get(ctx.org);
      let validTo = request.validTo;
      if (max !== undefined && validTo.getTime() > now + max * DAY_MS) {
        validTo = new Date(now + max * DAY_MS);
        capped = true;
      }
      p.validTo = validTo;
    }
    if (request.name !== undefined) p.name = request.name;
    if (request.scope !== undefined) p.scope = request.scope;
    return { pat: this.view(p), requestedValidTo: request.validTo, capped };
  }

  async revoke(ctx: AdoCallContext, id: string): Promise<void> {
    this.calls.push({ method: 'revoke', org: ctx.org, accessToken: ctx.accessToken, id });
    this.check(ctx);
    const p = this.find(ctx.org, id);
    if (p.revoked)
      throw new CodedError('ado.pat_revoked', 'Already revoked.', { nextStep: 'Nothing to do.' });
    p.revoked = true;
  }
}
