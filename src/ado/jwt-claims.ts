/**
 * Local, unverified peeks at the access token: only to explain failures (never to trust).
 * Azure DevOps verifies the token; patbot just needs to tell "a PAT" or "an app-only token"
 * apart from "a user token Azure DevOps refused".
 */
import { createHash } from 'node:crypto';

export type CredentialKind = 'user' | 'app' | 'not-jwt';

/** The payload of a compact JWT, decoded without verification (undefined when not a JWT). */
export function peekJwtClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return typeof payload === 'object' && payload !== null && !Array.isArray(payload)
      ? (payload as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** What kind of credential this looks like: a user (delegated) JWT, an app-only JWT, or not a JWT (e.g. a PAT). */
export function credentialKind(token: string): CredentialKind {
  const c = peekJwtClaims(token);
  if (!c) return 'not-jwt';
  if (c.idtyp === 'app') return 'app';
  if (c.scp === undefined && c.roles !== undefined) return 'app';
  if (c.scp === undefined && c.idtyp !== 'user' && c.oid !== undefined && c.oid === c.sub) return 'app';
  return 'user';
}

/** Recent tokens' keys: a user's token is sent with every Azure DevOps call for its lifetime. */
const recentKeys = new Map<string, string>();
const MAX_RECENT_KEYS = 1000;

/**
 * A stable, non-secret key for the caller (the `oid` claim, else a short hash of the token).
 * A pure function of the token, so it is remembered for the last 1,000 distinct tokens instead of
 * decoding the token's payload on every call.
 */
export function identityKey(token: string): string {
  const known = recentKeys.get(token);
  if (known !== undefined) return known;
  const oid = peekJwtClaims(token)?.oid;
  const key =
    typeof oid === 'string' && oid
      ? `oid:${oid}`
      : `h:${createHash('sha256').update(token).digest('hex').slice(0, 16)}`;
  if (recentKeys.size >= MAX_RECENT_KEYS) recentKeys.clear();
  recentKeys.set(token, key);
  return key;
}
