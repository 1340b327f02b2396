/**
 * The Snooze buttons of a reminder card (1 or 3 days): the core's `snoozeFromButton` with the
 * owner from the signed value. Someone else gets "Only {owner} can snooze this PAT." and nothing
 * changes. No Azure DevOps call is made.
 */
import type { TurnContext } from 'botbuilder';
import type { ActionPayload } from '../../core/action-token';
import { snoozeFromButton } from '../../core/subscriptions';
import type { CardData } from './action-values';
import { orgsOf, type BotContext } from './bot-context';
import { execute } from './cards/card-types';
import { messageCard } from './cards/message-card';
import { VERBS } from './cards/verbs';
import { listToken } from './list-model';
import { plain } from './cards/card-types';
import { sendCardResponse, sendMessageResponse } from './replies';
import type { TurnUser } from './turn-user';

export async function snoozeAction(
  bc: BotContext,
  ctx: TurnContext,
  who: TurnUser,
  payload: ActionPayload,
  data: CardData,
): Promise<void> {
  const owner = payload.o === who.user.id ? who.user : await bc.deps.store.users.get(payload.o);
  const result = await snoozeFromButton(
    {
      snoozes: bc.deps.store.snoozes,
      clock: bc.deps.clock,
      logger: bc.log,
      thresholdsDays: bc.deps.config.reminders.thresholdsDays,
    },
    {
      userId: who.user.id,
      ownerUserId: payload.o,
      // shown in the refusal message: escape Markdown so a display name cannot format the reply
      ownerName: owner?.displayName ? plain(owner.displayName) : null,
      patId: payload.p,
      patName: payload.o === who.user.id ? (data.n ?? null) : null,
      days: typeof payload.d === 'number' ? payload.d : Number.NaN,
      timeZone: who.user.timezone,
    },
  );
  if (result.kind === 'snoozed') {
    const list = listToken(bc, who.user, orgsOf(bc, who.user));
    return sendCardResponse(
      ctx,
      messageCard({
        text: result.message,
        tone: 'good',
        actions: [execute('Show all my PATs', VERBS.list, { t: list, shown: bc.settings.pageSize })],
      }),
    );
  }
  if (result.kind === 'failed') {
    bc.log.info({ code: result.error.code }, 'snooze button refused');
    return sendMessageResponse(
      ctx,
      result.error.code === 'action.not_owner' ? result.error.message : result.error.userText,
    );
  }
  return sendMessageResponse(ctx, 'That did not work. Try `pat snooze <name> <days>`.');
}
