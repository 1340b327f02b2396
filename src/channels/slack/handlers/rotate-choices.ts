/**
 * Rotate's two choices inside the secret modal: "Revoke the old one now" (Slack's confirm dialog
 * first) and "Remind me in 3 days" (a stored due item the reminder sweep delivers). Signed and
 * owner-checked like every button; the modal is updated in place with what happened.
 */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { notOwnerMessage } from '../../../core/messages';
import type { User } from '../../../core/store';
import type { ActionPayload } from '../../../core/action-token';
import { remindToRevoke, revokeOldNow, type RotationDeps } from '../../../core/use-cases/rotate-pat';
import { asCodedError } from '../../../errors';
import { ACTION } from '../action-ids';
import { afterChoiceModal } from '../blocks/secret-modal';
import { listenerLog } from '../listener-log';
import { authorizeButton } from '../pat-action-values';
import type { SlackServices } from '../slack-services';
import type { Block } from '../slack-types';
import { mentionOf, resolveSlackUser } from '../slack-user';

export function rotationDeps(s: SlackServices): RotationDeps {
  return { ...s.useCases, revokeReminders: s.deps.store.revokeReminders };
}

function namesOf(metadata: unknown): { n?: string; r?: string } {
  try {
    const parsed = JSON.parse(typeof metadata === 'string' ? metadata : '') as Record<string, unknown>;
    const clip = (v: unknown) => (typeof v === 'string' ? v.slice(0, 256) : undefined);
    return { n: clip(parsed.n), r: clip(parsed.r) };
  } catch {
    return {};
  }
}

async function outcomeOf(
  s: SlackServices,
  actionId: string,
  user: User,
  payload: ActionPayload,
  metadata: unknown,
): Promise<string> {
  const old = { userId: user.id, org: payload.g, patId: payload.p };
  if (actionId === ACTION.rotateRevoke) {
    const result = await revokeOldNow(rotationDeps(s), old);
    if (result.kind === 'auth') return result.outcome.error.userText;
    if (result.kind === 'failed') return result.error.userText;
    return result.message;
  }
  const names = namesOf(metadata);
  const result = await remindToRevoke(rotationDeps(s), {
    ...old,
    patName: names.n ?? 'the old PAT',
    replacementName: names.r ?? 'its replacement',
    days: typeof payload.d === 'number' ? payload.d : undefined,
    timeZone: user.timezone,
  });
  return result.kind === 'scheduled' ? result.message : result.error.userText;
}

export function registerRotateChoices(app: App, s: SlackServices): void {
  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^(${ACTION.rotateRevoke}|${ACTION.rotateRemind})$`),
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
      let outcome: string;
      if (checked.ok) {
        outcome = await outcomeOf(s, action.action_id, clicker, checked.payload, body.view?.private_metadata);
      } else if (checked.reason === 'not_owner' && checked.payload) {
        outcome = notOwnerMessage(await mentionOf(s.deps.store, checked.payload.o), 'revoke');
      } else {
        outcome = checked.error.userText;
      }
      const view = body.view;
      if (!view?.id) return;
      try {
        await s.sender.client.views.update({
          view_id: view.id,
          hash: view.hash,
          view: afterChoiceModal((view.blocks ?? []) as Block[], outcome),
        });
      } catch (error) {
        log.warn({ errorCode: asCodedError(error).code }, 'views.update failed');
      }
    },
  );
}
