/**
 * The core `Notifier` for Slack: reminders to the person's DM with patbot and channel digests,
 * through the per-channel sender (a 429 in one channel delays only that channel). Failures are
 * values: `permanent` when retrying cannot help (channel gone, bot not in it, user deactivated).
 */
import type {
  AdminDirect,
  AdminNotice,
  ChannelAlert,
  ChannelDigest,
  DeliveryResult,
  DirectReminder,
  Notifier,
  TokenEventAlert,
} from '../../core/notifier';
import { ErrorCode } from '@slack/web-api';
import { unreachable } from '../../core/delivery-failure';
import { asCodedError, CodedError } from '../../errors';
import { adminNoticeMessage, channelAlertMessage, tokenEventMessage } from './blocks/admin-message';
import { digestMessage, reminderMessage, signInNeededMessage } from './blocks/reminder';
import { renewValue, reminderValues, signedValue } from './pat-action-values';
import { revokeDueMessage } from './blocks/revoke-due';
import type { SlackServices } from './slack-services';
import type { SlackMessage } from './slack-types';
import { slackConversationKey, type SlackIds } from './slack-user';

/** Slack errors about the conversation itself: sending again will not help. */
const PERMANENT = new Set([
  'channel_not_found',
  'is_archived',
  'not_in_channel',
  'account_inactive',
  'user_not_found',
  'user_disabled',
  'cannot_dm_bot',
  'messages_tab_disabled',
  'restricted_action',
  'team_access_not_granted',
]);

function failure(error: unknown, conversationKey?: string): DeliveryResult {
  const platform =
    error && typeof error === 'object' && (error as { code?: unknown }).code === ErrorCode.PlatformError
      ? String((error as { data?: { error?: unknown } }).data?.error ?? '')
      : '';
  if (PERMANENT.has(platform)) {
    return unreachable(true, 'I can no longer post in that Slack conversation.', {
      nextStep: 'Invite patbot back, or subscribe again in another channel.',
      cause: error,
      details: { slackError: platform },
      conversationKey,
    });
  }
  const coded = asCodedError(error);
  if (coded.code !== 'internal') return { ok: false, permanent: false, conversationKey, error: coded };
  return unreachable(false, 'Slack did not take the message.', {
    nextStep: 'It will be tried again on the next sweep.',
    cause: error,
    details: { slackError: platform || null },
    conversationKey,
  });
}

function notSlack(): CodedError {
  return new CodedError('chat.unreachable', 'That is not a Slack conversation.', {
    nextStep: 'Route it to the right platform.',
  });
}

async function slackIdsOf(s: SlackServices, userId: string): Promise<SlackIds | null> {
  const identities = await s.deps.store.users.identities(userId);
  const slack = identities.find((i) => i.platform === 'slack');
  return slack && slack.platform === 'slack'
    ? { teamId: slack.teamId, slackUserId: slack.slackUserId }
    : null;
}

export class SlackNotifier implements Notifier {
  constructor(private readonly s: SlackServices) {}

  /** The Slack app's slash command (`/pat` unless configured otherwise). */
  commandPrefix(): string {
    return this.s.options.command;
  }

  sendDirect(userId: string, reminder: DirectReminder): Promise<DeliveryResult> {
    return this.dm(userId, (ids) => this.directMessage(userId, ids, reminder));
  }

  /** Admin watch: the token-event alert or the admin digest, in the person's DM. */
  sendAdminDirect(userId: string, message: AdminDirect): Promise<DeliveryResult> {
    return this.dm(userId, async () =>
      message.kind === 'token-event'
        ? tokenEventMessage(message, this.replaceValue(userId, message))
        : adminNoticeMessage(message),
    );
  }

  /** Admin watch: a one-line alert in a subscribed channel. */
  sendChannelAlert(conversationKey: string, alert: ChannelAlert): Promise<DeliveryResult> {
    return this.toChannel(conversationKey, channelAlertMessage(alert));
  }

  /** Admin watch: the weekly admin digest in a subscribed channel. */
  sendAdminChannel(conversationKey: string, notice: AdminNotice): Promise<DeliveryResult> {
    return this.toChannel(conversationKey, adminNoticeMessage(notice));
  }

  private async toChannel(conversationKey: string, message: SlackMessage): Promise<DeliveryResult> {
    const m = /^slack:([^:]+):([^:]+)$/.exec(conversationKey);
    if (!m) return { ok: false, permanent: true, conversationKey, error: notSlack() };
    try {
      await this.s.sender.postMessage({ channel: m[2], text: message.text, blocks: message.blocks });
      return { ok: true };
    } catch (error) {
      return failure(error, conversationKey);
    }
  }

