/**
 * Recreate and Rotate in Slack: a modal. `/pat recreate|rotate <name>` and the Create
 * replacement / Rotate buttons open a "Creating…" modal at once with the trigger_id (valid 3 s,
 * single use), then create the PAT and `views.update` the modal with the secret: the only place
 * it ever appears, only to the person. Nothing about it is posted in a conversation or logged.
 * Rotate's modal then offers "Revoke the old one now" and "Remind me in 3 days". A dead
 * all-organisations PAT with several organisations first asks which one (a select and Create).
 */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { ActionPayload } from '../../../core/action-token';
import { notOwnerMessage } from '../../../core/messages';
import { effectiveOrgs } from '../../../core/orgs';
import type { Pat } from '../../../core/pat';
import { isGlobalPat } from '../../../core/pat-status';
import { accessTokenFor, knownFailure } from '../../../core/use-cases/find-pats';
import type { User } from '../../../core/store';
import { reportUnexpected } from '../../../core/unexpected-error';
import { createReplacement, findReplaceable, type ReplaceMode } from '../../../core/use-cases/recreate-pat';
import { singleUse, type SingleUse } from '../../../core/use-cases/replace-once';
import { DEFAULT_REVOKE_REMINDER_DAYS } from '../../../core/use-cases/rotate-pat';
import { asCodedError, errorReference } from '../../../errors';
import { ACTION, ORG_CHOICE_BLOCK } from '../action-ids';
import { creatingModal, noticeModal, orgChoiceModal, secretModal } from '../blocks/secret-modal';
import { textMessage } from '../blocks/text-message';
import { listenerLog } from '../listener-log';
import { authorizeButton, signedValue } from '../pat-action-values';
import { signingFor } from '../run-command';
import { correlationIdOf } from '../request-correlation';
import type { SlackServices } from '../slack-services';
import type { ModalView } from '../slack-types';
import { mentionOf, resolveSlackUser, type SlackIds } from '../slack-user';
import { registerRotateChoices, rotationDeps } from './rotate-choices';

interface Target {
  org: string;
  patId: string;
  /** Where to create it (a dead all-organisations PAT: the organisation picked). */
  targetOrg?: string;
  /** The button value's claim: one PAT per value (core/use-cases/replace-once.ts). */
  once?: SingleUse;
}

function orgsFor(s: SlackServices, user: User): string[] {
  const { organizations, maxOrgsPerUser } = s.deps.config.ado;
  return effectiveOrgs(user.orgs, organizations, maxOrgsPerUser);
}

/** The old PAT when it worked in all organisations (one Get); null otherwise or when unreadable. */
async function globalPat(s: SlackServices, user: User, target: Target): Promise<Pat | null> {
  const access = await accessTokenFor(s.useCases, user.id);
  if (access.kind !== 'ok') return null; // createReplacement says what to do
  try {
    const old = await s.useCases.tokensApi.get(
      { org: target.org, accessToken: access.accessToken },
      target.patId,
    );
    return isGlobalPat(old) ? old : null;
  } catch (e) {
    knownFailure(e);
    return null; // createReplacement reports it
  }
}

/**
 * Recreate of a dead all-organisations PAT with several organisations: ask which one first (as
 * Teams does); otherwise create at once. `known` is the PAT when the caller already read it.
 */
async function firstView(
  s: SlackServices,
  user: User,
  mode: ReplaceMode,
  target: Target,
  known?: Pat,
): Promise<ModalView> {
  const orgs = orgsFor(s, user);
  if (mode === 'recreate' && orgs.length > 1) {
    const old = known ? (isGlobalPat(known) ? known : null) : await globalPat(s, user, target);
    if (old) {
      const value = signedValue(signingFor(s, user), { id: old.id, org: target.org }, 'recreate');
      return orgChoiceModal(old.name, orgs, value);
    }
  }
  return createdView(s, user, mode, target);
}

