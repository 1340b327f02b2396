/** `pat remind me` in Teams (sandbox mode): the caller's reminder sweep now; the DMs arrive here. */
import type { TurnContext } from 'botbuilder';
import { remindNowText } from '../../core/reminders/remind-now';
import type { BotContext } from './bot-context';
import type { CommandTurn } from './commands';
import { promptSignIn } from './sign-in-prompt';

export async function remindMeCommand(bc: BotContext, ctx: TurnContext, turn: CommandTurn): Promise<void> {
  const remind = bc.deps.remindNow;
  if (!remind) {
    await ctx.sendActivity(remindNowText('sandbox-only'));
    return;
  }
  const user = turn.who.user;
  const access = await bc.deps.tokenProvider.getAccessToken(user.id);
  if (access.kind !== 'ok') {
    return promptSignIn(bc, ctx, {
      outcome: access,
      kind: turn.kind,
      userId: user.id,
      pendingText: turn.text,
    });
  }
  await ctx.sendActivity(remindNowText(await remind(user.id)));
}
