/**
 * What a click on a PAT's row does, on the signed PAT id (no listing): Renew is one Get and at
 * most one Update, Revoke… asks (from the card's kept list, else one Get), Yes is one Delete
 * (plus that Get). The answer is the list card the person clicked on, from its kept view
 * (./list-view.ts) with the one row patched; a card whose view is gone lists again, and a click
 * from a card without a view (a reminder, a typed `pat revoke`) answers with that PAT alone.
 */
import type { ActionPayload } from '../../core/action-token';
import { isCalendarDate } from '../../core/commands/command-values';
import type { RenewDuration } from '../../core/commands/parsed-command';
import type { User } from '../../core/store';
import { listPats } from '../../core/use-cases/list-pats';
import type { Pat } from '../../core/pat';
import { renewSignedPat, type RenewPatResult } from '../../core/use-cases/renew-pat';
import { replaceOfferCard } from './cards/secret-dialog-card';
import { revokeSignedPat, type RevokePatResult } from '../../core/use-cases/revoke-pat';
import type { CardData } from './action-values';
import type { ActionReply } from './answer-in-time';
import { orgsOf, type BotContext } from './bot-context';
import { execute } from './cards/card-types';
import { listCard, type Notice } from './cards/list-card';
import { messageCard } from './cards/message-card';
import { revokeConfirmCard } from './cards/revoke-confirm-card';
import { renewDateInputId, VERBS } from './cards/verbs';
import { errorCard } from './error-card';
import { listModel, listModelWithView, listToken, viewModel } from './list-model';
import { patInView, withoutPat, withPat, type ListView } from './list-view';
import type { TurnUser } from './turn-user';

export interface ActionTurn {
  who: TurnUser;
  /** The authorized value; `v` is the action it was accepted for. */
  payload: ActionPayload;
  data: CardData;
  shared: boolean;
}

function refreshIds(turn: ActionTurn): string[] | undefined {
  return turn.shared ? [turn.who.teamsUserId] : undefined;
}

/** The kept list `view` as a card, with the click's notice. */
function viewCard(bc: BotContext, turn: ActionTurn, view: ListView, notice?: Notice): ActionReply {
  const model = viewModel(bc, { owner: turn.who.user, view, notice, refreshUserIds: refreshIds(turn) });
  return { kind: 'card', card: listCard(model) };
}

/**
 * The list for the person acting, with an optional notice; errors become the card. A list value
 * that names a kept view (Cancel on a confirm card) shows that view again without a call.
 */
export async function listReply(bc: BotContext, turn: ActionTurn, notice?: Notice): Promise<ActionReply> {
  const user = turn.who.user;
  if (turn.payload.v === 'list') {
    const kept = await bc.views.load(user.id, turn.payload.w);
    if (kept) return viewCard(bc, turn, kept, notice);
  }
  const orgs = orgsOf(bc, user);
  const result = await listPats(bc.useCases, { userId: user.id, orgs });
  if (result.kind === 'auth') return { kind: 'auth', outcome: result.outcome };
  if (result.kind === 'failed') {
    const failed = notice ? messageCard({ text: notice.text, tone: notice.tone }) : errorCard(result.error);
    return { kind: 'card', card: failed };
  }
  const model = await listModelWithView(bc, {
    owner: user,
    pats: result.pats,
    failures: result.failures,
    orgs,
    from: turn.data.from,
    shown: turn.data.shown,
    notice,
    refreshUserIds: refreshIds(turn),
  });
  return { kind: 'card', card: listCard(model) };
}

/** The length a Renew button asks for: none (the default), a fixed one, the longest, or a date. */
export function durationOf(turn: ActionTurn): RenewDuration | undefined | string {
  const d = turn.data.d ?? turn.payload.d;
  if (d === undefined) return undefined;
  if (d === '30' || d === '90') return { kind: 'days', days: Number(d) };
  if (d === 'max') return { kind: 'max' };
  if (typeof d === 'number') return { kind: 'days', days: d };
  const date = d === 'date' ? turn.data[renewDateInputId(turn.payload.p)] : d;
  if (typeof date !== 'string' || !isCalendarDate(date))
    return 'Pick a date first, then press "Renew until this date".';
  return { kind: 'date', date };
}

function renewNotice(result: RenewPatResult): Notice {
  if (result.kind === 'failed') return { text: result.error.userText, tone: 'attention' };
  if (result.kind === 'renewed' || result.kind === 'already') {
    const tone = result.kind === 'renewed' && !result.capped ? 'good' : 'warning';
    return { text: [result.message, ...result.warnings].join(' '), tone };
  }
  return { text: result.kind === 'ambiguous' ? result.message : '', tone: 'warning' };
}

