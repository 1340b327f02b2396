/**
 * `pat subscribe [pattern]`, `pat unsubscribe`, `pat subscriptions` (channels and group chats;
 * keyed on the channel itself, never on a reply thread) and `pat snooze <name|id> <days>`: the
 * core use cases, answered in Teams.
 */
import type { TurnContext } from 'botbuilder';
import { listSubscriptions, snoozePat, subscribe, unsubscribe } from '../../core/subscriptions';
import { orgsOf, type BotContext } from './bot-context';
import { messageCard } from './cards/message-card';
import { subscriptionsCard } from './cards/subscriptions-card';
import type { CommandTurn } from './commands';
import { conversationKeyOf } from './conversation-capture';
import { errorCard } from './error-card';
import { sendText, sendCard } from './replies';
import { promptSignIn } from './sign-in-prompt';

/** Said in a personal chat, where channel alerts cannot go. */
export const SUBSCRIBE_WHERE =
  'Channel alerts go to a channel or group chat, not to our private chat. Mention me there with `pat subscribe [name-pattern]`, e.g. `@patbot pat subscribe deploy-*`.';

function storeDeps(bc: BotContext) {
  return { store: bc.deps.store };
}

export async function subscribeCommand(
  bc: BotContext,
  ctx: TurnContext,
  turn: CommandTurn,
  pattern: string | undefined,
): Promise<void> {
  if (turn.kind === 'personal') {
    return sendText(ctx, SUBSCRIBE_WHERE);
  }
  const result = await subscribe(storeDeps(bc), {
    conversationKey: conversationKeyOf(ctx.activity),
    userId: turn.who.user.id,
    pattern: pattern ?? null,
  });
  if (result.kind === 'failed') return sendCard(ctx, errorCard(result.error));
  await sendText(ctx, result.message);
}

export async function unsubscribeCommand(bc: BotContext, ctx: TurnContext, turn: CommandTurn): Promise<void> {
  if (turn.kind === 'personal') {
    return sendText(
      ctx,
      'Channel alerts live in channels and group chats. Mention me with `pat unsubscribe` in the one you want to stop.',
    );
  }
  const result = await unsubscribe(storeDeps(bc), {
    conversationKey: conversationKeyOf(ctx.activity),
    userId: turn.who.user.id,
  });
  if (result.kind === 'failed') return sendCard(ctx, errorCard(result.error));
  await sendText(ctx, result.message);
}

export async function subscriptionsCommand(
  bc: BotContext,
  ctx: TurnContext,
  turn: CommandTurn,
): Promise<void> {
  if (turn.kind === 'personal') {
    return sendText(
      ctx,
      'Our private chat gets your own reminders. Mention me with `pat subscriptions` in a channel to see what it receives.',
    );
  }
  const result = await listSubscriptions(storeDeps(bc), {
    conversationKey: conversationKeyOf(ctx.activity),
    userId: turn.who.user.id,
  });
  if (result.kind === 'failed') return sendCard(ctx, errorCard(result.error));
  await sendCard(ctx, subscriptionsCard(result.subscriptions, result.message));
}

export async function snoozeCommand(
  bc: BotContext,
  ctx: TurnContext,
  turn: CommandTurn,
  command: { target: string; days: number },
): Promise<void> {
  const user = turn.who.user;
  const result = await snoozePat(
    {
      ...bc.useCases,
      snoozes: bc.deps.store.snoozes,
      thresholdsDays: bc.deps.config.reminders.thresholdsDays,
    },
    {
      userId: user.id,
      orgs: orgsOf(bc, user),
      target: command.target,
      days: command.days,
      timeZone: user.timezone,
    },
  );
  switch (result.kind) {
    case 'auth':
      return promptSignIn(bc, ctx, {
        outcome: result.outcome,
        kind: turn.kind,
        userId: user.id,
        pendingText: turn.text,
      });
    case 'failed':
      return sendCard(ctx, errorCard(result.error));
    case 'ambiguous':
      return sendCard(ctx, messageCard({ text: result.message, tone: 'warning' }));
    case 'snoozed':
      return sendCard(ctx, messageCard({ text: result.message, tone: 'good' }));
  }
}
