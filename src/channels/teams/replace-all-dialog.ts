/**
 * Replace all in Teams (dead all-organisations PATs): the list card's button opens a dialog
 * (`task/fetch`) that asks for the organisations once (default: the ones the person looks in);
 * then each `task/submit` creates ONE new PAT (within the invoke's ~5 s) and answers
 * `task/continue` with its secret and "Next". The secret is only in that answer: never in a
 * message, the store or the logs. Checks: the signed value (owner, `replace_all`), a personal
 * chat, organisations among the person's, a step number in range.
 */
import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { personalChatOnlyMessage } from '../../core/replace-messages';
import { listDeadGlobals, replaceAllStep } from '../../core/use-cases/replace-all';
import { pairClaimKey, singleUse } from '../../core/use-cases/replace-once';
import { orgsOf, type BotContext } from './bot-context';
import {
  ORGS_INPUT,
  replaceAllChoiceCard,
  replaceAllFailedCard,
  replaceAllSecretCard,
} from './cards/replace-all-cards';
import { DIALOG_VERBS, dialogTaskInfo } from './cards/secret-dialog-card';
import { authorized, guardedTask, notice, rotationDeps } from './task-modules';
import { conversationKind } from './turn-user';

type TaskInfo = ReturnType<typeof dialogTaskInfo>;
const SIGN_IN_AGAIN = 'Type `pat signin` here, then press Replace all again.';

async function openReplaceAll(bc: BotContext, ctx: TurnContext, raw: unknown): Promise<TaskInfo> {
  const check = await authorized(bc, ctx, raw, 'replace_all');
  if ('refusal' in check) return check.refusal;
  if (conversationKind(ctx.activity) !== 'personal') {
    return notice(personalChatOnlyMessage('pat', 'recreate', 'all'));
  }
  const orgs = orgsOf(bc, check.who.user);
  const listed = await listDeadGlobals(bc.useCases, { userId: check.who.user.id, orgs });
  if (listed.kind === 'auth') return notice(listed.outcome.error.message, SIGN_IN_AGAIN);
  if (listed.pats.length === 0) return notice('None of your PATs stopped working on 1 Dec 2026.');
  const names = listed.pats.map((p) => p.name);
  return dialogTaskInfo('Replace all', replaceAllChoiceCard(names, orgs, orgs, check.data.t));
}

/** The organisations picked (comma-separated), if every one is the person's; else null. */
function chosenOrgs(raw: unknown, mine: readonly string[]): string[] | null {
  const value = (raw as Record<string, unknown> | null)?.[ORGS_INPUT];
  if (typeof value !== 'string' || value.length > 2000) return null;
  const picked = value
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o.length > 0);
  const orgs = picked.map((o) => mine.find((m) => m.toLowerCase() === o.toLowerCase()));
  if (orgs.length === 0 || orgs.some((o) => o === undefined)) return null;
  return [...new Set(orgs as string[])];
}

function stepOf(raw: unknown): number | null {
  const i = Number((raw as Record<string, unknown> | null)?.i);
  return Number.isInteger(i) && i >= 0 && i < 1000 ? i : null;
}

async function nextStep(bc: BotContext, ctx: TurnContext, raw: unknown): Promise<TaskInfo | null> {
  const check = await authorized(bc, ctx, raw, 'replace_all');
  if ('refusal' in check) return check.refusal;
  if (conversationKind(ctx.activity) !== 'personal') {
    return notice(personalChatOnlyMessage('pat', 'recreate', 'all'));
  }
  const mine = orgsOf(bc, check.who.user);
  const chosen = chosenOrgs(raw, mine);
  if (!chosen) return notice('Pick one or more of your organisations.', `I look in ${mine.join(', ')}.`);
  const step = stepOf(raw);
  if (step === null) return notice("That button's data was changed or is not from me, so I did nothing.");
  const result = await replaceAllStep(rotationDeps(bc), {
    userId: check.who.user.id,
    orgs: mine,
    chosen,
    step,
    days: bc.deps.config.ado.renewDefaultDays,
    timeZone: check.who.user.timezone,
    once: (pair) =>
      singleUse(bc.deps.store.ephemeral, bc.deps.clock, pairClaimKey(check.data.t, pair), check.payload.x),
  });
  if (result.kind === 'auth') return notice(result.outcome.error.message, SIGN_IN_AGAIN);
  if (result.kind === 'done') return null; // past the last one: close
  const more = step + 1 < result.total;
  const next = more
    ? { token: check.data.t, orgs: chosen.join(','), step: step + 1, total: result.total }
    : null;
  const { created } = result;
  const title = `Replace all: ${step + 1} of ${result.total}`;
  if (created.kind === 'auth') return notice(created.outcome.error.message, SIGN_IN_AGAIN);
  if (created.kind === 'failed') {
    return dialogTaskInfo(title, replaceAllFailedCard(created.error.message, created.error.nextStep, next));
  }
  const model = {
    title: created.pat.name,
    message: created.message,
    notes: created.notes,
    secret: created.secret,
  };
  return dialogTaskInfo(title, replaceAllSecretCard(model, next));
}

export function registerReplaceAll(app: Application<TurnState>, bc: BotContext): void {
  app.taskModules.fetch(DIALOG_VERBS.replaceAll, (ctx, _state, data) =>
    guardedTask(bc, ctx, () => openReplaceAll(bc, ctx, data)),
  );
  app.taskModules.submit(DIALOG_VERBS.replaceAllStep, (ctx, _state, data) =>
    guardedTask(bc, ctx, () => nextStep(bc, ctx, data)),
  );
}
