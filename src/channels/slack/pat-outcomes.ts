/** Renew and revoke outcomes (core use cases) as Slack messages. */
import { resolveTimeZone } from '../../core/format-date';
import { toPatView } from '../../core/pat-view';
import type { User } from '../../core/store';
import type { RenewPatResult } from '../../core/use-cases/renew-pat';
import type { RevokePatResult } from '../../core/use-cases/revoke-pat';
import { authFailureMessage, errorMessage } from './auth-replies';
import { actionResultMessage } from './blocks/action-result';
import { revokeQuestionMessage } from './blocks/revoke-question';
import { textMessage } from './blocks/text-message';
import { patRowActions, revokeQuestionValues, type SigningContext } from './pat-action-values';
import type { SlackServices } from './slack-services';
import type { SlackMessage } from './slack-types';
import type { SlackIds } from './slack-user';
import { forSlack } from './slack-wording';

export interface OutcomeContext {
  s: SlackServices;
  ids: SlackIds;
  user: User;
  signing: SigningContext;
  /** The command to re-run after sign-in, when this came from a command. */
  pendingCommand?: string;
}

export async function renewOutcomeMessage(
  ctx: OutcomeContext,
  result: RenewPatResult,
): Promise<SlackMessage> {
  const tz = resolveTimeZone(ctx.user.timezone).timeZone;
  switch (result.kind) {
    case 'renewed':
      return actionResultMessage({
        emoji: result.capped ? ':warning:' : ':white_check_mark:',
        headline: result.message,
        note: result.warnings.length > 0 ? result.warnings.join(' ') : undefined,
        row: {
          view: toPatView(result.pat, ctx.signing.now, tz),
          actions: patRowActions(ctx.signing, result.pat),
        },
      });
    case 'already':
      return actionResultMessage({
        emoji: ':information_source:',
        headline: result.message,
        note: result.warnings.length > 0 ? result.warnings.join(' ') : undefined,
        row: {
          view: toPatView(result.pat, ctx.signing.now, tz),
          actions: patRowActions(ctx.signing, result.pat),
        },
      });
    case 'ambiguous':
      return textMessage(forSlack(result.message));
    case 'auth':
      return authFailureMessage(ctx.s, ctx.ids, ctx.user, result.outcome, ctx.pendingCommand);
    case 'failed':
      return errorMessage(result.error);
  }
}

export async function revokeOutcomeMessage(
  ctx: OutcomeContext,
  result: RevokePatResult,
): Promise<SlackMessage> {
  const tz = resolveTimeZone(ctx.user.timezone).timeZone;
  switch (result.kind) {
    case 'confirm': {
      const values = revokeQuestionValues(ctx.signing, result.pat);
      return revokeQuestionMessage({
        view: toPatView(result.pat, ctx.signing.now, tz),
        confirmValue: values.confirm,
        cancelValue: values.cancel,
      });
    }
    case 'revoked':
      return actionResultMessage({
        emoji: ':white_check_mark:',
        headline: result.message,
        row: { view: toPatView(result.pat, ctx.signing.now, tz), actions: null },
      });
    case 'already_revoked':
      return actionResultMessage({ emoji: ':information_source:', headline: result.message });
    case 'ambiguous':
      return textMessage(forSlack(result.message));
    case 'auth':
      return authFailureMessage(ctx.s, ctx.ids, ctx.user, result.outcome, ctx.pendingCommand);
    case 'failed':
      return errorMessage(result.error);
  }
}
