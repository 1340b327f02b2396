/**
 * A Notifier that only logs what would be sent (ids, names, thresholds; never a token): for
 * `npm run sweep -- --dry-run` and for running before the Teams/Slack notifiers are wired.
 */
import type { Logger } from '../core/logger';
import type { ChannelDigest, DeliveryResult, DirectReminder, Notifier } from '../core/notifier';

export class LogNotifier implements Notifier {
  constructor(private readonly logger: Logger) {}

  async sendDirect(userId: string, reminder: DirectReminder): Promise<DeliveryResult> {
    const what =
      reminder.kind === 'signin-needed'
        ? { kind: reminder.kind, reason: reminder.reason }
        : reminder.kind === 'revoke-due'
          ? { kind: reminder.kind, patId: reminder.patId, org: reminder.org }
          : {
              kind: reminder.kind,
              threshold: reminder.threshold,
              patId: reminder.pat.patId,
              org: reminder.pat.org,
            };
    this.logger.info({ userId, ...what }, 'would send a direct reminder');
    return { ok: true };
  }

  async sendChannelDigest(conversationKey: string, digest: ChannelDigest): Promise<DeliveryResult> {
    this.logger.info(
      {
        conversationKey,
        day: digest.day,
        entries: digest.entries.length,
        unreadable: digest.unreadable.length,
      },
      'would post a channel digest',
    );
    return { ok: true };
  }
}
