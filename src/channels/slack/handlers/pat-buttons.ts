/**
 * Renew (one click, RENEW_DEFAULT_DAYS) / Other… (the renew modal) / Revoke / Cancel / Snooze
 * buttons. Each value is signed (src/core/action-token.ts; a list row has one value for all its
 * buttons): a changed or foreign value is refused, and a button acts only for the person it was
 * made for, on their own PAT, by its signed id (Renew: one Get and one Update; Revoke: one Get
 * and one Delete); anyone else gets an ephemeral refusal and no Azure DevOps call is made.
 */
import { listenerLog } from '../listener-log';
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { ActionPayload } from '../../../core/action-token';
import { notOwnerMessage } from '../../../core/messages';
import type { User } from '../../../core/store';
import { renewSignedPat } from '../../../core/use-cases/renew-pat';
import { revokeSignedPat } from '../../../core/use-cases/revoke-pat';
import { snoozeFromButton } from '../../../core/subscriptions';
import { reportUnexpected } from '../../../core/unexpected-error';
import { ACTION, SIGNED_ACTIONS } from '../action-ids';
import { errorMessage } from '../auth-replies';
import { actionResultMessage } from '../blocks/action-result';
import { textMessage } from '../blocks/text-message';
import { authorizeButton } from '../pat-action-values';
import { renewOutcomeMessage, revokeOutcomeMessage } from '../pat-outcomes';
import { signingFor } from '../run-command';
import { correlationIdOf } from '../request-correlation';
import type { SlackServices } from '../slack-services';
import type { SlackMessage } from '../slack-types';
import { mentionOf, resolveSlackUser } from '../slack-user';
import { surfaceOf, type BlockSurface } from './block-surface';
import { openRenewModal } from './open-renew-modal';
import { firstDelivery, refuse, showOutcome } from './outcome-delivery';

function verbOf(payload: ActionPayload): 'renew' | 'revoke' | 'snooze' {
  return payload.v === 'renew' ? 'renew' : payload.v === 'snooze' ? 'snooze' : 'revoke';
}

async function act(
  s: SlackServices,
  actionId: string,
  user: User,
  where: BlockSurface,
  payload: ActionPayload,
) {
  const signing = signingFor(s, user);
  const ctx = { s, ids: where.ids, user, signing };
  if (actionId === ACTION.cancel) {
    return actionResultMessage({
      emoji: ':information_source:',
      headline: 'Cancelled: nothing was revoked.',
    });
  }
  if (payload.v === 'snooze') {
    const result = await snoozeFromButton(
      { snoozes: s.deps.store.snoozes, clock: s.deps.clock, logger: s.deps.logger },
      {
        userId: user.id,
        ownerUserId: payload.o,
        patId: payload.p,
        days: typeof payload.d === 'number' ? payload.d : 1,
        timeZone: user.timezone,
      },
    );
    return result.kind === 'snoozed'
      ? actionResultMessage({ emoji: ':zzz:', headline: result.message })
      : result.kind === 'failed'
        ? errorMessage(result.error, s.options.command)
        : textMessage('Nothing was snoozed.');
  }
  if (actionId === ACTION.confirmRevoke) {
    const known = await s.revoked.get(user.id, payload.p);
    const result = await revokeSignedPat(s.useCases, {
      userId: user.id,
      org: payload.g,
      patId: payload.p,
      confirmed: true,
      known: known ?? undefined,
    });
    if (result.kind === 'revoked') await s.revoked.remember(user.id, result.pat);
    return revokeOutcomeMessage(ctx, result);
  }
  const duration =
    payload.d === 'max'
      ? ({ kind: 'max' } as const)
      : typeof payload.d === 'number'
        ? ({ kind: 'days', days: payload.d } as const)
        : typeof payload.d === 'string'
          ? ({ kind: 'date', date: payload.d } as const)
          : undefined;
  const result = await renewSignedPat(s.useCases, {
    userId: user.id,
    org: payload.g,
    patId: payload.p,
    duration,
    timeZone: user.timezone,
  });
  return renewOutcomeMessage(ctx, result);
}

export function registerPatButtons(app: App, s: SlackServices): void {
  app.action<BlockAction<ButtonAction>>(SIGNED_ACTIONS, async ({ ack, body, action, context }) => {
    await ack();
    const where = surfaceOf(body);
    const log = listenerLog(context, s.deps.logger).child({ action: action.action_id });
    const clicker = await resolveSlackUser(s.deps.store, where.ids);
    const checked = authorizeButton(s.deps, action.action_id, action.value, {
      actorId: clicker.id,
      now: s.deps.clock.now(),
      prefix: s.options.command,
    });
    if (!checked.ok && checked.reason === 'not_owner' && checked.payload) {
      log.warn({ errorCode: 'action.not_owner' }, 'Slack button pressed by someone other than its owner');
      const owner = await mentionOf(s.deps.store, checked.payload.o);
      const refusal = notOwnerMessage(owner, verbOf(checked.payload));
      await refuse(s, where, textMessage(refusal, undefined, { trusted: true }));
      return;
    }
    if (!checked.ok) {
      log.warn({ errorCode: checked.error.code, reason: checked.reason }, 'Slack button refused');
      await refuse(s, where, errorMessage(checked.error, s.options.command));
      return;
    }
    const payload = checked.payload;
    if (action.action_id === ACTION.renewOther || action.action_id === ACTION.renewDate) {
      await openRenewModal(s, body, where, action.value ?? '', payload);
      return;
    }
    if (!(await firstDelivery(s, where.triggerId))) {
      log.warn({ errorCode: 'action.replayed' }, 'Slack interaction seen before; ignored');
      return;
    }
    let message: SlackMessage;
    try {
      message = await act(s, action.action_id, clicker, where, payload);
    } catch (error) {
      const correlationId = correlationIdOf(context);
      message = errorMessage(reportUnexpected(log, error, correlationId), s.options.command, correlationId);
    }
    await showOutcome(s, where, message);
  });

  // A link button still sends block_actions, which must be acked.
  for (const linkButton of [ACTION.signIn, ACTION.problemLink]) {
    app.action(linkButton, async ({ ack }) => {
      await ack();
    });
  }
}
