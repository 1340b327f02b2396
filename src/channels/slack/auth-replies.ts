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

/**
 * A coded error as people read it: what happened, the next step (naming commands with
 * `prefix`, the slash command), a link button and, for an unexpected error, the reference of the
 * request's correlation id (the funnel logged it).
 */
export function errorMessage(error: CodedError, prefix: string, correlationId?: string): SlackMessage {
  const nextStep = error.nextStepFor(prefix);
  return problemMessage({
    text: error.message,
    nextStep: nextStep || undefined,
    reference: error.code === 'internal' && correlationId ? errorReference(correlationId) : undefined,
    link: errorLink(error),
  });
}

/** Why a sign-in is needed, for this user and failure. */
export function signInReason(user: User | null, outcome: AuthFailure, prefix: string): string {
  if (outcome.kind === 'needs_signin' && (!user || user.entraAccount === null)) return FIRST_SIGNIN_REASON;
  return outcome.error.userTextFor(prefix);
}

/** The sign-in prompt (with a fresh one-time link), or the error when signing in cannot help. */
export async function authFailureMessage(
  s: SlackServices,
  ids: SlackIds,
  user: User | null,
  outcome: AuthFailure,
  pendingCommand?: string,
): Promise<SlackMessage> {
  const prefix = s.options.command;
  if (outcome.kind === 'unavailable') return errorMessage(outcome.error, prefix);
  const url = await s.deps.identity.slackSignInUrl(ids);
  return signInPromptMessage({ reason: signInReason(user, outcome, prefix), url, pendingCommand });
}
