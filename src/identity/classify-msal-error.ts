/**
 * Maps what msal-node throws to a `TokenOutcome` failure. Interaction-required and invalid_grant
 * answers become needs_consent / claims_challenge / needs_signin; network errors, timeouts, 5xx
 * and anything unknown become `unavailable`. Details carry codes and ids only, never tokens.
 */
import { AuthError, InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import type { TokenOutcome } from '../core/token-provider';
import { claimsChallenge, needsConsent, needsSignin, unavailable } from './outcome-messages';

export type FailureOutcome = Exclude<TokenOutcome, { kind: 'ok' }>;

/** AADSTS codes that mean "the user must sign in again". */
const SIGNIN_AGAIN = new Set([
  50173, 50133, 50078, 50079, 50076, 700082, 700084, 70008, 70000, 9002313, 50132, 50034, 50057, 50053,
]);
const CONSENT = new Set([65001, 65004, 65005, 90094, 90008]);

function aadstsOf(e: AuthError): number | null {
  const raw = (e as { errorNo?: string | number }).errorNo;
  const n = raw === undefined || raw === null || raw === '' ? NaN : Number(raw);
  if (Number.isInteger(n)) return n;
  const m = /AADSTS(\d+)/.exec(e.errorMessage ?? '');
  return m ? Number(m[1]) : null;
}

/** Classifies an error thrown by msal-node (or by the network client under it). */
export function classifyMsalError(error: unknown): FailureOutcome {
  if (!(error instanceof AuthError)) {
    return {
      kind: 'unavailable',
      error: unavailable({ errorName: error instanceof Error ? error.name : typeof error }),
    };
  }
  const aadsts = aadstsOf(error);
  const details = {
    msalError: error.errorCode,
    subError: error.subError || undefined,
    aadsts: aadsts ?? undefined,
    correlationId: error.correlationId || undefined,
  };
  const sub = error.subError;
  if (error instanceof InteractionRequiredAuthError) {
    if (error.claims)
      return { kind: 'claims_challenge', error: claimsChallenge(details), claims: error.claims };
    if (
      (aadsts !== null && CONSENT.has(aadsts)) ||
      sub === 'consent_required' ||
      error.errorCode === 'consent_required'
    ) {
      return { kind: 'needs_consent', error: needsConsent(details) };
    }
    return { kind: 'needs_signin', error: needsSignin('expired', details) };
  }
  if (error instanceof ServerError) {
    if (error.errorCode === 'invalid_grant' || (aadsts !== null && SIGNIN_AGAIN.has(aadsts))) {
      if (aadsts !== null && CONSENT.has(aadsts))
        return { kind: 'needs_consent', error: needsConsent(details) };
      return { kind: 'needs_signin', error: needsSignin('expired', details) };
    }
    if (aadsts !== null && CONSENT.has(aadsts))
      return { kind: 'needs_consent', error: needsConsent(details) };
  }
  return { kind: 'unavailable', error: unavailable(details) };
}

/** True for outcomes that only the user can resolve (stop retrying until they act). */
export function isTerminal(outcome: FailureOutcome): boolean {
  return outcome.kind !== 'unavailable';
}
