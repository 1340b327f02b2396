/**
 * Simulator credential check: verifies Entra-shaped JWTs the way Azure DevOps would (signature,
 * exp/nbf, audience, issuer) and classifies what was presented.
 */
import type { Clock } from '../../core/clock';
import { KeyResolver, verifyJwt, type SimJwks } from './sim-jwt-verify';

export const ADO_RESOURCE_ID = '499b84ac-1321-427f-aa17-267ca6975798';
export const ADO_RESOURCE_URI = 'https://app.vssps.visualstudio.com';

export interface SimAuthOptions {
  jwks?: SimJwks;
  jwksUrl?: string;
  /** Accepted `iss` values, e.g. `https://sts.windows.net/{tid}/`. */
  issuers: string[];
  clock: Clock;
}

export type Credential =
  | { kind: 'none' }
  | { kind: 'basic' }
  | { kind: 'invalid'; reason: string }
  | { kind: 'app'; claims: Record<string, unknown> }
  | { kind: 'user'; oid: string; tid: string; name: string; scopes: string[] };

export type CredentialChecker = (authorization: string | undefined) => Promise<Credential>;

/** Builds the checker from the trusted keys and issuers. */
export function credentialChecker(options: SimAuthOptions): CredentialChecker {
  if (!options.jwks && !options.jwksUrl) throw new Error('simulator: give jwks and/or jwksUrl');
  const resolver = new KeyResolver(options.jwks, options.jwksUrl);
  const verify = (token: string): Promise<Record<string, unknown>> =>
    verifyJwt(token, resolver, {
      audiences: [ADO_RESOURCE_ID, ADO_RESOURCE_URI],
      issuers: options.issuers,
      now: options.clock.now(),
    });

  return async (authorization) => {
    if (!authorization) return { kind: 'none' };
    const [scheme, value = ''] = authorization.trim().split(/\s+/, 2);
    if (/^basic$/i.test(scheme)) return { kind: 'basic' };
    if (!/^bearer$/i.test(scheme) || !value) return { kind: 'invalid', reason: 'scheme' };
    if (value.split('.').length !== 3) return { kind: 'basic' };
    let claims: Record<string, unknown>;
    try {
      claims = await verify(value);
    } catch (error) {
      return { kind: 'invalid', reason: (error as { reason?: string }).reason ?? 'verify' };
    }
    const scp = typeof claims.scp === 'string' ? claims.scp : undefined;
    if (scp === undefined || claims.idtyp === 'app') return { kind: 'app', claims };
    const oid = typeof claims.oid === 'string' ? claims.oid : '';
    const tid = typeof claims.tid === 'string' ? claims.tid : '';
    if (!oid) return { kind: 'invalid', reason: 'no oid' };
    const name = [claims.upn, claims.preferred_username, claims.name, oid].find((v) => typeof v === 'string');
    return { kind: 'user', oid, tid, name: name as string, scopes: scp.split(/\s+/).filter(Boolean) };
  };
}

/** GET needs `vso.pats`; writes need `vso.pats_manage`; `user_impersonation` allows both. */
export function hasScopeFor(method: string, scopes: string[]): boolean {
  if (scopes.includes('user_impersonation') || scopes.includes('vso.pats_manage')) return true;
  return method === 'GET' && scopes.includes('vso.pats');
}
