/**
 * Teams gives an `adaptiveCard/action` invoke about 5 seconds; Azure DevOps can take much longer.
 * A card action's work races a deadline (`cardActionDeadlineMs`, default 4 s): in time, the
 * answer replaces the card as usual; too slow, the invoke is answered with a "still working"
 * card and the work goes on in a background turn, which updates that card (`updateActivity`)
 * when it finishes. In shared conversations the card is everyone's, so it is not replaced
 * behind the person's back: the "still working" card offers "Show my PATs" instead.
 */
import { TurnContext } from 'botbuilder';
import { reportUnexpected } from '../../core/unexpected-error';
import type { AuthFailure } from '../../core/use-cases/deps';
import type { BotContext } from './bot-context';
import type { AdaptiveCard } from './cards/card-types';
import { execute } from './cards/card-types';
import { messageCard } from './cards/message-card';
import { VERBS } from './cards/verbs';
import { errorCard } from './error-card';
import { cardActivity, sendCardResponse, sendMessageResponse } from './replies';
import { correlationIdOf } from './turn-correlation';

/** What a card action answers with, computed without the turn (so it can arrive late). */
export type ActionReply =
  | { kind: 'card'; card: AdaptiveCard }
  | { kind: 'message'; text: string }
  | { kind: 'auth'; outcome: AuthFailure };

export interface InTimeTurn {
  /** The conversation is a channel or group chat (the card is shared). */
  shared: boolean;
  /** Signed list action of the person acting (for "Show my PATs"). */
  listToken: string;
}

export interface ReplyDelivery {
  /** Answers the invoke itself (the work finished in time). */
  now(ctx: TurnContext, reply: ActionReply): Promise<void>;
  /** Sign-in needed after the invoke was answered: prompt in the background turn. */
  lateAuth(ctx: TurnContext, outcome: AuthFailure): Promise<void>;
}

export const STILL_WORKING_TEXT = 'Still working: Azure DevOps is slow to answer.';

function stillWorkingCard(bc: BotContext, turn: InTimeTurn): AdaptiveCard {
  if (!turn.shared) {
    return messageCard({
      text: STILL_WORKING_TEXT,
      nextStep: "I'll update this card when it's done.",
      tone: 'warning',
    });
  }
  return messageCard({
    text: STILL_WORKING_TEXT,
    nextStep: 'Press "Show my PATs" in a moment to see the result.',
    tone: 'warning',
    actions: [execute('Show my PATs', VERBS.list, { t: turn.listToken, shown: bc.settings.pageSize })],
  });
}

/** The card a late reply becomes (a message reply as a short card). */
function lateCard(reply: Exclude<ActionReply, { kind: 'auth' }>): AdaptiveCard {
  return reply.kind === 'card' ? reply.card : messageCard({ text: reply.text });
}

/** An unexpected error in the work goes through the one funnel and becomes the error card. */
function settle(bc: BotContext, work: Promise<ActionReply>, correlationId: string): Promise<ActionReply> {
  return work.catch((err: unknown) => ({
    kind: 'card' as const,
    card: errorCard(reportUnexpected(bc.log, err, correlationId, { type: 'invoke' }), correlationId),
  }));
}

function timer(ms: number): { done: Promise<'late'>; cancel: () => void } {
  let handle: NodeJS.Timeout | undefined;
  const done = new Promise<'late'>((resolve) => {
    handle = setTimeout(() => resolve('late'), ms);
  });
  return { done, cancel: () => clearTimeout(handle) };
}

async function finishLater(
  bc: BotContext,
  later: TurnContext,
  input: { turn: InTimeTurn; reply: ActionReply; activityId: string | undefined; delivery: ReplyDelivery },
): Promise<void> {
  const { reply, turn, activityId } = input;
  if (reply.kind === 'auth') {
    await input.delivery.lateAuth(later, reply.outcome);
    return;
  }
  if (turn.shared || !activityId) {
    bc.log.info({ shared: turn.shared }, 'slow card action finished; the card was left as it is');
    return;
  }
  await later.updateActivity({ ...cardActivity(lateCard(reply)), id: activityId });
  bc.log.info('slow card action finished; card updated');
}

/** Runs `work` against the deadline and delivers its reply now or, updated, later. */
export async function answerInTime(
  bc: BotContext,
  ctx: TurnContext,
  turn: InTimeTurn,
  work: Promise<ActionReply>,
  delivery: ReplyDelivery,
): Promise<void> {
  const settled = settle(bc, work, correlationIdOf(ctx));
  const deadline = timer(bc.settings.cardActionDeadlineMs);
  const first = await Promise.race([settled, deadline.done]);
  deadline.cancel();
  if (first !== 'late') return delivery.now(ctx, first);

  bc.log.warn(
    { deadlineMs: bc.settings.cardActionDeadlineMs },
    'card action is slow; answered "still working"',
  );
  await sendCardResponse(ctx, stillWorkingCard(bc, turn));
  const reference = TurnContext.getConversationReference(ctx.activity);
  const activityId = ctx.activity.replyToId;
  bc.background.run(reference, async (later) =>
    finishLater(bc, later, { turn, reply: await settled, activityId, delivery }),
  );
}

/** Delivers a reply as the invoke's answer. */
export async function deliverNow(
  ctx: TurnContext,
  reply: Exclude<ActionReply, { kind: 'auth' }>,
): Promise<void> {
  if (reply.kind === 'card') return sendCardResponse(ctx, reply.card);
  return sendMessageResponse(ctx, reply.text);
}
