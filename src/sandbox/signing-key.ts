/**
 * RSA signing keys for the sandbox identity provider and for tests: sign Entra-shaped JWTs and
 * publish the public half as a JWKS, so verifiers (the Azure DevOps simulator, msal-node,
 * botbuilder) check real signatures.
 */
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function createSigningKey(kid: string = randomUUID()): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, publicJwk };
}

export function jwks(...keys: SigningKey[]): { keys: JWK[] } {
  return { keys: keys.map((k) => k.publicJwk) };
}

export interface SignOptions {
  issuer: string;
  audience: string;
  subject?: string;
  /** Lifetime in seconds from `now` (default 3600). Negative values make an expired token. */
  expiresInSeconds?: number;
  /** Issue time (default: now). */
  now?: Date;
}

/** Signs a JWT with RS256 and the key's `kid` in the header. */
export async function signJwt(key: SigningKey, claims: JWTPayload, options: SignOptions): Promise<string> {
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const jwt = new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt(iat)
    .setNotBefore(iat - 5)
    .setExpirationTime(iat + (options.expiresInSeconds ?? 3600));
  if (options.subject) jwt.setSubject(options.subject);
  return jwt.sign(key.privateKey);
}
