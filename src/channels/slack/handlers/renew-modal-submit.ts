/**
 * Submission of the Other… modal (a length, the longest allowed, or a date). Bad dates, a changed
 * or expired form, or someone else's form get inline errors (`response_action: errors`) in the
 * ack; a good choice closes the modal, then the renewal runs on the signed PAT id (one Get, one
 * Update) and its outcome replaces the original message (or the Home tab).
 */
import type { App, ViewSubmitAction } from '@slack/bolt';
import { notOwnerMessage } from '../../../core/messages';
import { renewSignedPat } from '../../../core/use-cases/renew-pat';
import { reportUnexpected } from '../../../core/unexpected-error';
import type { RenewDuration } from '../../../core/commands/parsed-command';
import { ACTION, DATE_ACTION, DATE_BLOCK, LENGTH_ACTION, LENGTH_BLOCK, RENEW_MODAL } from '../action-ids';
import { errorMessage } from '../auth-replies';
import { decodeModalMetadata } from '../modal-metadata';
import { authorizeButton } from '../pat-action-values';
import { renewOutcomeMessage } from '../pat-outcomes';
import { renewDateError } from '../renew-date-rules';
import { signingFor } from '../run-command';
import type { SlackServices } from '../slack-services';
import type { SlackMessage } from '../slack-types';
import { mentionOf, resolveSlackUser } from '../slack-user';
import { correlationIdOf } from '../request-correlation';
import { firstDelivery, showOutcome } from './outcome-delivery';

function errors(text: string, block: string = DATE_BLOCK) {
  return { response_action: 'errors' as const, errors: { [block]: text.slice(0, 150) } };
}

type ViewState = ViewSubmitAction['view']['state'];

/** The length the form asks for, or the error to show under its field. */
function chosenDuration(
  state: ViewState,
  now: Date,
  timeZone: string | null,
): { duration: RenewDuration } | { error: ReturnType<typeof errors> } {
  const length = state.values[LENGTH_BLOCK]?.[LENGTH_ACTION]?.selected_option?.value ?? 'date';
  if (length === '30' || length === '90') return { duration: { kind: 'days', days: Number(length) } };
  if (length === 'max') return { duration: { kind: 'max' } };
  if (length !== 'date') return { error: errors('Pick one of the choices.', LENGTH_BLOCK) };
  const selected = state.values[DATE_BLOCK]?.[DATE_ACTION]?.selected_date;
  const problem = renewDateError(selected, now, timeZone);
  return problem ? { error: errors(problem) } : { duration: { kind: 'date', date: selected as string } };
}

export function registerRenewModalSubmit(app: App, s: SlackServices): void {
  app.view<ViewSubmitAction>(RENEW_MODAL, async ({ ack, body, view, context }) => {
    const now = s.deps.clock.now();
    const meta = decodeModalMetadata(view.private_metadata);
    if (!meta) {
      await ack(errors(`This form was changed. Close it and run ${s.options.command} list again.`));
      return;
    }
    const teamId = body.team?.id ?? body.user.team_id ?? view.team_id;
    const ids = { teamId, slackUserId: body.user.id };
    const user = await resolveSlackUser(s.deps.store, ids);
    const checked = authorizeButton(s.deps, ACTION.renewOther, meta.a, {
      actorId: user.id,
      now,
      prefix: s.options.command,
    });
    if (!checked.ok && checked.reason === 'not_owner' && checked.payload) {
      const owner = await mentionOf(s.deps.store, checked.payload.o);
      await ack(errors(notOwnerMessage(owner, 'renew').replace(/<@(\w+)>/, 'its owner')));
      return;
    }
    if (!checked.ok) {
      await ack(errors(checked.error.userTextFor(s.options.command)));
      return;
    }
    const chosen = chosenDuration(view.state, now, user.timezone);
    if ('error' in chosen) {
      await ack(chosen.error);
      return;
    }
    await ack();
    if (!(await firstDelivery(s, body.trigger_id))) {
      s.deps.logger.warn({ errorCode: 'action.replayed' }, 'Slack view submission seen before; ignored');
      return;
    }
    let message: SlackMessage;
    try {
      const result = await renewSignedPat(s.useCases, {
        userId: user.id,
        org: checked.payload.g,
        patId: checked.payload.p,
        duration: chosen.duration,
        timeZone: user.timezone,
      });
      message = await renewOutcomeMessage({ s, ids, user, signing: signingFor(s, user) }, result);
    } catch (error) {
      const correlationId = correlationIdOf(context);
      message = errorMessage(
        reportUnexpected(s.deps.logger, error, correlationId),
        s.options.command,
        correlationId,
      );
    }
    await showOutcome(
      s,
      {
        ids,
        responseUrl: meta.r,
        home: meta.h === true,
        replaceable: meta.e !== false,
        triggerId: body.trigger_id,
      },
      message,
    );
  });
}
