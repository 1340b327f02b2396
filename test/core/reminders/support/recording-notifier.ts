import type { ChannelDigest, DeliveryResult, DirectReminder, Notifier } from '../../../../src/core/notifier';
import type { StoredConversation } from '../../../../src/core/store';

export interface SentDirect {
  userId: string;
  reminder: DirectReminder;
  /** The key of the personal conversation the sweep handed over (looked up once by the sweep). */
  to?: string;
}

export interface SentDigest {
  conversationKey: string;
  digest: ChannelDigest;
}

/**
 * Test double of the Notifier port (the boundary to Teams/Slack): records what would be posted;
 * `answer` decides each delivery's result (default ok). Messages are recorded only when ok.
 */
export class RecordingNotifier implements Notifier {
  readonly direct: SentDirect[] = [];
  readonly digests: SentDigest[] = [];
  readonly attempts: Array<{ to: string; ok: boolean }> = [];
  answer: (to: string, message: DirectReminder | ChannelDigest) => DeliveryResult | Promise<DeliveryResult> =
    () => ({
      ok: true,
    });

  async sendDirect(
    userId: string,
    reminder: DirectReminder,
    to?: StoredConversation,
  ): Promise<DeliveryResult> {
    const result = await this.answer(userId, reminder);
    this.attempts.push({ to: userId, ok: result.ok });
    if (result.ok) this.direct.push({ userId, reminder: structuredClone(reminder), to: to?.key });
    return result;
  }

  async sendChannelDigest(conversationKey: string, digest: ChannelDigest): Promise<DeliveryResult> {
    const result = await this.answer(conversationKey, digest);
    this.attempts.push({ to: conversationKey, ok: result.ok });
    if (result.ok) this.digests.push({ conversationKey, digest: structuredClone(digest) });
    return result;
  }

  /** `userId patName threshold` lines of the direct PAT reminders, for compact assertions. */
  directLines(): string[] {
    return this.direct.map(({ userId, reminder }) =>
      reminder.kind === 'signin-needed'
        ? `${userId} signin-needed`
        : reminder.kind === 'revoke-due'
          ? `${userId} ${reminder.patName} revoke-due`
          : `${userId} ${reminder.pat.name} ${reminder.threshold}`,
    );
  }
}
