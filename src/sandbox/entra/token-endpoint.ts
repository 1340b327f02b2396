/**
 * `POST /{tenant}/oauth2/v2.0/token`: client authentication and the grants patbot uses
 * (on-behalf-of, refresh_token, authorization_code + PKCE, client_credentials).
 */
import { timingSafeEqual } from 'node:crypto';
import { createLocalJWKSet, importX509, jwtVerify, type JWTPayload } from 'jose';
import { jwks, type SigningKey } from '../signing-key';
import { DEFAULT_CA_CLAIMS, entraErrors, type EntraErrorResponse } from './entra-errors';
import { opaqueToken, sha256, type SimState } from './sim-state';
import type { SimGrant, SimUser } from './sim-types';
import {
  clientInfo,
  mintAppAccessToken,
  mintIdToken,
  mintUserAccessToken,
  v1Issuer,
  type MintContext,
} from './token-minter';

const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);
const OBO_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export interface TokenEndpointContext {
  state: SimState;
  key: SigningKey;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Audiences accepted for OBO assertions (the bot's app ID URI and client id). */
  ssoAudiences: string[];
  /** PEM certificate accepted for `private_key_jwt` client assertions (certificate credentials). */
  clientCertificatePem: string | null;
  tokenEndpoint: string;
  v2Issuer: string;
  now: () => Date;
  delay: (ms: number) => Promise<void>;
}

export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function fromError(e: EntraErrorResponse): TokenAnswer {
  return { status: e.status, body: { ...e.body }, headers: e.headers };
}

interface ScopeRequest {
  resource: string;
  requested: string[];
  oidc: Set<string>;
}

function parseScopes(scope: string): ScopeRequest | null {
  const all = scope.split(/\s+/).filter(Boolean);
  const oidc = new Set(all.filter((s) => OIDC_SCOPES.has(s)));
  const requested = all.filter((s) => !OIDC_SCOPES.has(s));
  if (requested.length === 0) return null;
  const resources = new Set(requested.map((s) => s.slice(0, Math.max(0, s.lastIndexOf('/')))));
  if (resources.size !== 1) return null;
  const [resource] = [...resources];
  if (!resource) return null;
  return { resource: resource.replace(/^api:\/\//, ''), requested, oidc };
}

/** `scp` claim and response `scope` for a delegated request. */
function delegatedScopes(req: ScopeRequest): { scp: string; scope: string } {
  const short = req.requested.map((s) => s.slice(s.lastIndexOf('/') + 1));
  if (short.includes('.default')) {
    return {
      scp: 'user_impersonation',
      scope: `${req.resource}/user_impersonation ${req.resource}/.default`,
    };
  }
  return { scp: short.join(' '), scope: req.requested.join(' ') };
}

async function issueUserTokens(
  ctx: TokenEndpointContext,
  user: SimUser,
  req: ScopeRequest,
  params: URLSearchParams,
  nonce: string | null,
): Promise<TokenAnswer> {
  const mint: MintContext = {
    key: ctx.key,
    tenantId: ctx.tenantId,
    clientId: ctx.clientId,
    v2Issuer: ctx.v2Issuer,
    now: ctx.now(),
  };
  const lifetime = ctx.state.accessTokenLifetimeSeconds;
  const { scp, scope } = delegatedScopes(req);
  const body: Record<string, unknown> = {
    token_type: 'Bearer',
    scope,
    expires_in: lifetime,
    ext_expires_in: lifetime,
    access_token: await mintUserAccessToken(mint, user, req.resource, scp, lifetime),
  };
  if (req.oidc.has('offline_access')) {
    const rt = opaqueToken('rt');
    ctx.state.refreshTokens.set(sha256(rt), {
      oid: user.oid,
      clientId: ctx.clientId,
      resource: req.resource,
      scopes: req.requested,
      expiresAt: ctx.now().getTime() + ctx.state.refreshTokenLifetimeSeconds * 1000,
      revoked: false,
    });
    body.refresh_token = rt;
  }
  if (req.oidc.has('openid')) body.id_token = await mintIdToken(mint, user, nonce ?? undefined);
  if (params.get('client_info') === '1') body.client_info = clientInfo(user, ctx.tenantId);
  return { status: 200, body };
}

async function failureFor(ctx: TokenEndpointContext, grant: SimGrant): Promise<TokenAnswer | null> {
  const f = ctx.state.takeFailure(grant);
  if (!f) return null;
  switch (f.kind) {
    case 'slow':
      await ctx.delay(f.delayMs ?? 5000);
      return null;
    case 'unavailable':
      return fromError(entraErrors.unavailable());
    case 'consent_required':
      return fromError(entraErrors.consentRequired(ctx.clientId));
    case 'claims_challenge':
      return fromError(entraErrors.claimsChallenge(f.claims ?? DEFAULT_CA_CLAIMS));
    case 'refresh_token_expired':
      return fromError(entraErrors.refreshTokenExpired());
  }
}

async function onBehalfOf(
  ctx: TokenEndpointContext,
  p: URLSearchParams,
  req: ScopeRequest,
): Promise<TokenAnswer> {
  const assertion = p.get('assertion');
  if (!assertion || p.get('requested_token_use') !== 'on_behalf_of') {
    return fromError(
      entraErrors.invalidRequest(
        "The request body must contain 'assertion' and requested_token_use=on_behalf_of.",
      ),
    );
  }
  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(assertion, createLocalJWKSet(jwks(ctx.key)), {
      issuer: [ctx.v2Issuer, v1Issuer(ctx.tenantId)],
      currentDate: ctx.now(),
      clockTolerance: 300,
    }));
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_JWT_EXPIRED') return fromError(entraErrors.expiredAssertion());
    return fromError(entraErrors.badAssertion('signature or issuer'));
  }
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.some((a) => a !== undefined && ctx.ssoAudiences.includes(a))) {
    return fromError(entraErrors.badAssertion('audience is not this application'));
  }
  const user = ctx.state.users.get(String(claims.oid));
  if (!user) return fromError(entraErrors.badAssertion('unknown user'));
  const failure = await failureFor(ctx, 'obo');
  if (failure) return failure;
  return issueUserTokens(ctx, user, req, p, null);
}

