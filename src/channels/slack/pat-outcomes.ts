/** Renew and revoke outcomes (core use cases) as Slack messages. */
import type { CommandOutcome } from '../../core/commands/command-outcome';
import { renewOutcome, revokeOutcome } from '../../core/commands/execute-command';
import { resolveTimeZone } from '../../core/format-date';
import type { Pat } from '../../core/pat';
import { toPatView } from '../../core/pat-view';
import type { User } from '../../core/store';
import type { RenewPatResult } from '../../core/use-cases/renew-pat';
import type { RevokePatResult } from '../../core/use-cases/revoke-pat';
import { authFailureMessage, errorMessage } from './auth-replies';
import { actionResultMessage } from './blocks/action-result';
import { revokeQuestionMessage } from './blocks/revoke-question';
import { textMessage } from './blocks/text-message';
import { patRow, revokeQuestionValues, signedValue, type SigningContext } from './pat-action-values';
import { replaceOfferMessage } from './blocks/replace-button';
import type { SlackServices } from './slack-services';
import type { SlackMessage } from './slack-types';
import type { SlackIds } from './slack-user';

export interface OutcomeContext {
  s: SlackServices;
  ids: SlackIds;
  user: User;
  signing: SigningContext;
  /** The command to re-run after sign-in, when this came from a command. */
  pendingCommand?: string;
}

/**
 * The Slack renderer of a PAT outcome (from the core dispatcher, or a button's use case through
 * `renewOutcome`/`revokeOutcome`): renewals and revocations show the one PAT row.
 */
export async function outcomeMessage(
  ctx: OutcomeContext,
  outcome: CommandOutcome,
): Promise<SlackMessage | null> {
  const tz = resolveTimeZone(ctx.user.timezone).timeZone;
  const view = (pat: Pat) => toPatView(pat, ctx.signing.now, tz);
  switch (outcome.kind) {
    case 'renewed':
      return actionResultMessage({
        emoji: !outcome.changed
          ? ':information_source:'
          : outcome.capped
            ? ':warning:'
            : ':white_check_mark:',
        headline: outcome.message,
        note: outcome.warnings.length > 0 ? outcome.warnings.join(' ') : undefined,
        row: patRow(ctx.signing, outcome.pat, tz),
      });
    case 'revoke_confirm': {
      const values = revokeQuestionValues(ctx.signing, outcome.pat);
      return revokeQuestionMessage({
        view: view(outcome.pat),
        confirmValue: values.confirm,
        cancelValue: values.cancel,
      });
    }
    case 'revoked':
      return outcome.already
        ? actionResultMessage({ emoji: ':information_source:', headline: outcome.message })
        : actionResultMessage({
            emoji: ':white_check_mark:',
            headline: outcome.message,
            row: { view: view(outcome.pat), value: null, renewDays: ctx.signing.renewDays },
          });
    case 'replace_offer':
      return replaceOfferMessage(
        outcome.message,
        outcome.mode,
        signedValue(ctx.signing, outcome.pat, outcome.mode),
      );
    case 'ambiguous':
      return textMessage(outcome.message);
    case 'needs_signin':
      return authFailureMessage(ctx.s, ctx.ids, ctx.user, outcome.outcome, ctx.pendingCommand);
    case 'problem':
      return errorMessage(outcome.error, ctx.s.options.command);
    default:
      return null;
  }
}

/** A button's renew result as a message. */
export async function renewOutcomeMessage(
  ctx: OutcomeContext,
  result: RenewPatResult,
): Promise<SlackMessage> {
  return (await outcomeMessage(ctx, renewOutcome(result))) as SlackMessage;
}

/** A button's revoke result as a message. */
export async function revokeOutcomeMessage(
  ctx: OutcomeContext,
  result: RevokePatResult,
): Promise<SlackMessage> {
  return (await outcomeMessage(ctx, revokeOutcome(result))) as SlackMessage;
}
