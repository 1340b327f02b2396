/**
 * Fills in a person's time zone and name from Slack (`users.info`, scope `users:read`) the first
 * time patbot sees them, so dates are shown in their zone. Best effort: failures keep UTC.
 */
import type { Logger } from '../../core/logger';
import type { Store, User } from '../../core/store';
import type { SlackSender } from './slack-sender';
import type { SlackIds } from './slack-user';

export class SlackProfiles {
  /** Users looked up in this process (success or not), so a failing lookup is not repeated per click. */
  private readonly seen = new Set<string>();

  constructor(
    private readonly deps: { store: Store; sender: SlackSender; logger: Logger },
    private readonly max = 50_000,
  ) {}

  /** Returns the user, with `timezone`/`displayName` filled in when Slack knows them. */
  async ensure(user: User, ids: SlackIds): Promise<User> {
    if (user.timezone !== null || this.seen.has(user.id)) return user;
    if (this.seen.size >= this.max) this.seen.clear();
    this.seen.add(user.id);
    try {
      const info = await this.deps.sender.enqueue(`users:${ids.teamId}`, () =>
        this.deps.sender.client.users.info({ user: ids.slackUserId }),
      );
      const tz = typeof info.user?.tz === 'string' && info.user.tz !== '' ? info.user.tz : null;
      const name = info.user?.real_name || info.user?.name || null;
      if (!tz && !name) return user;
      await this.deps.store.users.updateProfile(user.id, {
        timezone: tz,
        displayName: user.displayName ?? name,
      });
      return { ...user, timezone: tz, displayName: user.displayName ?? name };
    } catch (error) {
      this.deps.logger.debug(
        { err: error instanceof Error ? error.message : String(error) },
        'users.info failed',
      );
      return user;
    }
  }
}
