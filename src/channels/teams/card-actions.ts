/**
 * `Action.Execute` (Universal Actions) invokes from patbot's cards: list (also the automatic
 * refresh of user-specific views), renew, revoke, confirm revoke and snooze (./snooze-action).
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
import { isCalendarDate } from '../../core/commands/command-values';
import type { RenewDuration } from '../../core/commands/parsed-command';
import { notOwnerMessage } from '../../core/messages';
import type { User } from '../../core/store';
import type { AuthFailure } from '../../core/use-cases/deps';
import { listPats } from '../../core/use-cases/list-pats';
import { renewSignedPat, type RenewPatResult } from '../../core/use-cases/renew-pat';
import { revokePat } from '../../core/use-cases/revoke-pat';
import { CodedError } from '../../errors';
import { cardDataSchema, type CardData } from './action-values';
import { orgsOf, type BotContext } from './bot-context';
import { answerInTime, deliverNow, type ActionReply } from './answer-in-time';
import { listCard, type Notice } from './cards/list-card';
import { messageCard } from './cards/message-card';
import { revokeConfirmCard } from './cards/revoke-confirm-card';
import { renewDateInputId, VERBS, type CardVerb } from './cards/verbs';
import { errorCard } from './error-card';
import { listModel, listToken } from './list-model';
import { sendCardResponse, sendMessageResponse } from './replies';
import { snoozeAction } from './snooze-action';
import { promptSignIn, signInElsewhereCard } from './sign-in-prompt';
import { conversationKind, resolveTurnUser, type TurnUser } from './turn-user';

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

interface ActionTurn {
  who: TurnUser;
  payload: ActionPayload;
  data: CardData;
  shared: boolean;
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

/** The list for the person acting, with an optional notice; errors become the card. */
async function listReply(bc: BotContext, turn: ActionTurn, notice?: Notice): Promise<ActionReply> {
  const user = turn.who.user;
  const orgs = orgsOf(bc, user);
  const result = await listPats(bc.useCases, { userId: user.id, orgs });
  if (result.kind === 'auth') return { kind: 'auth', outcome: result.outcome };
  if (result.kind === 'failed') {
    const failed = notice ? messageCard({ text: notice.text, tone: notice.tone }) : errorCard(result.error);
    return { kind: 'card', card: failed };
  }
  const card = listCard(
    listModel(bc, {
      owner: user,
      pats: result.pats,
      failures: result.failures,
      orgs,
      from: turn.data.from,
      shown: turn.data.shown,
      notice,
      refreshUserIds: turn.shared ? [turn.who.teamsUserId] : undefined,
    }),
  );
  return { kind: 'card', card };
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

function durationOf(turn: ActionTurn): RenewDuration | string {
  const d = turn.data.d ?? turn.payload.d;
  if (d === undefined || d === '30' || d === 30) return { kind: 'days', days: 30 };
  if (d === '90' || d === 90) return { kind: 'days', days: 90 };
  if (d === 'max') return { kind: 'max' };
  if (typeof d === 'number') return { kind: 'days', days: d };
  const date = d === 'date' ? turn.data[renewDateInputId(turn.payload.p)] : d;
  if (typeof date !== 'string' || !isCalendarDate(date))
    return 'Pick a date first, then press "Renew until this date".';
  return { kind: 'date', date };
}

/**
 * The card after a Renew click: the outcome and the renewed row as Azure DevOps stored it (the
 * signed value named the PAT, so nothing is listed again); Refresh shows the whole list.
 */
function renewedCard(bc: BotContext, turn: ActionTurn, result: Extract<RenewPatResult, { pat: unknown }>) {
  const tone = result.kind === 'renewed' && result.capped ? 'warning' : 'good';
  const user = turn.who.user;
  return listCard(
    listModel(bc, {
      owner: user,
      pats: [result.pat],
      failures: [],
      orgs: orgsOf(bc, user),
      notice: { text: [result.message, ...result.warnings].join(' '), tone },
      refreshUserIds: turn.shared ? [turn.who.teamsUserId] : undefined,
    }),
  );
}

/** Renews the PAT the signed value names: one Get and at most one Update. */
async function renewReply(bc: BotContext, turn: ActionTurn, duration: RenewDuration): Promise<ActionReply> {
  const user: User = turn.who.user;
  const result = await renewSignedPat(bc.useCases, {
    userId: user.id,
    org: turn.payload.g,
    patId: turn.payload.p,
    duration,
    timeZone: user.timezone,
  });
  if (result.kind === 'auth') return { kind: 'auth', outcome: result.outcome };
  if (result.kind === 'failed') return { kind: 'card', card: errorCard(result.error) };
  if (result.kind === 'ambiguous')
    return { kind: 'card', card: messageCard({ text: result.message, tone: 'warning' }) };
  return { kind: 'card', card: renewedCard(bc, turn, result) };
}

function renew(bc: BotContext, ctx: TurnContext, turn: ActionTurn): Promise<void> {
  const duration = durationOf(turn);
  if (typeof duration === 'string') return sendMessageResponse(ctx, duration);
  return respond(bc, ctx, turn, renewReply(bc, turn, duration));
}

async function revokeReply(bc: BotContext, turn: ActionTurn): Promise<ActionReply> {
  const user = turn.who.user;
  const confirmed = turn.payload.v === 'confirm_revoke';
  const result = await revokePat(bc.useCases, {
    userId: user.id,
    orgs: [turn.payload.g],
    target: turn.payload.p,
    confirmed,
  });
  switch (result.kind) {
    case 'auth':
      return { kind: 'auth', outcome: result.outcome };
    case 'failed':
      return listReply(bc, turn, { text: result.error.userText, tone: 'attention' });
    case 'confirm': {
      const confirmToken = bc.signer.sign({
        v: 'confirm_revoke',
        o: user.id,
        g: result.pat.org,
        p: result.pat.id,
      });
      const card = revokeConfirmCard({
        question: result.message,
        confirmToken,
        listToken: listToken(bc, user, orgsOf(bc, user)),
        pageSize: bc.settings.pageSize,
      });
      return { kind: 'card', card };
    }
    case 'revoked':
      return listReply(bc, turn, { text: result.message, tone: 'good' });
    case 'already_revoked':
    case 'ambiguous':
      return listReply(bc, turn, { text: result.message, tone: 'warning' });
  }
}

function revoke(bc: BotContext, ctx: TurnContext, turn: ActionTurn): Promise<void> {
  return respond(bc, ctx, turn, revokeReply(bc, turn));
}
