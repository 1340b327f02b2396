/** The sentences people see for each identity outcome (docs/ux.md "Messages for the failures"). */
import { commandText } from '../core/messages';
import { CodedError } from '../errors';
import type { TokenFailureKind } from '../core/token-provider';

export type NotSignedInReason = 'never' | 'expired';

export interface FailureDetails {
  /** AADSTS number, msal error code, correlation id: never a token. */
  [key: string]: unknown;
}

export function needsSignin(reason: NotSignedInReason, details: FailureDetails = {}): CodedError {
  return reason === 'never'
    ? new CodedError('auth.needs_signin', "You haven't linked your Microsoft account to patbot yet.", {
        nextStep: (p) =>
          `Sign in with ${commandText(p, 'signin')} so I can manage your Azure DevOps PATs as you.`,
        details,
      })
    : new CodedError(
        'auth.needs_signin',
        "I can't reach your Azure DevOps account any more (your sign-in expired).",
        {
          nextStep: (p) => `Sign in again with ${commandText(p, 'signin')} to keep reminders working.`,
          details,
        },
      );
}

export function needsConsent(details: FailureDetails = {}): CodedError {
  return new CodedError(
    'auth.needs_consent',
    "Your organisation hasn't allowed patbot to manage PATs for you yet.",
    {
      nextStep:
        'Ask an Entra administrator to grant consent to patbot for Azure DevOps (see docs/identity.md), or accept the prompt if Teams shows one.',
      details,
    },
  );
}

export function claimsChallenge(details: FailureDetails = {}): CodedError {
  return new CodedError('auth.claims_challenge', 'Your organisation needs you to confirm your sign-in.', {
    nextStep: 'Open the sign-in window to continue.',
    details,
  });
}

export function unavailable(details: FailureDetails = {}, retryAfterSeconds = 60): CodedError {
  return new CodedError(
    'auth.unavailable',
    "Microsoft sign-in isn't answering right now, so I can't act for you.",
    {
      nextStep: 'Try again in a minute.',
      details,
      retryAfterSeconds,
    },
  );
}

export function stateInvalid(why: 'tampered' | 'expired' | 'used' | 'missing'): CodedError {
  const text = {
    tampered: 'This sign-in link is not valid.',
    expired: 'This sign-in link has expired (links work for 10 minutes).',
    used: 'This sign-in link has already been used.',
    missing: 'This page was opened without a sign-in link.',
  }[why];
  return new CodedError('auth.state_invalid', text, {
    nextStep: (p) => `Go back to Slack and run ${commandText(p, 'signin')} to get a new link.`,
    details: { reason: why },
  });
}

/** Error for a failure kind (used when re-creating a remembered outcome). */
export function errorFor(kind: TokenFailureKind, details: FailureDetails = {}): CodedError {
  switch (kind) {
    case 'needs_signin':
      return needsSignin('expired', details);
    case 'needs_consent':
      return needsConsent(details);
    case 'claims_challenge':
      return claimsChallenge(details);
    case 'unavailable':
      return unavailable(details);
  }
}
