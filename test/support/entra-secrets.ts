/**
 * Test helpers for secrets: open a user's encrypted MSAL partition (to learn the refresh token
 * msal never hands out) and verify RS256 JWTs against the simulator's JWKS with node:crypto.
 */
import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import { get } from 'node:https';
import { AeadCipher } from '../../src/identity/aead-cipher';
import { deriveKey, KEY_PURPOSE } from '../../src/identity/derive-key';

export interface CacheSecrets {
  accessTokens: string[];
  refreshTokens: string[];
  idTokens: string[];
}

/** Decrypts one stored partition value and lists the token secrets inside. */
export function openPartition(sealed: string, masterKey: Buffer, partitionKey: string): CacheSecrets {
  const cipher = new AeadCipher(deriveKey(masterKey, KEY_PURPOSE.tokenCache));
  const opened = cipher.open(sealed, partitionKey);
  if (!opened) throw new Error('partition does not open with this key');
  const json = JSON.parse(opened.plaintext.toString('utf8')) as Record<
    string,
    Record<string, { secret: string }>
  >;
  const secrets = (section: string): string[] => Object.values(json[section] ?? {}).map((e) => e.secret);
  return {
    accessTokens: secrets('AccessToken'),
    refreshTokens: secrets('RefreshToken'),
    idTokens: secrets('IdToken'),
  };
}

/** Fails the test when any secret appears in the text. */
export function expectNoSecrets(text: string, secrets: string[]): void {
  for (const s of secrets.filter((x) => x.length >= 8)) {
    if (text.includes(s))
      throw new Error(`a secret (${s.slice(0, 4)}…, ${s.length} chars) appears in clear text`);
  }
}

export function httpsJson(
  url: string,
  ca: string,
): Promise<{ status: number; body: unknown; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    get(url, { ca }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode ?? 0, body, headers: res.headers });
      });
    }).on('error', reject);
  });
}

export type JwtClaims = Record<string, unknown> & { aud?: string; iss?: string; exp?: number };

/** Verifies an RS256 JWT against a JWKS fetched from `jwksUri`; returns its claims. */
export async function verifyWithJwks(token: string, jwksUri: string, ca: string): Promise<JwtClaims> {
  const [h, p, s] = token.split('.');
  if (!h || !p || !s) throw new Error('not a JWT');
  const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as { alg: string; kid: string };
  if (header.alg !== 'RS256') throw new Error(`unexpected alg ${header.alg}`);
  const { body } = await httpsJson(jwksUri, ca);
  const jwk = (body as { keys: Array<JsonWebKey & { kid: string }> }).keys.find((k) => k.kid === header.kid);
  if (!jwk) throw new Error('kid not in JWKS');
  const ok = verify(
    'RSA-SHA256',
    Buffer.from(`${h}.${p}`),
    createPublicKey({ key: jwk, format: 'jwk' }),
    Buffer.from(s, 'base64url'),
  );
  if (!ok) throw new Error('bad signature');
  return JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as JwtClaims;
}
