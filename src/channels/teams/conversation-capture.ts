/**
 * Proactive groundwork: remember where patbot can post (a ConversationReference per personal
 * chat, group chat and channel, key `teams:<conversation.id>`), and forget what is no longer
 * reachable (app uninstalled, bot or person removed).
 */
import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { Store, StoredConversation } from '../../core/store';
import { conversationKind } from './turn-user';

export function conversationKey(conversationId: string): string {
  return `teams:${conversationId}`;
}

/** Channel threads (`19:…;messageid=…`) are stored under the channel itself. */
export function baseConversationId(conversationId: string): string {
  return conversationId.split(';messageid=')[0];
}

/** The store key of the turn's conversation: a channel (never one of its threads), group or personal chat. */
export function conversationKeyOf(activity: Partial<Activity>): string {
  return conversationKey(baseConversationId(activity.conversation?.id ?? ''));
}

export function referenceOf(activity: Partial<Activity>): Partial<ConversationReference> {
  const reference = TurnContext.getConversationReference(activity);
  if (reference.conversation?.id) {
    reference.conversation = { ...reference.conversation, id: baseConversationId(reference.conversation.id) };
  }
  delete reference.activityId;
  return reference;
}

/** Whether the stored row already says all of this (an active row with the same reference). */
function unchanged(
  existing: StoredConversation | null,
  wanted: Omit<StoredConversation, 'status' | 'failureReason' | 'updatedAt'>,
): boolean {
  return (
    existing !== null &&
    existing.status === 'active' &&
    existing.platform === wanted.platform &&
    existing.kind === wanted.kind &&
    existing.userId === wanted.userId &&
    JSON.stringify(existing.reference ?? null) === JSON.stringify(wanted.reference ?? null)
  );
}

/**
 * Stores the conversation reference; `userId` for personal chats. One read per turn; a write only
 * when something changed (a new conversation, a moved service URL, a failed row made active again).
 */
export async function captureConversation(
  store: Store,
  activity: Partial<Activity>,
  userId: string | null,
): Promise<{ key: string; isNew: boolean }> {
  const id = baseConversationId(activity.conversation?.id ?? '');
  const key = conversationKey(id);
  const kind = conversationKind(activity);
  const existing = await store.conversations.get(key);
  const wanted = {
    key,
    platform: 'teams' as const,
    kind,
    userId: kind === 'personal' ? userId : null,
    reference: referenceOf(activity),
  };
  if (!unchanged(existing, wanted)) await store.conversations.upsert(wanted);
  return { key, isNew: existing === null };
}

export async function forgetConversation(store: Store, activity: Partial<Activity>): Promise<void> {
  const id = baseConversationId(activity.conversation?.id ?? '');
  if (id) await store.conversations.remove(conversationKey(id));
}
