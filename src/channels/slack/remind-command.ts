/**
 * `/pat remind me` in Slack (sandbox mode): the caller's reminder sweep now, ignoring working
 * hours. Their DM with patbot is looked up (or opened) first, so the reminders have somewhere to go.
 */
import { remindNowText } from '../../core/reminders/remind-now';
import type { User } from '../../core/store';
import { authFailureMessage } from './auth-replies';
import { textMessage } from './blocks/text-message';
import { botDmChannel } from './dm-detector';
import type { SlackServices } from './slack-services';
import type { SlackMessage } from './slack-types';
import type { SlackIds } from './slack-user';

export async function remindMeReply(
  s: SlackServices,
  ids: SlackIds,
  user: User,
  typed: string,
): Promise<{ message: SlackMessage; needsSignIn: boolean }> {
  const prefix = s.options.command;
  const remind = s.deps.remindNow;
  if (!remind) return { message: textMessage(remindNowText('sandbox-only', prefix)), needsSignIn: false };
  const access = await s.deps.tokenProvider.getAccessToken(user.id);
  if (access.kind !== 'ok') {
    return { message: await authFailureMessage(s, ids, user, access, typed), needsSignIn: true };
  }
  const log = s.deps.logger.child({ component: 'slack' });
  await botDmChannel({ store: s.deps.store, sender: s.sender, logger: log }, user.id, ids);
  return { message: textMessage(remindNowText(await remind(user.id), prefix)), needsSignIn: false };
}