async function refresh(
  ctx: TokenEndpointContext,
  p: URLSearchParams,
  req: ScopeRequest,
): Promise<TokenAnswer> {
  const rt = ctx.state.refreshTokens.get(sha256(p.get('refresh_token') ?? ''));
  if (!rt || rt.clientId !== ctx.clientId) return fromError(entraErrors.invalidRefreshToken());
  if (rt.revoked) return fromError(entraErrors.refreshTokenRevoked());
  if (rt.expiresAt <= ctx.now().getTime()) return fromError(entraErrors.refreshTokenExpired());
  const user = ctx.state.users.get(rt.oid);
  if (!user) return fromError(entraErrors.invalidRefreshToken());
  const failure = await failureFor(ctx, 'refresh_token');
  if (failure) return failure;
  return issueUserTokens(ctx, user, req, p, null);
}

async function authorizationCode(
  ctx: TokenEndpointContext,
  p: URLSearchParams,
  req: ScopeRequest,
): Promise<TokenAnswer> {
  const key = sha256(p.get('code') ?? '');
  const code = ctx.state.codes.get(key);
  ctx.state.codes.delete(key);
  if (!code || code.clientId !== ctx.clientId)
    return fromError(entraErrors.invalidCode('Unknown or used code.'));
  if (code.expiresAt <= ctx.now().getTime())
    return fromError(entraErrors.invalidCode('The code has expired.'));
  if (code.redirectUri !== p.get('redirect_uri'))
    return fromError(entraErrors.invalidCode('redirect_uri mismatch.'));
  if (code.challenge) {
    const verifier = p.get('code_verifier') ?? '';
    const computed = code.method === 'S256' ? sha256(verifier) : verifier;
    if (!safeEqual(computed, code.challenge)) return fromError(entraErrors.pkceFailed());
  }
  const user = ctx.state.users.get(code.oid);
  if (!user) return fromError(entraErrors.invalidCode('Unknown user.'));
  const failure = await failureFor(ctx, 'authorization_code');
  if (failure) return failure;
  return issueUserTokens(ctx, user, req, p, code.nonce);
}

async function clientCredentials(ctx: TokenEndpointContext, req: ScopeRequest): Promise<TokenAnswer> {
  if (!req.requested.every((s) => s.endsWith('/.default'))) {
    return fromError(entraErrors.invalidRequest('The scope for client_credentials must end with /.default.'));
  }
  const failure = await failureFor(ctx, 'client_credentials');
  if (failure) return failure;
  const lifetime = ctx.state.accessTokenLifetimeSeconds;
  const mint: MintContext = {
    key: ctx.key,
    tenantId: ctx.tenantId,
    clientId: ctx.clientId,
    v2Issuer: ctx.v2Issuer,
    now: ctx.now(),
  };
  return {
    status: 200,
    body: {
      token_type: 'Bearer',
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token: await mintAppAccessToken(mint, req.resource, lifetime),
    },
  };
}

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** Client secret, or a client assertion signed with the registered certificate's key. */
async function clientAuthenticated(ctx: TokenEndpointContext, p: URLSearchParams): Promise<boolean> {
  const assertion = p.get('client_assertion');
  if (assertion && p.get('client_assertion_type') === ASSERTION_TYPE) {
    if (!ctx.clientCertificatePem) return false;
    for (const alg of ['PS256', 'RS256']) {
      try {
        const key = await importX509(ctx.clientCertificatePem, alg);
        await jwtVerify(assertion, key, {
          algorithms: [alg],
          issuer: ctx.clientId,
          subject: ctx.clientId,
          audience: ctx.tokenEndpoint,
          currentDate: ctx.now(),
          clockTolerance: 300, // Entra allows 5 minutes of clock skew
        });
        return true;
      } catch {
        // try the next algorithm
      }
    }
    return false;
  }
  return safeEqual(p.get('client_secret') ?? '', ctx.clientSecret);
}

/** Handles one token request (form-encoded body). Never logs or records a token. */
export async function handleTokenRequest(
  ctx: TokenEndpointContext,
  p: URLSearchParams,
): Promise<TokenAnswer> {
  if (p.get('client_id') !== ctx.clientId)
    return fromError(entraErrors.unauthorizedClient(p.get('client_id') ?? ''));
  if (!(await clientAuthenticated(ctx, p))) return fromError(entraErrors.invalidClient());
  const req = parseScopes(p.get('scope') ?? '');
  if (!req)
    return fromError(
      entraErrors.invalidRequest("The request body must contain a valid 'scope' for one resource."),
    );
  const grant = p.get('grant_type') ?? '';
  switch (grant) {
    case OBO_GRANT:
      return onBehalfOf(ctx, p, req);
    case 'refresh_token':
      return refresh(ctx, p, req);
    case 'authorization_code':
      return authorizationCode(ctx, p, req);
    case 'client_credentials':
      return clientCredentials(ctx, req);
    default:
      return fromError(entraErrors.unsupportedGrant(grant));
  }
}

/** Short name of a grant for the request log. */
export function grantName(grant: string): string {
  return grant === OBO_GRANT ? 'obo' : grant;
}
