/** "Other…": opens the renew modal (`views.open`) within the trigger's 3 seconds. */
import type { BlockAction } from '@slack/bolt';
import type { ActionPayload } from '../../../core/action-token';
import { commandText } from '../../../core/messages';
import { asCodedError } from '../../../errors';
import { renewModal } from '../blocks/renew-modal';
import { textMessage } from '../blocks/text-message';
import { encodeModalMetadata } from '../modal-metadata';
import { localDate } from '../renew-date-rules';
import type { SlackServices } from '../slack-services';
import { patSectionFrom, type BlockSurface } from './block-surface';
import { refuse } from './outcome-delivery';

const DAY_MS = 86_400_000;

/** The person's Slack time zone as stored on their user (null when unknown: UTC). */
async function timeZoneOf(s: SlackServices, body: BlockAction): Promise<string | null> {
  const teamId = body.team?.id ?? body.user.team_id;
  if (!teamId) return null;
  const user = await s.deps.store.users.findByIdentity({
    platform: 'slack',
    teamId,
    slackUserId: body.user.id,
  });
  return user?.timezone ?? null;
}

export async function openRenewModal(
  s: SlackServices,
  body: BlockAction,
  where: BlockSurface,
  value: string,
  payload: ActionPayload,
): Promise<void> {
  const now = s.deps.clock.now();
  const view = renewModal({
    patSection: patSectionFrom(body, payload.p),
    initialDate: localDate(new Date(now.getTime() + 90 * DAY_MS), await timeZoneOf(s, body)),
    renewDays: s.deps.config.ado.renewDefaultDays,
    privateMetadata: encodeModalMetadata({
      a: value,
      r: where.responseUrl,
      h: where.home || undefined,
      e: where.replaceable ? undefined : false,
    }),
  });
  try {
    // trigger_id is valid for 3 s and single-use: one attempt, no queue.
    await s.sender.client.views.open({ trigger_id: where.triggerId, view });
  } catch (error) {
    s.deps.logger.warn({ errorCode: asCodedError(error).code }, 'views.open failed');
    await refuse(
      s,
      where,
      textMessage(
        "I couldn't open the renew choices.",
        `Try the button again, or type ${commandText(s.options.command, 'renew <name> 30')} (or \`max\`, or a date: yyyy-mm-dd).`,
      ),
    );
  }
}
