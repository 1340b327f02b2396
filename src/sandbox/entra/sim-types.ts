/** Shared types of the Entra simulator. */

/** A person the simulator knows. */
export interface SimUser {
  oid: string;
  /** Home tenant (default: the simulator's tenant). */
  tid?: string;
  username: string;
  name: string;
}

export type SimGrant = 'obo' | 'refresh_token' | 'authorization_code' | 'client_credentials';

/** Switchable failures, as Entra returns them. */
export type SimFailureKind =
  /** AADSTS65001 + suberror consent_required. */
  | 'consent_required'
  /** `interaction_required` (AADSTS50076) with a conditional-access `claims` challenge. */
  | 'claims_challenge'
  /** AADSTS700082: refresh token expired through inactivity (refresh grant). */
  | 'refresh_token_expired'
  /** HTTP 503 `temporarily_unavailable`. */
  | 'unavailable'
  /** Answer normally but only after `delayMs`. */
  | 'slow';

export interface SimFailure {
  kind: SimFailureKind;
  /** Which grants fail (default: obo, refresh_token and authorization_code). */
  grants?: SimGrant[];
  /** How many matching requests fail before the mode switches itself off (default: all). */
  times?: number;
  /** For `slow`. */
  delayMs?: number;
  /** For `claims_challenge` (default: a capolids challenge). */
  claims?: string;
}

/** One handled token request, for assertions (never holds a token). */
export interface SimRequestRecord {
  grant: string;
  status: number;
  /** AADSTS code of an error answer. */
  errorCode: number | null;
  scope: string;
}
