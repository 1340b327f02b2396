/** `/pat subscribe|unsubscribe|subscriptions|snooze` through the core subscription use cases. */
import type { ParsedCommand } from '../../core/commands/parsed-command';
import type { User } from '../../core/store';
import { listSubscriptions, snoozePat, subscribe, unsubscribe } from '../../core/subscriptions';
import { authFailureMessage, errorMessage } from './auth-replies';
import { textMessage } from './blocks/text-message';
import type { SlackServices } from './slack-services';
import type { SlackMessage } from './slack-types';
import { orgsFor, slackConversationKey, type SlackIds } from './slack-user';
import { forSlack } from './slack-wording';

export interface ChannelCommandInput {
  ids: SlackIds;
  channelId: string;
  /** `mpdm-…` for group DMs, `directmessage` for DMs. */
  channelName?: string;
}

type ChannelCommand = Extract<
  ParsedCommand,
  { kind: 'subscribe' | 'unsubscribe' | 'subscriptions' | 'snooze' }
>;

const NOT_HERE = textMessage(
  'Channel alerts go to a channel, not to a direct message.',
  'Run /pat subscribe in the channel that should get them.',
);

/** Remembers the channel (for the digest) and returns its conversation key; null for DMs. */
async function channelKey(s: SlackServices, input: ChannelCommandInput): Promise<string | null> {
  if (input.channelId.startsWith('D') || input.channelName === 'directmessage') return null;
  const key = slackConversationKey(input.ids.teamId, input.channelId);
  await s.deps.store.conversations.upsert({
    key,
    platform: 'slack',
    kind: input.channelName?.startsWith('mpdm-') ? 'groupChat' : 'channel',
    userId: null,
    reference: { teamId: input.ids.teamId, channelId: input.channelId },
  });
  return key;
}

export async function runChannelCommand(
  s: SlackServices,
  input: ChannelCommandInput,
  user: User,
  parsed: ChannelCommand,
  pendingCommand: string,
): Promise<{ message: SlackMessage; needsSignIn: boolean }> {
  const deps = { store: s.deps.store };
  if (parsed.kind === 'snooze') {
    const result = await snoozePat(
      { ...s.useCases, snoozes: s.deps.store.snoozes },
      {
        userId: user.id,
        orgs: orgsFor(user, s.deps.config),
        target: parsed.target,
        days: parsed.days,
        timeZone: user.timezone,
      },
    );
    switch (result.kind) {
      case 'snoozed':
      case 'ambiguous':
        return { message: textMessage(forSlack(result.message)), needsSignIn: false };
      case 'auth':
        return {
          message: await authFailureMessage(s, input.ids, user, result.outcome, pendingCommand),
          needsSignIn: true,
        };
      case 'failed':
        return { message: errorMessage(result.error), needsSignIn: false };
    }
  }
  const key = await channelKey(s, input);
  if (key === null) return { message: NOT_HERE, needsSignIn: false };
  if (parsed.kind === 'subscribe') {
    const result = await subscribe(deps, {
      conversationKey: key,
      userId: user.id,
      pattern: parsed.pattern ?? null,
    });
    if (result.kind === 'failed') return { message: errorMessage(result.error), needsSignIn: false };
    // Public channels work without an invite (chat:write.public); private ones need one.
    const note = 'If this channel is private, invite me with /invite @patbot so the digest can be posted.';
    return { message: textMessage(forSlack(result.message), note), needsSignIn: false };
  }
  if (parsed.kind === 'unsubscribe') {
    const result = await unsubscribe(deps, { conversationKey: key, userId: user.id });
    return {
      message: result.kind === 'failed' ? errorMessage(result.error) : textMessage(forSlack(result.message)),
      needsSignIn: false,
    };
  }
  const result = await listSubscriptions(deps, { conversationKey: key, userId: user.id });
  return {
    message: result.kind === 'failed' ? errorMessage(result.error) : textMessage(forSlack(result.message)),
    needsSignIn: false,
  };
}
