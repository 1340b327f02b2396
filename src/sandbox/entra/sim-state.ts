/**
 * The simulator's in-memory state: users, issued refresh tokens and codes (stored as hashes),
 * the failure mode and the request log.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { SimFailure, SimGrant, SimRequestRecord, SimUser } from './sim-types';

export interface RefreshTokenRecord {
  oid: string;
  clientId: string;
  resource: string;
  scopes: string[];
  expiresAt: number;
  revoked: boolean;
}

export interface CodeRecord {
  oid: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  challenge: string | null;
  method: string | null;
  nonce: string | null;
  expiresAt: number;
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

export function opaqueToken(prefix: string): string {
  return `${prefix}.${randomBytes(32).toString('base64url')}`;
}

export class SimState {
  readonly users = new Map<string, SimUser>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  readonly codes = new Map<string, CodeRecord>();
  readonly log: SimRequestRecord[] = [];
  signInUser: string | null = null;
  accessTokenLifetimeSeconds = 3600;
  refreshTokenLifetimeSeconds = 90 * 24 * 3600;
  private failure: (SimFailure & { left: number }) | null = null;

  setFailure(failure: SimFailure | null): void {
    this.failure = failure ? { ...failure, left: failure.times ?? Number.POSITIVE_INFINITY } : null;
  }

  /** The failure that applies to this request (consumes one of `times`). */
  takeFailure(grant: SimGrant): SimFailure | null {
    const f = this.failure;
    if (!f) return null;
    const grants = f.grants ?? ['obo', 'refresh_token', 'authorization_code'];
    if (!grants.includes(grant)) return null;
    f.left -= 1;
    if (f.left <= 0) this.failure = null;
    return f;
  }

  /** Revokes every refresh token of a user (like "revoke sessions" in Entra). */
  revokeSessions(oid: string): void {
    for (const rt of this.refreshTokens.values()) if (rt.oid === oid) rt.revoked = true;
  }
}
