/**
 * The one table that turns every `patTokenError` (`SessionTokenError`) value the Tokens API can
 * return into a coded error with a plain explanation and a next step. Meanings are inferred from
 * the value names (the spec has no descriptions), so wording stays cautious.
 */
import { commandText } from '../core/messages';
import { CodedError, type ErrorCode, type Wording } from '../errors';

export interface PatTokenErrorRow {
  code: ErrorCode;
  message: string;
  nextStep: Wording;
}

const SIGN_IN_AGAIN = (p: string): string =>
  `Sign in to patbot again with your own Microsoft Entra work account (${commandText(p, 'signin')}).`;
const TRY_LATER = 'Try again in a few minutes; if it keeps happening, tell your administrator.';
const NEW_PAT = 'Create a new one in Azure DevOps under User settings → Personal access tokens.';
const ASK_ADMIN =
  'Ask your Azure DevOps administrator to add you to the policy allowlist, or follow the policy.';

function row(code: ErrorCode, message: string, nextStep: Wording): PatTokenErrorRow {
  return { code, message, nextStep };
}

/** Every documented error value (spec 6.1–7.2, 36 values besides `none`), case-sensitive. */
export const PAT_TOKEN_ERRORS = {
  displayNameRequired: row(
    'ado.pat_invalid_request',
    'Azure DevOps needs a name for the PAT.',
    'Give the PAT a name and try again.',
  ),
  invalidDisplayName: row(
    'ado.pat_invalid_request',
    'Azure DevOps did not accept the PAT name.',
    'Use a shorter name with plain letters, digits, dashes or spaces.',
  ),
  invalidValidTo: row(
    'ado.pat_invalid_request',
    'Azure DevOps did not accept the expiry date.',
    'Choose a future date no more than one year away.',
  ),
  invalidScope: row(
    'ado.pat_invalid_request',
    'Azure DevOps did not accept the PAT scopes.',
    'Check the scope names (for example `vso.code vso.build`).',
  ),
  userIdRequired: row('ado.pat_identity_rejected', 'Azure DevOps could not tell who you are.', SIGN_IN_AGAIN),
  invalidUserId: row(
    'ado.pat_identity_rejected',
    'Azure DevOps did not recognise your account.',
    SIGN_IN_AGAIN,
  ),
  invalidUserType: row(
    'ado.pat_identity_rejected',
    'Azure DevOps only lets a person manage PATs, not an app, service principal or managed identity.',
    SIGN_IN_AGAIN,
  ),
  accessDenied: row(
    'ado.pat_access_denied',
    'Azure DevOps refused this PAT operation for your account.',
    'Check you are acting on your own PAT in the right organisation; if so, ask your Azure DevOps administrator.',
  ),
  failedToIssueAccessToken: row('ado.pat_service_error', 'Azure DevOps failed to issue the PAT.', TRY_LATER),
  invalidClient: row(
    'ado.pat_identity_rejected',
    'Azure DevOps did not accept the app patbot signs in with.',
    'Tell your administrator: the patbot app registration may be missing the Azure DevOps permissions.',
  ),
  invalidClientType: row(
    'ado.pat_identity_rejected',
    'Azure DevOps did not accept the kind of app patbot signs in with.',
    'Tell your administrator: patbot must use a delegated (on-behalf-of user) sign-in.',
  ),
  invalidClientId: row(
    'ado.pat_identity_rejected',
    'Azure DevOps did not recognise the app patbot signs in with.',
    'Tell your administrator: check the patbot app registration id.',
  ),
  invalidTargetAccounts: row(
    'ado.pat_invalid_request',
    'Azure DevOps did not accept the organisations this PAT should work in.',
    'Create the PAT for this organisation only.',
  ),
  hostAuthorizationNotFound: row(
    'ado.pat_not_found',
    'Azure DevOps could not find that PAT in this organisation.',
    (p) =>
      `Run ${commandText(p, 'list')} to see your current PATs; an organisation-scoped PAT can be changed only from its own organisation.`,
  ),
  authorizationNotFound: row(
    'ado.pat_not_found',
    'Azure DevOps could not find that PAT.',
    (p) =>
      `Run ${commandText(p, 'list')} to see your current PATs; it may have been deleted or belong to another organisation.`,
  ),
  failedToUpdateAccessToken: row(
    'ado.pat_service_error',
    'Azure DevOps failed to update the PAT.',
    TRY_LATER,
  ),
  sourceNotSupported: row(
    'ado.pat_service_error',
    'Azure DevOps does not support managing this PAT from here.',
    'Manage it in Azure DevOps under User settings → Personal access tokens.',
  ),
  invalidSourceIP: row(
    'ado.pat_invalid_source_ip',
    'Your organisation only allows this from approved network locations (Conditional Access IP policy).',
    'Ask your administrator to allow patbot’s network, or manage the PAT in Azure DevOps from an approved network.',
  ),
  invalidSource: row(
    'ado.pat_service_error',
    'Azure DevOps did not accept where this request came from.',
    'Manage the PAT in Azure DevOps under User settings → Personal access tokens.',
  ),
  duplicateHash: row(
    'ado.pat_service_error',
    'Azure DevOps hit a conflict while issuing the PAT.',
    TRY_LATER,
  ),
  sshPolicyDisabled: row(
    'ado.pat_access_denied',
    'An organisation policy blocks this kind of credential.',
    'Ask your Azure DevOps administrator which credentials are allowed.',
  ),
  invalidToken: row(
    'ado.pat_revoked',
    'That PAT is no longer valid (it was revoked), so it cannot be changed.',
    NEW_PAT,
  ),
  tokenNotFound: row(
    'ado.pat_not_found',
    'Azure DevOps could not find that PAT.',
    (p) => `Run ${commandText(p, 'list')} to see your current PATs.`,
  ),
  invalidAuthorizationId: row(
    'ado.pat_not_found',
    'That is not a valid PAT id.',
    (p) => `Run ${commandText(p, 'list')} and pick the PAT from the list.`,
  ),
  failedToReadTenantPolicy: row(
    'ado.pat_policy_unreadable',
    'Azure DevOps could not read your organisation’s PAT policies, so it refused the change.',
    TRY_LATER,
  ),
  globalPatPolicyViolation: row(
    'ado.pat_policy_global',
    'Your organisation does not allow PATs that work in all organisations.',
    'Create an organisation-scoped PAT instead.',
  ),
  fullScopePatPolicyViolation: row(
    'ado.pat_policy_full_scope',
    'Your organisation does not allow full-access PATs.',
    'Choose only the scopes you need (for example `vso.code vso.build`).',
  ),
  patLifespanPolicyViolation: row(
    'ado.pat_policy_lifespan',
    'Your organisation limits how long a PAT may live, and this date is too far away.',
    'Choose an earlier expiry date (try `max`).',
  ),
  invalidTokenType: row(
    'ado.pat_identity_rejected',
    'Azure DevOps did not accept the kind of sign-in patbot used.',
    SIGN_IN_AGAIN,
  ),
  invalidAudience: row(
    'ado.pat_identity_rejected',
    'Azure DevOps did not accept patbot’s sign-in (it was meant for another service).',
    SIGN_IN_AGAIN,
  ),
  invalidSubject: row(
    'ado.pat_identity_rejected',
    'Azure DevOps did not accept who the sign-in was for.',
    SIGN_IN_AGAIN,
  ),
  deploymentHostNotSupported: row(
    'ado.pat_service_error',
    'This Azure DevOps deployment does not support managing PATs through the API.',
    'Manage the PAT in Azure DevOps under User settings → Personal access tokens.',
  ),
  disablePatCreationPolicyViolation: row(
    'ado.pat_policy_creation_disabled',
    'Your organisation restricts who may create PATs, and you are not on its allowlist.',
    ASK_ADMIN,
  ),
  failedToReadOrgPolicy: row(
    'ado.pat_policy_unreadable',
    'Azure DevOps could not read the organisation’s PAT policies, so it refused the change.',
    TRY_LATER,
  ),
  globalPATCreationBlocked: row(
    'ado.pat_global_creation_blocked',
    'Azure DevOps no longer lets you create or extend PATs that work in all organisations (they stop working on 1 Dec 2026).',
    'Create an organisation-scoped PAT instead.',
  ),
  expiredPatCannotBeExtended: row(
    'ado.pat_expired_cannot_extend',
    'Azure DevOps no longer lets expired PATs be extended.',
    NEW_PAT,
  ),
} as const satisfies Record<string, PatTokenErrorRow>;

export type KnownPatTokenError = keyof typeof PAT_TOKEN_ERRORS;

const UNKNOWN: PatTokenErrorRow = row(
  'ado.pat_error_unknown',
  'Azure DevOps refused the change with a reason patbot does not know yet.',
  'Try the change in Azure DevOps under User settings → Personal access tokens; tell your administrator the reference below.',
);

/** The row for a `patTokenError` value; unknown (future) values get the `ado.pat_error_unknown` row. */
export function patTokenErrorRow(value: string): PatTokenErrorRow {
  return Object.prototype.hasOwnProperty.call(PAT_TOKEN_ERRORS, value)
    ? PAT_TOKEN_ERRORS[value as KnownPatTokenError]
    : UNKNOWN;
}

/** A CodedError for a non-`none` `patTokenError` value (details keep the raw value and HTTP status). */
export function patTokenErrorToCoded(
  value: string,
  details: { status: number; org: string; patId?: string; serviceMessage?: string | null },
): CodedError {
  const r = patTokenErrorRow(value);
  return new CodedError(r.code, r.message, {
    nextStep: r.nextStep,
    details: { patTokenError: value, ...details },
  });
}
