/**
 * RS256 JWT verification with node:crypto against a JWKS object and/or a JWKS URL (fetched and
 * cached, refreshed once on an unknown `kid`). jose 6 is ESM-only and cannot be loaded by the
 * project's CommonJS jest setup, so the simulator verifies with node:crypto directly.
 */
import { createPublicKey, verify as verifySignature, type JsonWebKey, type KeyObject } from 'node:crypto';

export interface SimJwk {
  kty?: string;
  kid?: string;
  alg?: string;
  use?: string;
  n?: string;
  e?: string;
}

export interface SimJwks {
  keys: readonly SimJwk[];
}

export interface VerifyOptions {
  audiences: string[];
  issuers: string[];
  now: Date;
  /** Allowed clock skew for exp/nbf, seconds (default 0). */
  clockToleranceSeconds?: number;
}

export class JwtVerifyError extends Error {
  constructor(readonly reason: string) {
    super(`JWT rejected: ${reason}`);
  }
}

/** Resolves `kid` → public key from a static JWKS and/or a JWKS URL. */
export class KeyResolver {
  private readonly staticKeys = new Map<string, KeyObject>();
  private remoteKeys = new Map<string, KeyObject>();
  private lastFetch = 0;

  constructor(
    jwks: SimJwks | undefined,
    private readonly jwksUrl: string | undefined,
    private readonly fetchFn: typeof fetch = (input, init) => fetch(input, init),
  ) {
    for (const [kid, key] of toKeys(jwks)) this.staticKeys.set(kid, key);
  }

  async key(kid: string): Promise<KeyObject | undefined> {
    const local = this.staticKeys.get(kid) ?? this.remoteKeys.get(kid);
    if (local || !this.jwksUrl) return local;
    if (Date.now() - this.lastFetch < 1000 && this.lastFetch !== 0) return undefined;
    this.lastFetch = Date.now();
    const res = await this.fetchFn(this.jwksUrl, { headers: { Accept: 'application/json' } });
    if (!res.ok) return undefined;
    this.remoteKeys = new Map(toKeys((await res.json()) as SimJwks));
    return this.remoteKeys.get(kid);
  }
}

function toKeys(jwks: SimJwks | undefined): Array<[string, KeyObject]> {
  const out: Array<[string, KeyObject]> = [];
  for (const jwk of jwks?.keys ?? []) {
    if (jwk.kty !== 'RSA' || !jwk.kid || (jwk.use !== undefined && jwk.use !== 'sig')) continue;
    out.push([jwk.kid, createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' })]);
  }
  return out;
}

function decodePart(part: string): Record<string, unknown> {
  const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new JwtVerifyError('malformed');
  return value as Record<string, unknown>;
}

/** Verifies signature, alg, exp/nbf, audience and issuer; returns the claims. */
export async function verifyJwt(
  token: string,
  resolver: KeyResolver,
  options: VerifyOptions,
): Promise<Record<string, unknown>> {
  const parts = token.split('.');
  if (parts.length !== 3) throw new JwtVerifyError('malformed');
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = decodePart(parts[0]);
    claims = decodePart(parts[1]);
  } catch {
    throw new JwtVerifyError('malformed');
  }
  if (header.alg !== 'RS256') throw new JwtVerifyError('alg');
  const key = typeof header.kid === 'string' ? await resolver.key(header.kid) : undefined;
  if (!key) throw new JwtVerifyError('unknown key');
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
  if (!verifySignature('RSA-SHA256', signed, key, Buffer.from(parts[2], 'base64url'))) {
    throw new JwtVerifyError('signature');
  }
  const now = Math.floor(options.now.getTime() / 1000);
  const skew = options.clockToleranceSeconds ?? 0;
  if (typeof claims.exp !== 'number' || claims.exp <= now - skew) throw new JwtVerifyError('expired');
  if (typeof claims.nbf === 'number' && claims.nbf > now + skew) throw new JwtVerifyError('not yet valid');
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.some((a) => typeof a === 'string' && options.audiences.includes(a)))
    throw new JwtVerifyError('audience');
  if (typeof claims.iss !== 'string' || !options.issuers.includes(claims.iss))
    throw new JwtVerifyError('issuer');
  return claims;
}
