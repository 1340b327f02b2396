/**
 * Replace all in Slack (dead all-organisations PATs): the list's button (signed `replace_all`)
 * opens a modal at once with the trigger_id that asks for the organisations (default: the ones
 * the person looks in). Start and each Next (buttons inside the modal) create ONE new PAT through
 * the core's replace-all steps and `views.update` the modal with its secret: the only place it
 * ever appears. Never posted, stored or logged. Checks on every click: the signed value (owner,
 * `replace_all`), organisations among the person's, a step number in range.
 */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { notOwnerMessage } from '../../../core/messages';
import { effectiveOrgs } from '../../../core/orgs';
import type { User } from '../../../core/store';
import { reportUnexpected } from '../../../core/unexpected-error';
import { replaceAllStep } from '../../../core/use-cases/replace-all';
import { pairClaimKey, singleUse } from '../../../core/use-cases/replace-once';
import { asCodedError, errorReference } from '../../../errors';
import { ACTION, REPLACE_ALL_ORGS_BLOCK } from '../action-ids';
import {
  replaceAllCreating,
  replaceAllNotice,
  replaceAllOrgsModal,
  replaceAllStepModal,
} from '../blocks/replace-all-modal';
import { textMessage } from '../blocks/text-message';
import { listenerLog } from '../listener-log';
import { authorizeButton } from '../pat-action-values';
import { correlationIdOf } from '../request-correlation';
import type { SlackServices } from '../slack-services';
import type { ModalView } from '../slack-types';
import { mentionOf, resolveSlackUser } from '../slack-user';
import { rotationDeps } from './rotate-choices';

const MAX_STEP = 1000;

function orgsFor(s: SlackServices, user: User): string[] {
  const { organizations, maxOrgsPerUser } = s.deps.config.ado;
  return effectiveOrgs(user.orgs, organizations, maxOrgsPerUser);
}

function signInAgain(s: SlackServices): string {
  return `Type ${s.options.command} signin, then press Replace all again.`;
}

/** The organisations and step of a click: from the step view's metadata, else the first view's select. */
function progressOf(body: BlockAction): { picked: unknown[]; step: unknown } {
  const meta = body.view?.private_metadata;
  if (meta) {
    try {
      const parsed = JSON.parse(meta.length <= 3000 ? meta : 'null') as { c?: unknown; i?: unknown } | null;
      if (parsed && Array.isArray(parsed.c)) return { picked: parsed.c, step: parsed.i };
    } catch {
      return { picked: [], step: null };
    }
  }
  const values = (body.view?.state?.values ?? {}) as Record<
    string,
    Record<string, { selected_options?: Array<{ value?: unknown }> | null }>
  >;
  const selected = values[REPLACE_ALL_ORGS_BLOCK]?.[ACTION.replaceAllOrgs]?.selected_options ?? [];
  return { picked: Array.isArray(selected) ? selected.map((o) => o?.value) : [], step: 0 };
}

/** The organisations picked, if every one is the person's (at most 100); else null. */
function chosenOrgs(picked: readonly unknown[], mine: readonly string[]): string[] | null {
  if (picked.length === 0 || picked.length > 100) return null;
  const orgs = picked.map((o) =>
    typeof o === 'string' ? mine.find((m) => m.toLowerCase() === o.toLowerCase()) : undefined,
  );
  if (orgs.some((o) => o === undefined)) return null;
  return [...new Set(orgs as string[])];
}

/** The view after step `step` for `chosen`: its one new PAT's secret, a failure, or a notice. */
async function stepView(
  s: SlackServices,
  user: User,
  chosen: string[],
  step: number,
  value: string,
  expiresAt: number,
): Promise<ModalView> {
  const result = await replaceAllStep(rotationDeps(s), {
    userId: user.id,
    orgs: orgsFor(s, user),
    chosen,
    step,
    days: s.deps.config.ado.renewDefaultDays,
    timeZone: user.timezone,
    once: (pair) => singleUse(s.deps.store.ephemeral, s.deps.clock, pairClaimKey(value, pair), expiresAt),
  });
  if (result.kind === 'auth') return replaceAllNotice(result.outcome.error.message, signInAgain(s));
  if (result.kind === 'done') {
    return result.total === 0
      ? replaceAllNotice('None of your PATs stopped working on 1 Dec 2026.')
      : replaceAllNotice(`All ${result.total} new PATs are made.`);
  }
  const { created, total } = result;
  const base = { step, total, chosen, value };
  if (created.kind === 'auth') return replaceAllNotice(created.outcome.error.message, signInAgain(s));
  if (created.kind === 'failed') {
    return replaceAllStepModal({
      ...base,
      message: created.error.message,
      notes: [],
      nextStep: created.error.nextStep,
    });
  }
  return replaceAllStepModal({
    ...base,
    message: created.message,
    notes: created.notes,
    secret: created.secret,
  });
}

