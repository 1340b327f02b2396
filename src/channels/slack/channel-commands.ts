/**
 * What Slack supplies to, and draws for, the core's conversation commands
 * (core/commands/conversation-commands.ts): the channel a `/pat subscribe|unsubscribe|subscriptions`
 * is about, the DM `/pat remind me` sends to, and the messages for those outcomes and `/pat signin`.
 */
import type { ConversationOutcome } from '../../core/commands/command-outcome';
import type { CommandConversation } from '../../core/commands/conversation-commands';
import type { SweepSummary } from '../../core/reminders/sweep-summary';
import { signInPromptMessage } from './blocks/signin-prompt';
import { textMessage } from './blocks/text-message';
import { botDmChannel } from './dm-detector';
import type { SlackServices } from './slack-services';
import type { SlackMessage } from './slack-types';
import { slackConversationKey, type SlackIds } from './slack-user';

export interface ChannelCommandInput {
  ids: SlackIds;
  channelId: string;
  /** `mpdm-…` for group DMs, `directmessage` for DMs. */
  channelName?: string;
}

/** The channel a command was typed in (null key for DMs); remembering it lets the digest find it. */
export function slackConversation(s: SlackServices, input: ChannelCommandInput): CommandConversation {
  if (input.channelId.startsWith('D') || input.channelName === 'directmessage') return { key: null };
  const key = slackConversationKey(input.ids.teamId, input.channelId);
  return {
    key,
    remember: () =>
      s.deps.store.conversations.upsert({
        key,
        platform: 'slack',
        kind: input.channelName?.startsWith('mpdm-') ? 'groupChat' : 'channel',
        userId: null,
        reference: { teamId: input.ids.teamId, channelId: input.channelId },
      }),
  };
}

/** `/pat remind me`: opens (or finds) the person's DM with patbot first, so reminders have somewhere to go. */
export function slackRemindNow(
  s: SlackServices,
  ids: SlackIds,
): ((userId: string) => Promise<SweepSummary | null>) | undefined {
  const remind = s.deps.remindNow;
  if (!remind) return undefined;
  const logger = s.deps.logger.child({ component: 'slack' });
  return async (userId) => {
    await botDmChannel({ store: s.deps.store, sender: s.sender, logger }, userId, ids);
    return remind(userId);
  };
}

async function signInReply(
  s: SlackServices,
  ids: SlackIds,
  outcome: Extract<ConversationOutcome, { kind: 'signin' }>,
): Promise<SlackMessage> {
  const url = await s.deps.identity.slackSignInUrl(ids);
  const reason = outcome.linked
    ? `You're signed in${outcome.account ? ` as ${outcome.account}` : ''}. Use this link to sign in with another Microsoft account.`
    : 'Link your Microsoft account so I can manage your PATs as you.';
  return signInPromptMessage({ reason, url });
}

export async function conversationMessage(
  s: SlackServices,
  ids: SlackIds,
  outcome: ConversationOutcome,
): Promise<SlackMessage> {
  const command = s.options.command;
  switch (outcome.kind) {
    case 'needs_channel':
      return textMessage(
        'Channel alerts go to a channel, not to a direct message.',
        `Run ${command} subscribe in the channel that should get them.`,
      );
    case 'subscribed':
      // Public channels work without an invite (chat:write.public); private ones need one.
      return textMessage(
        outcome.message,
        'If this channel is private, invite me with /invite @patbot so the digest can be posted.',
      );
    case 'signin':
      return signInReply(s, ids, outcome);
    default:
      return textMessage(outcome.message);
  }
}
