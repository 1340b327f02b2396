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

/** A stable, non-secret key for the caller (the `oid` claim, else a short hash of the token). */
export function identityKey(token: string): string {
  const oid = peekJwtClaims(token)?.oid;
  if (typeof oid === 'string' && oid) return `oid:${oid}`;
  return `h:${createHash('sha256').update(token).digest('hex').slice(0, 16)}`;
}