/** The list's Replace all: the owner gets the modal at once; anyone else a refusal. */
function registerOpen(app: App, s: SlackServices): void {
  app.action<BlockAction<ButtonAction>>(ACTION.replaceAll, async ({ ack, body, action, context }) => {
    await ack();
    const log = listenerLog(context, s.deps.logger).child({ action: action.action_id });
    const ids = { teamId: body.team?.id ?? body.user.team_id ?? '', slackUserId: body.user.id };
    const clicker = await resolveSlackUser(s.deps.store, ids);
    const checked = authorizeButton(s.deps, action.action_id, action.value, {
      actorId: clicker.id,
      now: s.deps.clock.now(),
      prefix: s.options.command,
    });
    if (!checked.ok) {
      log.warn({ errorCode: checked.error.code, reason: checked.reason }, 'Slack Replace all refused');
      const text =
        checked.reason === 'not_owner' && checked.payload
          ? notOwnerMessage(await mentionOf(s.deps.store, checked.payload.o), 'recreate')
          : checked.error.userText;
      if (body.response_url) {
        await s.respond(body.response_url, textMessage(text, undefined, { trusted: true }), {
          responseType: 'ephemeral',
          replaceOriginal: false,
        });
      }
      return;
    }
    const view = replaceAllOrgsModal(orgsFor(s, clicker), String(action.value));
    await s.sender.client.views.open({ trigger_id: body.trigger_id, view }).catch((error: unknown) => {
      log.warn({ errorCode: asCodedError(error).code }, 'views.open failed');
    });
  });
}

/** Start / Next inside the modal: one new PAT per click. */
function registerStep(app: App, s: SlackServices): void {
  app.action<BlockAction<ButtonAction>>(ACTION.replaceAllStep, async ({ ack, body, action, context }) => {
    await ack();
    const log = listenerLog(context, s.deps.logger).child({ action: action.action_id });
    const viewId = body.view?.id;
    if (!viewId) return;
    const update = (view: ModalView) =>
      s.sender.client.views.update({ view_id: viewId, view }).catch((error: unknown) => {
        log.warn({ errorCode: asCodedError(error).code }, 'views.update failed');
      });
    const clicker = await resolveSlackUser(s.deps.store, {
      teamId: body.team?.id ?? body.user.team_id ?? '',
      slackUserId: body.user.id,
    });
    const checked = authorizeButton(s.deps, action.action_id, action.value, {
      actorId: clicker.id,
      now: s.deps.clock.now(),
      prefix: s.options.command,
    });
    if (!checked.ok) {
      log.warn({ errorCode: checked.error.code, reason: checked.reason }, 'Slack Replace all step refused');
      const refusal =
        checked.reason === 'not_owner' && checked.payload
          ? replaceAllNotice(notOwnerMessage(await mentionOf(s.deps.store, checked.payload.o), 'recreate'))
          : replaceAllNotice(checked.error.message, checked.error.nextStep);
      return void (await update(refusal));
    }
    const mine = orgsFor(s, clicker);
    const { picked, step } = progressOf(body);
    const chosen = chosenOrgs(picked, mine);
    if (!chosen)
      return void (await update(
        replaceAllNotice('Pick one or more of your organisations.', `I look in ${mine.join(', ')}.`),
      ));
    if (typeof step !== 'number' || !Number.isInteger(step) || step < 0 || step >= MAX_STEP) {
      return void (await update(
        replaceAllNotice("That button's data was changed or is not from me, so I did nothing."),
      ));
    }
    await update(replaceAllCreating(step, null));
    const view = await stepView(s, clicker, chosen, step, String(action.value), checked.payload.x).catch(
      (error: unknown) => {
        const correlationId = correlationIdOf(context);
        reportUnexpected(log, error, correlationId, { mode: 'replace_all' });
        return replaceAllNotice(
          'Something went wrong on my side.',
          `Try again in a minute. (${errorReference(correlationId)})`,
        );
      },
    );
    await update(view);
  });
}

export function registerReplaceAll(app: App, s: SlackServices): void {
  // Changing the organisations does nothing yet: Start reads the select's state.
  app.action(ACTION.replaceAllOrgs, async ({ ack }) => ack());
  registerOpen(app, s);
  registerStep(app, s);
}
