/** Replies for expected failures: the sign-in prompt and coded errors. */
import type { User } from '../../core/store';
import type { AuthFailure } from '../../core/use-cases/deps';
import { errorLink } from '../../core/error-links';
import { errorReference, type CodedError } from '../../errors';
import { problemMessage } from './blocks/problem-message';
import { FIRST_SIGNIN_REASON, signInPromptMessage } from './blocks/signin-prompt';
import type { SlackServices } from './slack-services';
import type { SlackMessage } from './slack-types';
import type { SlackIds } from './slack-user';
import { forSlack } from './slack-wording';

/**
 * A coded error as people read it: what happened, the next step, a link button and, for an
 * unexpected error, the reference of the request's correlation id (the funnel logged it).
 */
export function errorMessage(error: CodedError, correlationId?: string): SlackMessage {
  return problemMessage({
    text: forSlack(error.message),
    nextStep: error.nextStep ? forSlack(error.nextStep) : undefined,
    reference: error.code === 'internal' && correlationId ? errorReference(correlationId) : undefined,
    link: errorLink(error),
  });
}

/** Why a sign-in is needed, for this user and failure. */
export function signInReason(user: User | null, outcome: AuthFailure): string {
  if (outcome.kind === 'needs_signin' && (!user || user.entraAccount === null)) return FIRST_SIGNIN_REASON;
  return forSlack(outcome.error.userText);
}

/** The sign-in prompt (with a fresh one-time link), or the error when signing in cannot help. */
export async function authFailureMessage(
  s: SlackServices,
  ids: SlackIds,
  user: User | null,
  outcome: AuthFailure,
  pendingCommand?: string,
): Promise<SlackMessage> {
  if (outcome.kind === 'unavailable') return errorMessage(outcome.error);
  const url = await s.deps.identity.slackSignInUrl(ids);
  return signInPromptMessage({ reason: signInReason(user, outcome), url, pendingCommand });
}