/** The modal after creating the replacement of the PAT `org`/`patId`. */
async function createdView(
  s: SlackServices,
  user: User,
  mode: ReplaceMode,
  target: Target,
): Promise<ModalView> {
  const result = await createReplacement(rotationDeps(s), {
    userId: user.id,
    org: target.org,
    patId: target.patId,
    targetOrg: target.targetOrg,
    days: s.deps.config.ado.renewDefaultDays,
    timeZone: user.timezone,
    mode,
    once: target.once,
  });
  if (result.kind === 'auth') {
    return noticeModal(result.outcome.error.message, `Type ${s.options.command} signin, then try again.`);
  }
  if (result.kind === 'failed') return noticeModal(result.error.message, result.error.nextStep);
  const signing = signingFor(s, user);
  const old = { id: result.old.id, org: result.old.org };
  const view = secretModal({
    message: result.message,
    notes: result.notes,
    secret: result.secret,
    rotate:
      mode === 'rotate'
        ? {
            oldName: result.old.name,
            org: result.old.org,
            revokeValue: signedValue(signing, old, 'confirm_revoke'),
            remindValue: signedValue(signing, old, 'remind_revoke', DEFAULT_REVOKE_REMINDER_DAYS),
            days: DEFAULT_REVOKE_REMINDER_DAYS,
          }
        : undefined,
  });
  view.private_metadata = JSON.stringify({ n: result.old.name, r: result.pat.name });
  return view;
}

/** Opens "Creating…" with the trigger, runs `work`, then shows its view; false when the modal would not open. */
async function inModal(
  s: SlackServices,
  triggerId: string,
  mode: ReplaceMode,
  work: () => Promise<ModalView>,
  log = s.deps.logger,
  correlationId = correlationIdOf(undefined),
): Promise<boolean> {
  let viewId: string;
  try {
    const opened = await s.sender.client.views.open({ trigger_id: triggerId, view: creatingModal(mode) });
    viewId = String(opened.view?.id ?? '');
  } catch (error) {
    log.warn({ errorCode: asCodedError(error).code }, 'views.open failed');
    return false;
  }
  let view: ModalView;
  try {
    view = await work();
  } catch (error) {
    reportUnexpected(log, error, correlationId, { mode });
    view = noticeModal(
      'Something went wrong on my side.',
      `Try again in a minute. (${errorReference(correlationId)})`,
    );
  }
  try {
    await s.sender.client.views.update({ view_id: viewId, view });
  } catch (error) {
    log.warn({ errorCode: asCodedError(error).code }, 'views.update failed');
  }
  return true;
}

/** `/pat recreate|rotate <name>`: the modal opens before anything is looked up. */
export async function replaceFromCommand(
  s: SlackServices,
  input: { ids: SlackIds; triggerId: string; responseUrl: string; target: string; mode: ReplaceMode },
  log = s.deps.logger,
  correlationId?: string,
): Promise<void> {
  const opened = await inModal(
    s,
    input.triggerId,
    input.mode,
    async () => {
      const user = await resolveSlackUser(s.deps.store, input.ids);
      const found = await findReplaceable(s.useCases, {
        userId: user.id,
        orgs: orgsFor(s, user),
        target: input.target,
        mode: input.mode,
      });
      if (found.kind === 'auth') {
        return noticeModal(found.outcome.error.message, `Type ${s.options.command} signin, then try again.`);
      }
      if (found.kind === 'failed') return noticeModal(found.error.message, found.error.nextStep);
      if (found.kind === 'ambiguous') return noticeModal(found.message);
      return firstView(s, user, input.mode, { org: found.pat.org, patId: found.pat.id }, found.pat);
    },
    log,
    correlationId,
  );
  if (!opened) {
    await s.respond(
      input.responseUrl,
      textMessage("I couldn't open the window that shows the new PAT.", 'Try the command again.'),
      { responseType: 'ephemeral' },
    );
  }
}

function modeOf(payload: ActionPayload): ReplaceMode {
  return payload.v === 'rotate' ? 'rotate' : 'recreate';
}

