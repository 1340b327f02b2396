/**
 * Error bodies shaped like Microsoft Entra's token endpoint (`error`, `error_description`
 * starting with the AADSTS code, `error_codes`, `suberror`, `claims`, ids and timestamp).
 */
import { randomUUID } from 'node:crypto';

export interface EntraErrorBody {
  error: string;
  error_description: string;
  error_codes: number[];
  suberror?: string;
  claims?: string;
  timestamp: string;
  trace_id: string;
  correlation_id: string;
}

export interface EntraErrorResponse {
  status: number;
  body: EntraErrorBody;
  headers?: Record<string, string>;
}

/** Builds an Entra-style error with `AADSTS{code}: {text}` as its description. */
export function entraError(
  status: number,
  error: string,
  code: number,
  text: string,
  extra: { suberror?: string; claims?: string; headers?: Record<string, string> } = {},
  now: Date = new Date(),
): EntraErrorResponse {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = now
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  const body: EntraErrorBody = {
    error,
    error_description: `AADSTS${code}: ${text} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
  };
  if (extra.suberror) body.suberror = extra.suberror;
  if (extra.claims) body.claims = extra.claims;
  return { status, body, headers: extra.headers };
}

/** Default conditional-access claims challenge (what Entra sends when MFA is required). */
export const DEFAULT_CA_CLAIMS = JSON.stringify({
  access_token: { capolids: { essential: true, values: ['5e5e5e5e-0000-4000-8000-00000000ca01'] } },
});

export const entraErrors = {
  consentRequired: (clientId: string) =>
    entraError(
      400,
      'invalid_grant',
      65001,
      `The user or administrator has not consented to use the application with ID '${clientId}' named 'patbot'. Send an interactive authorization request for this user and resource.`,
      { suberror: 'consent_required' },
    ),
  claimsChallenge: (claims: string) =>
    entraError(
      400,
      'interaction_required',
      50076,
      'Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access the resource.',
      { suberror: 'basic_action', claims },
    ),
  refreshTokenExpired: () =>
    entraError(
      400,
      'invalid_grant',
      700082,
      'The refresh token has expired due to inactivity. The token was issued on a date in the past and was inactive for 90.00:00:00.',
    ),
  refreshTokenRevoked: () =>
    entraError(
      400,
      'invalid_grant',
      50173,
      'The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.',
    ),
  invalidRefreshToken: () =>
    entraError(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.'),
  unavailable: () =>
    entraError(503, 'temporarily_unavailable', 90033, 'A transient error has occurred. Please try again.', {
      headers: { 'retry-after': '60' },
    }),
  invalidClient: () =>
    entraError(
      401,
      'invalid_client',
      7000215,
      'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.',
    ),
  unauthorizedClient: (clientId: string) =>
    entraError(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory.`,
    ),
  badAssertion: (why: string) =>
    entraError(400, 'invalid_grant', 50013, `Assertion failed signature validation. [Reason - ${why}]`),
  expiredAssertion: () =>
    entraError(400, 'invalid_grant', 500133, 'Assertion is not within its valid time range.'),
  invalidCode: (why: string) =>
    entraError(400, 'invalid_grant', 70000, `The provided authorization code is invalid. ${why}`),
  pkceFailed: () =>
    entraError(
      400,
      'invalid_grant',
      501481,
      'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
    ),
  unsupportedGrant: (grant: string) =>
    entraError(
      400,
      'unsupported_grant_type',
      70003,
      `The app requested an unsupported grant type '${grant}'.`,
    ),
  invalidRequest: (text: string) => entraError(400, 'invalid_request', 900144, text),
  tenantNotFound: (tenant: string) =>
    entraError(400, 'invalid_tenant', 90002, `Tenant '${tenant}' not found.`),
};