  private async dm(userId: string, build: (ids: SlackIds) => Promise<SlackMessage>): Promise<DeliveryResult> {
    const ids = await slackIdsOf(this.s, userId);
    if (!ids) {
      return {
        ok: false,
        permanent: true,
        error: new CodedError('chat.unreachable', 'This person is not known in Slack.', {
          nextStep: 'Send the reminder through their other platform.',
        }),
      };
    }
    let conversationKey: string | undefined;
    try {
      const opened = await this.s.sender.enqueue(`open:${ids.slackUserId}`, () =>
        this.s.sender.client.conversations.open({ users: ids.slackUserId }),
      );
      const channel = opened.channel?.id;
      if (!channel) throw new Error('conversations.open returned no channel');
      conversationKey = slackConversationKey(ids.teamId, channel);
      await this.s.deps.store.conversations.upsert({
        key: conversationKey,
        platform: 'slack',
        kind: 'personal',
        userId,
        reference: { teamId: ids.teamId, channelId: channel, slackUserId: ids.slackUserId },
      });
      const message = await build(ids);
      await this.s.sender.postMessage({ channel, text: message.text, blocks: message.blocks });
      return { ok: true };
    } catch (error) {
      return failure(error, conversationKey);
    }
  }

  async sendChannelDigest(conversationKey: string, digest: ChannelDigest): Promise<DeliveryResult> {
    const m = /^slack:([^:]+):([^:]+)$/.exec(conversationKey);
    if (!m) {
      return {
        ok: false,
        permanent: true,
        conversationKey,
        error: new CodedError('chat.unreachable', 'That is not a Slack conversation.', {
          nextStep: 'Route it to the right platform.',
        }),
      };
    }
    const [, teamId, channel] = m;
    try {
      const now = this.s.deps.clock.now();
      const owners = new Map<string, string>();
      const renewValues = new Map<string, string>();
      const renewDays = this.s.deps.config.ado.renewDefaultDays;
      for (const entry of digest.entries) {
        if (!owners.has(entry.owner.userId)) {
          const ids = await slackIdsOf(this.s, entry.owner.userId);
          if (ids && ids.teamId === teamId) owners.set(entry.owner.userId, `<@${ids.slackUserId}>`);
        }
        const signing = { key: this.s.deps.actionKey, ownerId: entry.owner.userId, now, renewDays };
        renewValues.set(entry.pat.patId, renewValue(signing, { id: entry.pat.patId, org: entry.pat.org }));
      }
      for (const u of digest.unreadable) {
        if (owners.has(u.owner.userId)) continue;
        const ids = await slackIdsOf(this.s, u.owner.userId);
        if (ids && ids.teamId === teamId) owners.set(u.owner.userId, `<@${ids.slackUserId}>`);
      }
      const message = digestMessage({ digest, owners, renewValues, renewDays, now });
      await this.s.sender.postMessage({ channel, text: message.text, blocks: message.blocks });
      return { ok: true };
    } catch (error) {
      return failure(error, conversationKey);
    }
  }

  /** The owner's signed value for an alert's **Create replacement** (null: the PAT is unknown). */
  private replaceValue(userId: string, alert: TokenEventAlert): string | null {
    const r = alert.replacement;
    if (!r?.patId) return null;
    const signing = {
      key: this.s.deps.actionKey,
      ownerId: userId,
      now: this.s.deps.clock.now(),
      renewDays: this.s.deps.config.ado.renewDefaultDays,
    };
    return signedValue(signing, { id: r.patId, org: r.org }, 'recreate');
  }

  private async directMessage(
    userId: string,
    ids: SlackIds,
    reminder: DirectReminder,
  ): Promise<SlackMessage> {
    if (reminder.kind === 'signin-needed') {
      return signInNeededMessage(reminder, await this.s.deps.identity.slackSignInUrl(ids));
    }
    const now = this.s.deps.clock.now();
    const renewDays = this.s.deps.config.ado.renewDefaultDays;
    const signing = { key: this.s.deps.actionKey, ownerId: userId, now, renewDays };
    if (reminder.kind === 'revoke-due') {
      const value = signedValue(signing, { id: reminder.patId, org: reminder.org }, 'confirm_revoke');
      return revokeDueMessage(reminder, value);
    }
    const buttons = reminderValues(signing, { id: reminder.pat.patId, org: reminder.pat.org });
    return reminderMessage(reminder, buttons, now);
  }
}
