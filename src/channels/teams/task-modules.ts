/**
 * Recreate and Rotate in Teams: a task module (dialog). The button's `task/fetch` invoke creates
 * the PAT and answers with a `task/continue` dialog holding the secret: the one place it is ever
 * shown, only to the person who pressed, never in a message, card or log. "I've copied it"
 * (`task/submit`) closes it with no message. Rotate's dialog also offers "Revoke the old one now"
 * and "Remind me to revoke it" (a stored due item the reminder sweep delivers).
 *
 * Teams waits about 5 s for the dialog: creating races `dialogDeadlineMs` (default 4 s). Too
 * slow, the dialog says "Azure DevOps is slow, so I'm cancelling this"; a PAT Azure DevOps
 * creates anyway is revoked at once (nobody saw its value) and a note says nothing was left.
 *
 * Checks before any Azure DevOps call: the data's shape, the signed value (verb, owner, org, PAT
 * id, expiry), the presser is its owner, and the conversation is personal.
 */
import { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { ActionPayload, ActionVerb } from '../../core/action-token';
import { notOwnerMessage } from '../../core/messages';
import { personalChatOnlyMessage } from '../../core/replace-messages';
import { reportUnexpected } from '../../core/unexpected-error';
import {
  discardLateReplacement,
  SLOW_CREATE_MESSAGE,
  SLOW_CREATE_NEXT_STEP,
} from '../../core/use-cases/late-replacement';
import { createReplacement, type CreateReplacementResult } from '../../core/use-cases/recreate-pat';
import { singleUse, type SingleUse } from '../../core/use-cases/replace-once';
import {
  DEFAULT_REVOKE_REMINDER_DAYS,
  remindToRevoke,
  revokeOldNow,
  type RotationDeps,
} from '../../core/use-cases/rotate-pat';
import { errorReference } from '../../errors';
import { isGlobalPat } from '../../core/pat-status';
import { accessTokenFor, knownFailure } from '../../core/use-cases/find-pats';
import { orgsOf, type BotContext } from './bot-context';
import { messageCard } from './cards/message-card';
import {
  DIALOG_VERBS,
  dialogTaskInfo,
  noticeDialogCard,
  ORG_INPUT,
  orgChoiceDialogCard,
  REMIND_DAYS_INPUT,
  secretDialogCard,
} from './cards/secret-dialog-card';
import { sendCard } from './replies';
import { correlationIdOf } from './turn-correlation';
import { turnLog } from './turn-log';
import { conversationKind, resolveTurnUser, type TurnUser } from './turn-user';

const dataSchema = z
  .object({
    verb: z.string().max(50),
    t: z.string().min(1).max(2000),
    /** Rotate's reminder: the old and new names, only echoed back to the owner. */
    n: z.string().max(256).optional(),
    r: z.string().max(256).optional(),
    [REMIND_DAYS_INPUT]: z.union([z.string().max(10), z.number()]).optional(),
    [ORG_INPUT]: z.string().max(100).optional(),
  })
  .passthrough();

type DialogData = z.infer<typeof dataSchema>;
type TaskInfo = ReturnType<typeof dialogTaskInfo>;

export function notice(message: string, nextStep?: string): TaskInfo {
  return dialogTaskInfo('patbot', noticeDialogCard(message, nextStep));
}

/** The presser and the signed value's payload, or the dialog that refuses. */
export async function authorized(
  bc: BotContext,
  ctx: TurnContext,
  raw: unknown,
  verb: ActionVerb,
): Promise<{ who: TurnUser; payload: ActionPayload; data: DialogData } | { refusal: TaskInfo }> {
  const parsed = dataSchema.safeParse(raw);
  const who = parsed.success ? await resolveTurnUser(bc.deps.store, ctx.activity) : null;
  if (!parsed.success || !who) {
    return { refusal: notice("That button's data was changed or is not from me, so I did nothing.") };
  }
  const checked = bc.signer.authorize(parsed.data.t, who.user.id, verb);
  if (checked.ok) return { who, payload: checked.payload, data: parsed.data };
  if (checked.reason === 'not_owner' && checked.payload) {
    const owner = await bc.deps.store.users.get(checked.payload.o);
    bc.log.info({ code: 'action.not_owner', verb }, 'dialog action by someone else refused');
    const word =
      verb === 'rotate' ? 'rotate' : verb === 'recreate' || verb === 'replace_all' ? 'recreate' : 'revoke';
    return { refusal: notice(notOwnerMessage(owner?.displayName ?? 'the owner', word)) };
  }
  bc.log.warn({ code: checked.error.code, reason: checked.reason, verb }, 'dialog action refused');
  return { refusal: notice(checked.error.message, checked.error.nextStep) };
}

export function rotationDeps(bc: BotContext): RotationDeps {
  return { ...bc.useCases, prefix: 'pat', revokeReminders: bc.deps.store.revokeReminders };
}

function createdDialog(
  bc: BotContext,
  who: TurnUser,
  rotate: boolean,
  result: Extract<CreateReplacementResult, { kind: 'created' }>,
): TaskInfo {
  const old = { o: who.user.id, g: result.old.org, p: result.old.id };
  const content = secretDialogCard({
    title: result.pat.name,
    message: result.message,
    notes: result.notes,
    secret: result.secret,
    rotate: rotate
      ? {
          revokeToken: bc.signer.sign({ v: 'confirm_revoke', ...old }),
          remindToken: bc.signer.sign({ v: 'remind_revoke', ...old, d: DEFAULT_REVOKE_REMINDER_DAYS }),
          oldName: result.old.name,
          replacementName: result.pat.name,
          days: DEFAULT_REVOKE_REMINDER_DAYS,
        }
      : undefined,
  });
  return dialogTaskInfo(`New PAT: ${result.pat.name}`, content);
}

/** `task/fetch` from a Create replacement / Rotate button: create, then show the secret once. */
async function openDialog(
  bc: BotContext,
  ctx: TurnContext,
  raw: unknown,
  rotate: boolean,
): Promise<TaskInfo> {
  const check = await authorized(bc, ctx, raw, rotate ? 'rotate' : 'recreate');
  if ('refusal' in check) return check.refusal;
  const { who, payload } = check;
  if (conversationKind(ctx.activity) !== 'personal') {
    return notice(personalChatOnlyMessage('pat', rotate ? 'rotate' : 'recreate', payload.p));
  }
  const orgs = orgsOf(bc, who.user);
  if (!rotate && orgs.length > 1) {
    const choice = await globalOrgChoice(bc, who, payload, orgs, check.data.t);
    if (choice) return choice;
  }
  return createIn(bc, ctx, who, payload, rotate, payload.g, check.data.t);
}

/** For a PAT that works in all organisations (Recreate, several organisations): ask which one. */
async function globalOrgChoice(
  bc: BotContext,
  who: TurnUser,
  payload: ActionPayload,
  orgs: string[],
  token: string,
): Promise<TaskInfo | null> {
  const access = await accessTokenFor(bc.useCases, who.user.id);
  if (access.kind !== 'ok') return null; // createReplacement says what to do
  try {
    const old = await bc.useCases.tokensApi.get(
      { org: payload.g, accessToken: access.accessToken },
      payload.p,
    );
    if (!isGlobalPat(old)) return null;
    return dialogTaskInfo(`Replace ${old.name}`, orgChoiceDialogCard(old.name, orgs, token));
  } catch (e) {
    knownFailure(e);
    return null; // createReplacement reports it
  }
}

/** "Create" in the organisation choice: the organisation must be one of the person's. */
async function recreateIn(bc: BotContext, ctx: TurnContext, raw: unknown): Promise<TaskInfo> {
  const check = await authorized(bc, ctx, raw, 'recreate');
  if ('refusal' in check) return check.refusal;
  const chosen = check.data[ORG_INPUT];
  const orgs = orgsOf(bc, check.who.user);
  const org = orgs.find((o) => o.toLowerCase() === (chosen ?? '').toLowerCase());
  if (!org) return notice('Pick one of your organisations.', `I look in ${orgs.join(', ')}.`);
  if (conversationKind(ctx.activity) !== 'personal') {
    return notice(personalChatOnlyMessage('pat', 'recreate', check.payload.p));
  }
  return createIn(bc, ctx, check.who, check.payload, false, org, check.data.t);
}

function timer(ms: number): { done: Promise<'late'>; cancel: () => void } {
  let handle: NodeJS.Timeout | undefined;
  const done = new Promise<'late'>((resolve) => {
    handle = setTimeout(() => resolve('late'), ms);
  });
  return { done, cancel: () => clearTimeout(handle) };
}

/**
 * The dialog gave up on a slow Create: when it finishes anyway, the new PAT (whose value nobody
 * saw) is revoked and audited, then a note without the secret goes to the chat.
 */
function discardWhenDone(
  bc: BotContext,
  ctx: TurnContext,
  who: TurnUser,
  work: Promise<CreateReplacementResult>,
  once: SingleUse,
): void {
  const correlationId = correlationIdOf(ctx);
  const note = work
    .then((result) => discardLateReplacement(bc.useCases, who.user.id, result))
    .finally(() => once.release()) // its value was never shown: the same button may make it again
    .catch((err: unknown) => {
      reportUnexpected(bc.log, err, correlationId, { type: 'invoke', late: true });
      return null;
    });
  bc.background.run(TurnContext.getConversationReference(ctx.activity), async (later) => {
    const said = await note;
    if (said)
      await sendCard(later, messageCard({ text: said.message, nextStep: said.nextStep, tone: said.tone }));
  });
}

async function createIn(
  bc: BotContext,
  ctx: TurnContext,
  who: TurnUser,
  payload: ActionPayload,
  rotate: boolean,
  targetOrg: string,
  token: string,
): Promise<TaskInfo> {
  let late = false;
  const once = singleUse(bc.deps.store.ephemeral, bc.deps.clock, token, payload.x);
  const work = createReplacement(rotationDeps(bc), {
    userId: who.user.id,
    org: payload.g,
    patId: payload.p,
    targetOrg,
    days: bc.deps.config.ado.renewDefaultDays,
    timeZone: who.user.timezone,
    mode: rotate ? 'rotate' : 'recreate',
    once,
    abandoned: () => late,
  });
  const deadline = timer(bc.settings.dialogDeadlineMs);
  const result = await Promise.race([work, deadline.done]);
  deadline.cancel();
  if (result === 'late') {
    late = true;
    turnLog(ctx, bc.log).warn(
      { deadlineMs: bc.settings.dialogDeadlineMs },
      'PAT creation is slow; dialog cancelled',
    );
    discardWhenDone(bc, ctx, who, work, once);
    return notice(SLOW_CREATE_MESSAGE, SLOW_CREATE_NEXT_STEP);
  }
  if (result.kind === 'auth') {
    return notice(result.outcome.error.message, 'Type `pat signin` here, then press the button again.');
  }
  if (result.kind === 'failed') return notice(result.error.message, result.error.nextStep);
  return createdDialog(bc, who, rotate, result);
}

/** Rotate: "Revoke the old one now": revoke, close the dialog, say so in the chat. */
async function revokeOld(bc: BotContext, ctx: TurnContext, raw: unknown): Promise<TaskInfo | null> {
  const check = await authorized(bc, ctx, raw, 'confirm_revoke');
  if ('refusal' in check) return check.refusal;
  const result = await revokeOldNow(rotationDeps(bc), {
    userId: check.who.user.id,
    org: check.payload.g,
    patId: check.payload.p,
  });
  if (result.kind === 'auth')
    return notice(result.outcome.error.message, 'Type `pat signin`, then try again.');
  if (result.kind === 'failed') return notice(result.error.message, result.error.nextStep);
  if (result.kind !== 'revoked' && result.kind !== 'already_revoked') return notice(result.message);
  await sendCard(ctx, messageCard({ text: result.message, tone: 'good' }));
  return null;
}

/** Rotate: "Remind me to revoke it": store the due item, close the dialog, say when. */
async function remindRevoke(bc: BotContext, ctx: TurnContext, raw: unknown): Promise<TaskInfo | null> {
  const check = await authorized(bc, ctx, raw, 'remind_revoke');
  if ('refusal' in check) return check.refusal;
  const { who, payload, data } = check;
  const typed = data[REMIND_DAYS_INPUT];
  const days = typed === undefined || typed === '' ? DEFAULT_REVOKE_REMINDER_DAYS : Number(typed);
  const result = await remindToRevoke(rotationDeps(bc), {
    userId: who.user.id,
    org: payload.g,
    patId: payload.p,
    patName: data.n ?? 'the old PAT',
    replacementName: data.r ?? 'its replacement',
    days,
    timeZone: who.user.timezone,
  });
  if (result.kind === 'failed') return notice(result.error.message, result.error.nextStep);
  await sendCard(ctx, messageCard({ text: result.message }));
  return null;
}

/** The error funnel for dialogs: an unexpected error is logged once and shown with its reference. */
export function guardedTask<T>(
  bc: BotContext,
  ctx: TurnContext,
  work: () => Promise<T>,
): Promise<T | TaskInfo> {
  return work().catch((err: unknown) => {
    const correlationId = correlationIdOf(ctx);
    reportUnexpected(turnLog(ctx, bc.log), err, correlationId, { type: 'invoke', name: ctx.activity.name });
    return notice(
      'Something went wrong on my side.',
      `Try again in a minute. (${errorReference(correlationId)})`,
    );
  });
}

export function registerTaskModules(app: Application<TurnState>, bc: BotContext): void {
  app.taskModules.fetch(DIALOG_VERBS.recreate, (ctx, _state, data) =>
    guardedTask(bc, ctx, () => openDialog(bc, ctx, data, false)),
  );
  app.taskModules.fetch(DIALOG_VERBS.rotate, (ctx, _state, data) =>
    guardedTask(bc, ctx, () => openDialog(bc, ctx, data, true)),
  );
  app.taskModules.submit(DIALOG_VERBS.copied, async () => null);
  app.taskModules.submit(DIALOG_VERBS.recreateIn, (ctx, _state, data) =>
    guardedTask(bc, ctx, () => recreateIn(bc, ctx, data)),
  );
  app.taskModules.submit(DIALOG_VERBS.revokeOld, (ctx, _state, data) =>
    guardedTask(bc, ctx, () => revokeOld(bc, ctx, data)),
  );
  app.taskModules.submit(DIALOG_VERBS.remindRevoke, (ctx, _state, data) =>
    guardedTask(bc, ctx, () => remindRevoke(bc, ctx, data)),
  );
}
