/**
 * RS256 key and JWT minting with node:crypto for Azure DevOps tests. (src/sandbox/signing-key.ts
 * uses jose 6, which is ESM-only and cannot be loaded by the CommonJS jest setup.)
 */
import { createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import type { SimJwk, SimJwks } from '../../src/sandbox/ado';

export interface TestKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: SimJwk;
}

export function createTestKey(kid: string = randomUUID()): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  return { kid, privateKey, publicJwk: { kty: 'RSA', n: jwk.n, e: jwk.e, kid, alg: 'RS256', use: 'sig' } };
}

export function testJwks(...keys: TestKey[]): SimJwks {
  return { keys: keys.map((k) => k.publicJwk) };
}

export interface MintOptions {
  issuer: string;
  audience: string;
  subject?: string;
  now: Date;
  /** Seconds from `now` (default 3600); negative makes an expired token. */
  expiresInSeconds?: number;
}

/** Signs an Entra-shaped JWT (RS256, `kid` header, iss/aud/iat/nbf/exp). */
export function mintJwt(key: TestKey, claims: Record<string, unknown>, options: MintOptions): string {
  const iat = Math.floor(options.now.getTime() / 1000);
  const header = { alg: 'RS256', kid: key.kid, typ: 'JWT' };
  const payload: Record<string, unknown> = {
    ...claims,
    iss: options.issuer,
    aud: options.audience,
    iat,
    nbf: iat - 5,
    exp: iat + (options.expiresInSeconds ?? 3600),
  };
  if (options.subject) payload.sub = options.subject;
  const encode = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
  const input = `${encode(header)}.${encode(payload)}`;
  const signature = createSign('RSA-SHA256').update(input).sign(key.privateKey).toString('base64url');
  return `${input}.${signature}`;
}
