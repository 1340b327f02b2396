/**
 * Is this channel the person's DM with patbot? Only there are replies about their PATs normal
 * messages; everywhere else (channels, group DMs, DMs with other people) they are ephemeral.
 * The bot's DM id is learned with `conversations.open` (scope `im:write`) and kept in the
 * conversation store, which reminders use too.
 */
import type { Logger } from '../../core/logger';
import type { Store } from '../../core/store';
import type { SlackSender } from './slack-sender';
import { slackConversationKey, type SlackIds } from './slack-user';

export interface SlackDmReference {
  teamId: string;
  channelId: string;
  slackUserId: string;
}

function referenceOf(value: unknown): SlackDmReference | null {
  if (!value || typeof value !== 'object') return null;
  const r = value as Record<string, unknown>;
  return typeof r.channelId === 'string' && typeof r.teamId === 'string' && typeof r.slackUserId === 'string'
    ? { teamId: r.teamId, channelId: r.channelId, slackUserId: r.slackUserId }
    : null;
}

/** The bot DM channel id for a user (stored, else opened and stored); null when it can't be opened. */
export async function botDmChannel(
  deps: { store: Store; sender: SlackSender; logger: Logger },
  userId: string,
  ids: SlackIds,
): Promise<string | null> {
  const stored = await deps.store.conversations.personalFor(userId, 'slack');
  const ref = referenceOf(stored?.reference);
  if (
    ref &&
    ref.teamId === ids.teamId &&
    ref.slackUserId === ids.slackUserId &&
    stored?.status === 'active'
  ) {
    return ref.channelId;
  }
  try {
    const opened = await deps.sender.enqueue(`open:${ids.slackUserId}`, () =>
      deps.sender.client.conversations.open({ users: ids.slackUserId }),
    );
    const channelId = opened.channel?.id;
    if (!channelId) return null;
    const reference: SlackDmReference = { teamId: ids.teamId, channelId, slackUserId: ids.slackUserId };
    await deps.store.conversations.upsert({
      key: slackConversationKey(ids.teamId, channelId),
      platform: 'slack',
      kind: 'personal',
      userId,
      reference,
    });
    return channelId;
  } catch (error) {
    deps.logger.warn(
      { err: error instanceof Error ? error.message : String(error) },
      'could not open the Slack DM',
    );
    return null;
  }
}

/** True only for the person's own DM with patbot. */
export async function isBotDm(
  deps: { store: Store; sender: SlackSender; logger: Logger },
  userId: string,
  ids: SlackIds,
  channelId: string,
): Promise<boolean> {
  if (!channelId.startsWith('D')) return false;
  return (await botDmChannel(deps, userId, ids)) === channelId;
}
