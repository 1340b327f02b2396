/**
 * Who is acting in a turn: the Teams identity from the activity (tenant, `aadObjectId`, Teams
 * user id), turned into patbot's user (created on first sight, name and time zone kept fresh).
 */
import type { Activity } from 'botbuilder';
import type { ConversationKind, Store, User } from '../../core/store';
import { teamsIdentityOf, tenantOf } from './turn-gate';

export interface TurnUser {
  user: User;
  tenantId: string;
  aadObjectId: string;
  /** Teams user id (`29:…`), as used in `refresh.userIds` and mentions. */
  teamsUserId: string;
  name: string;
}

/** The conversation's kind as patbot's store names it. */
export function conversationKind(activity: Partial<Activity>): ConversationKind {
  const type = activity.conversation?.conversationType;
  if (type === 'channel') return 'channel';
  if (type === 'groupChat' || activity.conversation?.isGroup) return 'groupChat';
  return 'personal';
}

/**
 * The tenant the activity names (`conversation.tenantId`), or null. No fallback to
 * `channelData.tenant`: the turn gate (turn-gate.ts) has already refused activities without it.
 */
export function tenantIdOf(activity: Partial<Activity>): string | null {
  return tenantOf(activity);
}

/**
 * Null for activities without a person behind them. A Teams person is `from.aadObjectId` in
 * `conversation.tenantId`, nothing else: `from.id` is never taken for the object id (another
 * channel, or a tool, could put anyone's object id there).
 */
export async function resolveTurnUser(store: Store, activity: Partial<Activity>): Promise<TurnUser | null> {
  const from = activity.from;
  const identity = teamsIdentityOf(activity);
  if (!from?.id || !identity) return null;
  const { tenantId, aadObjectId } = identity;
  const name = from.name?.trim() || 'someone';
  const localTimezone = (activity as { localTimezone?: string }).localTimezone;
  const user = await store.users.upsertByIdentity(
    { platform: 'teams', tenantId, aadObjectId, teamsUserId: from.id },
    { displayName: name, ...(localTimezone ? { timezone: localTimezone } : {}) },
  );
  return { user, tenantId, aadObjectId, teamsUserId: from.id, name };
}
