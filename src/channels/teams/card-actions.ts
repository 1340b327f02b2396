/**
 * `Action.Execute` (Universal Actions) invokes from patbot's cards: list (also the automatic
 * refresh of user-specific views), renew, revoke, confirm revoke (./pat-clicks.ts) and snooze
 * (./snooze-action). A list row carries one signed value for all its actions (`row`): the
 * invoke's verb says which one.
 *
 * Order of checks, before any Azure DevOps call: the invoke's shape (schema), the signature of
 * the action value (tamper-proof: verb, owner, org, PAT id, expiry), the verb matches the button,
 * then the owner: only the person a button was made for can use it, and only with their own
 * token. The answer replaces the card for the person who acted; work that calls Azure DevOps
 * races the invoke deadline (./answer-in-time.ts).
 */
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { ActionPayload } from '../../core/action-token';
import { notOwnerMessage } from '../../core/messages';
import type { AuthFailure } from '../../core/use-cases/deps';
import { CodedError } from '../../errors';
import { cardDataSchema } from './action-values';
import { orgsOf, type BotContext } from './bot-context';
import { answerInTime, deliverNow, type ActionReply } from './answer-in-time';
import { messageCard } from './cards/message-card';
import { VERBS, type CardVerb } from './cards/verbs';
import { listToken } from './list-model';
import { durationOf, listReply, renewReply, revokeReply, type ActionTurn } from './pat-clicks';
import { sendCardResponse, sendMessageResponse } from './replies';
import { snoozeAction } from './snooze-action';
import { promptSignIn, signInElsewhereCard } from './sign-in-prompt';
import { conversationKind, resolveTurnUser } from './turn-user';

const VERB_OF: Record<CardVerb, ActionPayload['v']> = {
  [VERBS.list]: 'list',
  [VERBS.renew]: 'renew',
  [VERBS.revoke]: 'revoke',
  [VERBS.confirmRevoke]: 'confirm_revoke',
  [VERBS.snooze]: 'snooze',
};

const invokeSchema = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.enum([VERBS.list, VERBS.renew, VERBS.revoke, VERBS.confirmRevoke, VERBS.snooze]),
    data: cardDataSchema,
  }),
  trigger: z.enum(['manual', 'automatic']).optional(),
});

const TAMPERED = new CodedError(
  'action.tampered',
  "That button's data was changed or is not from me, so I did nothing.",
  {
    nextStep: 'Run the command again, e.g. `pat list`.',
  },
);

/** Someone else's button: a list shows the presser their own PATs, a snooze is refused by the core. */
function othersButton(payload: ActionPayload): boolean {
  return payload.v === 'list' || payload.v === 'snooze';
}

export async function handleCardAction(bc: BotContext, ctx: TurnContext): Promise<void> {
  const parsed = invokeSchema.safeParse(ctx.activity.value);
  if (!parsed.success) return sendMessageResponse(ctx, TAMPERED.userText);
  const who = await resolveTurnUser(bc.deps.store, ctx.activity);
  if (!who) return sendMessageResponse(ctx, TAMPERED.userText);
  const { verb, data } = parsed.data.action;
  const checked = bc.signer.authorize(data.t, who.user.id, VERB_OF[verb]);
  const foreign = !checked.ok && checked.reason === 'not_owner' ? checked.payload : undefined;
  if (!checked.ok && !(foreign && othersButton(foreign))) {
    if (foreign) {
      // Renew, revoke: refused without an API call.
      const owner = await bc.deps.store.users.get(foreign.o);
      const verbWord = foreign.v === 'renew' ? 'renew' : 'revoke';
      bc.log.info({ code: 'action.not_owner', verb }, 'card action by someone else refused');
      return sendMessageResponse(ctx, notOwnerMessage(owner?.displayName ?? 'the owner', verbWord));
    }
    bc.log.warn({ code: checked.error.code, reason: checked.reason, verb }, 'card action refused');
    return sendMessageResponse(ctx, checked.error.userText);
  }
  const payload = checked.ok ? checked.payload : (foreign as ActionPayload);
  // The core's snooze use case checks the owner itself (and says "Only {owner} can snooze …").
  if (payload.v === 'snooze') return snoozeAction(bc, ctx, who, payload, data);
  const shared = conversationKind(ctx.activity) !== 'personal';
  const turn: ActionTurn = { who, payload, data, shared };
  switch (payload.v) {
    case 'list':
      return showList(bc, ctx, turn);
    case 'renew':
      return renew(bc, ctx, turn);
    case 'revoke':
    case 'confirm_revoke':
      return revoke(bc, ctx, turn);
    default:
      return sendMessageResponse(ctx, TAMPERED.userText);
  }
}

/** Runs one action's work against the invoke deadline (see ./answer-in-time.ts). */
function respond(
  bc: BotContext,
  ctx: TurnContext,
  turn: ActionTurn,
  work: Promise<ActionReply>,
): Promise<void> {
  const user = turn.who.user;
  return answerInTime(
    bc,
    ctx,
    { shared: turn.shared, listToken: listToken(bc, user, orgsOf(bc, user)) },
    work,
    {
      now: (c, reply) =>
        reply.kind === 'auth' ? authFailure(bc, c, turn, reply.outcome) : deliverNow(c, reply),
      lateAuth: (c, outcome) =>
        promptSignIn(bc, c, { outcome, kind: conversationKind(c.activity), userId: user.id }),
    },
  );
}

function showList(bc: BotContext, ctx: TurnContext, turn: ActionTurn): Promise<void> {
  return respond(bc, ctx, turn, listReply(bc, turn));
}

async function authFailure(
  bc: BotContext,
  ctx: TurnContext,
  turn: ActionTurn,
  outcome: AuthFailure,
): Promise<void> {
  if (turn.shared && conversationKind(ctx.activity) === 'channel') {
    return sendCardResponse(ctx, signInElsewhereCard(bc, outcome.error.message));
  }
  // Teams SSO cannot start from a card action: post the sign-in card as a message.
  await promptSignIn(bc, ctx, { outcome, kind: conversationKind(ctx.activity), userId: turn.who.user.id });
  await sendCardResponse(
    ctx,
    messageCard({
      text: outcome.error.message,
      nextStep: 'Use the sign-in card below, then press the button again.',
      tone: 'warning',
    }),
  );
}

function renew(bc: BotContext, ctx: TurnContext, turn: ActionTurn): Promise<void> {
  const duration = durationOf(turn);
  if (typeof duration === 'string') return sendMessageResponse(ctx, duration);
  return respond(bc, ctx, turn, renewReply(bc, turn, duration));
}

function revoke(bc: BotContext, ctx: TurnContext, turn: ActionTurn): Promise<void> {
  return respond(bc, ctx, turn, revokeReply(bc, turn));
}