/** A renewal from a card without a kept list (a reminder): that PAT alone, Refresh for the rest. */
function renewedAlone(bc: BotContext, turn: ActionTurn, result: RenewPatResult): ActionReply {
  if (result.kind === 'failed') return { kind: 'card', card: errorCard(result.error) };
  if (result.kind !== 'renewed' && result.kind !== 'already')
    return { kind: 'card', card: messageCard({ text: renewNotice(result).text, tone: 'warning' }) };
  const user = turn.who.user;
  const model = listModel(bc, {
    owner: user,
    pats: [result.pat],
    failures: [],
    orgs: orgsOf(bc, user),
    notice: renewNotice(result),
    refreshUserIds: refreshIds(turn),
  });
  return { kind: 'card', card: listCard(model) };
}

/** Renewing cannot help: what happened and the Create replacement button (its dialog creates the PAT). */
function replaceOffer(bc: BotContext, turn: ActionTurn, replace: { pat: Pat; message: string }): ActionReply {
  const { pat, message } = replace;
  const token = bc.signer.sign({ v: 'recreate', o: turn.who.user.id, g: pat.org, p: pat.id });
  return { kind: 'card', card: replaceOfferCard(message, 'recreate', token) };
}

/** Renews the PAT the signed value names (one Get, at most one Update) and patches its row. */
export async function renewReply(
  bc: BotContext,
  turn: ActionTurn,
  duration: RenewDuration | undefined,
): Promise<ActionReply> {
  const user: User = turn.who.user;
  const [view, result] = await Promise.all([
    bc.views.load(user.id, turn.payload.w),
    renewSignedPat(bc.useCases, {
      userId: user.id,
      org: turn.payload.g,
      patId: turn.payload.p,
      duration,
      timeZone: user.timezone,
    }),
  ]);
  if (result.kind === 'auth') return { kind: 'auth', outcome: result.outcome };
  if (result.kind === 'failed' && result.replace) return replaceOffer(bc, turn, result.replace);
  if (!view)
    return turn.payload.w ? listReply(bc, turn, renewNotice(result)) : renewedAlone(bc, turn, result);
  if (result.kind !== 'renewed' && result.kind !== 'already')
    return viewCard(bc, turn, view, renewNotice(result));
  const patched = withPat(view, result.pat);
  await bc.views.save(user.id, patched);
  return viewCard(bc, turn, patched, renewNotice(result));
}

function confirmCard(
  bc: BotContext,
  turn: ActionTurn,
  result: Extract<RevokePatResult, { kind: 'confirm' }>,
) {
  const user = turn.who.user;
  const w = turn.payload.w;
  const confirmToken = bc.signer.sign({
    v: 'confirm_revoke',
    o: user.id,
    g: result.pat.org,
    p: result.pat.id,
    ...(w ? { w } : {}),
  });
  return revokeConfirmCard({
    question: result.message,
    confirmToken,
    listToken: listToken(bc, user, orgsOf(bc, user), w),
    pageSize: bc.settings.pageSize,
  });
}

function revokeNotice(result: Exclude<RevokePatResult, { kind: 'auth' | 'confirm' }>): Notice {
  if (result.kind === 'failed') return { text: result.error.userText, tone: 'attention' };
  return { text: result.message, tone: result.kind === 'revoked' ? 'good' : 'warning' };
}

/** Revoke… asks; Yes revokes by the signed id and drops the row from the kept list. */
export async function revokeReply(bc: BotContext, turn: ActionTurn): Promise<ActionReply> {
  const user = turn.who.user;
  const view = await bc.views.load(user.id, turn.payload.w);
  const result = await revokeSignedPat(bc.useCases, {
    userId: user.id,
    org: turn.payload.g,
    patId: turn.payload.p,
    confirmed: turn.payload.v === 'confirm_revoke',
    known: view ? patInView(view, turn.payload.p) : undefined,
  });
  if (result.kind === 'auth') return { kind: 'auth', outcome: result.outcome };
  if (result.kind === 'confirm') return { kind: 'card', card: confirmCard(bc, turn, result) };
  const notice = revokeNotice(result);
  if (view) {
    if (result.kind === 'failed' || result.kind === 'ambiguous') return viewCard(bc, turn, view, notice);
    const patched = withoutPat(view, result.pat);
    await bc.views.save(user.id, patched);
    return viewCard(bc, turn, patched, notice);
  }
  if (turn.payload.w) return listReply(bc, turn, notice);
  // A typed `pat revoke`'s question: say what happened; the list is one click away.
  const show = execute('Show my PATs', VERBS.list, {
    t: listToken(bc, user, orgsOf(bc, user)),
    shown: bc.settings.pageSize,
  });
  return { kind: 'card', card: messageCard({ text: notice.text, tone: notice.tone, actions: [show] }) };
}
