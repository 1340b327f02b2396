/**
 * The Teams cards and texts for the core's conversation outcomes (subscriptions, snooze,
 * `pat remind me`, `pat signin`). Subscriptions are keyed on the channel itself, never on a
 * reply thread (see conversation-capture.ts).
 */
import type { TurnContext } from 'botbuilder';
import type { ConversationOutcome } from '../../core/commands/command-outcome';
import { code } from '../../core/messages';
import type { BotContext } from './bot-context';
import { messageCard } from './cards/message-card';
import { subscriptionsCard } from './cards/subscriptions-card';
import type { CommandTurn } from './commands';
import { sendCard, sendText } from './replies';
import { promptSignIn, signInElsewhereCard } from './sign-in-prompt';

/** Said in a personal chat, where channel alerts cannot go. */
const NEEDS_CHANNEL: Record<Extract<ConversationOutcome, { kind: 'needs_channel' }>['command'], string> = {
  subscribe:
    'Channel alerts go to a channel or group chat, not to our private chat. Mention me there with `pat subscribe [name-pattern]`, e.g. `@patbot pat subscribe deploy-*`.',
  unsubscribe:
    'Channel alerts live in channels and group chats. Mention me with `pat unsubscribe` in the one you want to stop.',
  subscriptions:
    'Our private chat gets your own reminders. Mention me with `pat subscriptions` in a channel to see what it receives.',
};

function signIn(
  bc: BotContext,
  ctx: TurnContext,
  turn: CommandTurn,
  outcome: Extract<ConversationOutcome, { kind: 'signin' }>,
): Promise<void> {
  if (outcome.failure === null) {
    const as = outcome.account ? ` as ${outcome.account}` : '';
    return sendText(ctx, `You're signed in${as}. Type ${code('pat list')} to see your PATs.`);
  }
  // Teams' OAuth card cannot open inside a channel: point to the personal chat instead.
  if (turn.kind === 'channel')
    return sendCard(ctx, signInElsewhereCard(bc, 'Teams cannot sign you in inside a channel.'));
  return promptSignIn(bc, ctx, { outcome: outcome.failure, kind: turn.kind, userId: turn.who.user.id });
}

export function renderConversationOutcome(
  bc: BotContext,
  ctx: TurnContext,
  turn: CommandTurn,
  outcome: ConversationOutcome,
): Promise<void> {
  switch (outcome.kind) {
    case 'needs_channel':
      return sendText(ctx, NEEDS_CHANNEL[outcome.command]);
    case 'subscribed':
    case 'unsubscribed':
    case 'reminded':
      return sendText(ctx, outcome.message);
    case 'subscriptions_listed':
      return sendCard(ctx, subscriptionsCard(outcome.subscriptions, outcome.message));
    case 'snoozed':
      return sendCard(ctx, messageCard({ text: outcome.message, tone: 'good' }));
    case 'signin':
      return signIn(bc, ctx, turn, outcome);
  }
}