export function registerReplaceModals(app: App, s: SlackServices): void {
  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^(${ACTION.recreate}|${ACTION.rotate})$`),
    async ({ ack, body, action, context }) => {
      await ack();
      const log = listenerLog(context, s.deps.logger).child({ action: action.action_id });
      const ids = { teamId: body.team?.id ?? body.user.team_id ?? '', slackUserId: body.user.id };
      const clicker = await resolveSlackUser(s.deps.store, ids);
      const checked = authorizeButton(s.deps, action.action_id, action.value, {
        actorId: clicker.id,
        now: s.deps.clock.now(),
        prefix: s.options.command,
      });
      const refuse = async (text: string): Promise<void> => {
        if (body.response_url) {
          await s.respond(body.response_url, textMessage(text, undefined, { trusted: true }), {
            responseType: 'ephemeral',
            replaceOriginal: false,
          });
        }
      };
      if (!checked.ok) {
        log.warn({ errorCode: checked.error.code, reason: checked.reason }, 'Slack replace button refused');
        if (checked.reason === 'not_owner' && checked.payload) {
          const owner = await mentionOf(s.deps.store, checked.payload.o);
          return refuse(notOwnerMessage(owner, modeOf(checked.payload)));
        }
        return refuse(checked.error.userText);
      }
      const payload = checked.payload;
      const mode = modeOf(payload);
      await inModal(
        s,
        body.trigger_id,
        mode,
        () =>
          firstView(s, clicker, mode, {
            org: payload.g,
            patId: payload.p,
            once: singleUse(s.deps.store.ephemeral, s.deps.clock, action.value ?? '', payload.x),
          }),
        log,
        correlationIdOf(context),
      );
    },
  );
  registerOrgChoice(app, s);
  registerRotateChoices(app, s);
}

/** The organisation a modal's select holds (Slack sends the modal's state with the click). */
function chosenOrg(body: BlockAction): string {
  const values = (body.view?.state?.values ?? {}) as Record<
    string,
    Record<string, { selected_option?: { value?: string } | null }>
  >;
  return String(values[ORG_CHOICE_BLOCK]?.[ACTION.orgSelect]?.selected_option?.value ?? '');
}

/** "Create" in the organisation choice: one of the person's organisations, then the secret view. */
function registerOrgChoice(app: App, s: SlackServices): void {
  // Picking an organisation changes nothing yet: Create reads the select's state.
  app.action(ACTION.orgSelect, async ({ ack }) => ack());
  app.action<BlockAction<ButtonAction>>(ACTION.recreateIn, async ({ ack, body, action, context }) => {
    await ack();
    const log = listenerLog(context, s.deps.logger).child({ action: action.action_id });
    const viewId = body.view?.id;
    if (!viewId) return;
    const clicker = await resolveSlackUser(s.deps.store, {
      teamId: body.team?.id ?? body.user.team_id ?? '',
      slackUserId: body.user.id,
    });
    const checked = authorizeButton(s.deps, action.action_id, action.value, {
      actorId: clicker.id,
      now: s.deps.clock.now(),
      prefix: s.options.command,
    });
    const orgs = orgsFor(s, clicker);
    const chosen = chosenOrg(body).toLowerCase();
    const org = orgs.find((o) => o.toLowerCase() === chosen);
    const update = (view: ModalView) =>
      s.sender.client.views.update({ view_id: viewId, view }).catch((error: unknown) => {
        log.warn({ errorCode: asCodedError(error).code }, 'views.update failed');
      });
    if (!checked.ok) {
      log.warn(
        { errorCode: checked.error.code, reason: checked.reason },
        'Slack organisation choice refused',
      );
      await update(noticeModal(checked.error.message, checked.error.nextStep));
      return;
    }
    if (!org) {
      await update(noticeModal('Pick one of your organisations.', `I look in ${orgs.join(', ')}.`));
      return;
    }
    await update(creatingModal('recreate'));
    const target = {
      org: checked.payload.g,
      patId: checked.payload.p,
      targetOrg: org,
      once: singleUse(s.deps.store.ephemeral, s.deps.clock, action.value ?? '', checked.payload.x),
    };
    const view = await createdView(s, clicker, 'recreate', target).catch((error: unknown) => {
      const correlationId = correlationIdOf(context);
      reportUnexpected(log, error, correlationId, { mode: 'recreate' });
      return noticeModal(
        'Something went wrong on my side.',
        `Try again in a minute. (${errorReference(correlationId)})`,
      );
    });
    await update(view);
  });
}
