/** The patbot user behind a Slack team + user id, and the organisations to look in. */
import { effectiveOrgs } from '../../core/orgs';
import type { PlatformIdentity, Store, User } from '../../core/store';
import type { Config } from '../../config';

export interface SlackIds {
  teamId: string;
  slackUserId: string;
}

export function slackIdentity(ids: SlackIds): PlatformIdentity {
  return { platform: 'slack', teamId: ids.teamId, slackUserId: ids.slackUserId };
}

export function resolveSlackUser(store: Store, ids: SlackIds): Promise<User> {
  return store.users.upsertByIdentity(slackIdentity(ids));
}

/** The user's own list (`/pat orgs`), else the configured default; at most MAX_ORGS_PER_USER. */
export function orgsFor(user: User, config: Pick<Config, 'ado'>): string[] {
  return effectiveOrgs(user.orgs, config.ado.organizations, config.ado.maxOrgsPerUser);
}

/** A Slack mention of the patbot user, when they are known in Slack (else a neutral phrase). */
export async function mentionOf(store: Store, userId: string): Promise<string> {
  const identities = await store.users.identities(userId);
  const slack = identities.find((i) => i.platform === 'slack');
  return slack && slack.platform === 'slack' ? `<@${slack.slackUserId}>` : 'the person who asked for it';
}

/** The conversation key patbot uses for a Slack channel or DM. */
export function slackConversationKey(teamId: string, channelId: string): string {
  return `slack:${teamId}:${channelId}`;
}
