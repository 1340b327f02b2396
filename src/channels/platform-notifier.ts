/**
 * The Notifier the sweep talks to: routes each message to the platform that can deliver it.
 * A person's direct reminders go to Teams when they have a working personal chat with the bot
 * there, otherwise to Slack; a channel digest goes to the platform its conversation key names.
 */
import type {
  AdminDirect,
  AdminNotice,
  ChannelAlert,
  ChannelDigest,
  DeliveryResult,
  DirectReminder,
  Notifier,
} from '../core/notifier';
import type { Store, StoredConversation } from '../core/store';
import { CodedError, DEFAULT_PREFIX } from '../errors';

export interface PlatformNotifiers {
  teams?: Notifier;
  slack?: Notifier;
}

function unreachable(what: string, permanent = false): DeliveryResult {
  return {
    ok: false,
    permanent,
    error: new CodedError('chat.unreachable', `I have no way to reach ${what} yet.`, {
      nextStep: 'Send the bot a message (Teams) or use /pat once (Slack) so it can message you.',
    }),
  };
}

export class PlatformNotifier implements Notifier {
  constructor(
    private readonly notifiers: PlatformNotifiers,
    private readonly store: Pick<Store, 'conversations' | 'users'>,
  ) {}

  async sendDirect(
    userId: string,
    reminder: DirectReminder,
    to?: StoredConversation,
  ): Promise<DeliveryResult> {
    const { teams, slack } = this.notifiers;
    // The sweep already looked the person's conversation up: route by it, without a second read.
    if (to && to.status === 'active') {
      const notifier = to.platform === 'teams' ? teams : slack;
      if (notifier) return notifier.sendDirect(userId, reminder, to);
    }
    if (teams) {
      const personal = await this.store.conversations.personalFor(userId, 'teams');
      if (personal && personal.status === 'active') return teams.sendDirect(userId, reminder);
    }
    if (slack) {
      const identities = await this.store.users.identities(userId);
      if (identities.some((i) => i.platform === 'slack')) return slack.sendDirect(userId, reminder);
    }
    return unreachable('this person');
  }

  /** Asks the notifier of the conversation's platform. */
  commandPrefix(to: StoredConversation): string {
    const notifier = to.platform === 'teams' ? this.notifiers.teams : this.notifiers.slack;
    return notifier?.commandPrefix?.(to) ?? DEFAULT_PREFIX;
  }

  async sendChannelDigest(conversationKey: string, digest: ChannelDigest): Promise<DeliveryResult> {
    const notifier = this.forConversation(conversationKey);
    if (!notifier) return unreachable(`the conversation ${conversationKey}`);
    return notifier.sendChannelDigest(conversationKey, digest);
  }

  /** Admin watch: to Teams when the person has a working chat there, otherwise Slack. */
  async sendAdminDirect(userId: string, message: AdminDirect): Promise<DeliveryResult> {
    const { teams, slack } = this.notifiers;
    if (teams?.sendAdminDirect) {
      const personal = await this.store.conversations.personalFor(userId, 'teams');
      if (personal && personal.status === 'active') return teams.sendAdminDirect(userId, message);
    }
    if (slack?.sendAdminDirect) {
      const identities = await this.store.users.identities(userId);
      if (identities.some((i) => i.platform === 'slack')) return slack.sendAdminDirect(userId, message);
    }
    return unreachable('this person', true);
  }

  async sendChannelAlert(conversationKey: string, alert: ChannelAlert): Promise<DeliveryResult> {
    const notifier = this.forConversation(conversationKey);
    if (!notifier?.sendChannelAlert) return unreachable(`the conversation ${conversationKey}`, true);
    return notifier.sendChannelAlert(conversationKey, alert);
  }

  async sendAdminChannel(conversationKey: string, notice: AdminNotice): Promise<DeliveryResult> {
    const notifier = this.forConversation(conversationKey);
    if (!notifier?.sendAdminChannel) return unreachable(`the conversation ${conversationKey}`, true);
    return notifier.sendAdminChannel(conversationKey, notice);
  }

  private forConversation(conversationKey: string): Notifier | undefined {
    const platform = conversationKey.split(':', 1)[0];
    return platform === 'teams'
      ? this.notifiers.teams
      : platform === 'slack'
        ? this.notifiers.slack
        : undefined;
  }
}
