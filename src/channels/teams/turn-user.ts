/**
 * Who is acting in a turn: the Teams identity from the activity (tenant, `aadObjectId`, Teams
 * user id), turned into patbot's user (created on first sight, name and time zone kept fresh).
 */
import type { Activity } from 'botbuilder';
import type { ConversationKind, Store, User } from '../../core/store';

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

export function tenantIdOf(activity: Partial<Activity>): string {
  // Bot Framework JSON: channelData is untyped.
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  return activity.conversation?.tenantId ?? channelData?.tenant?.id ?? 'unknown-tenant';
}

/** Null for activities without a person behind them. */
export async function resolveTurnUser(store: Store, activity: Partial<Activity>): Promise<TurnUser | null> {
  const from = activity.from;
  if (!from?.id) return null;
  const tenantId = tenantIdOf(activity);
  // Teams always sends aadObjectId; local tools (Playground, Emulator) may not.
  const aadObjectId = from.aadObjectId ?? from.id;
  const name = from.name?.trim() || 'someone';
  const localTimezone = (activity as { localTimezone?: string }).localTimezone;
  const user = await store.users.upsertByIdentity(
    { platform: 'teams', tenantId, aadObjectId, teamsUserId: from.id },
    { displayName: name, ...(localTimezone ? { timezone: localTimezone } : {}) },
  );
  return { user, tenantId, aadObjectId, teamsUserId: from.id, name };
}
