/** Use case `pat subscriptions`: what this channel receives and from whom. */
import { asCodedError, type CodedError } from '../../errors';
import { code, commandText } from '../messages';
import type { SubscriptionDeps } from './subscription-deps';

export interface SubscriptionView {
  userId: string;
  /** The subscriber's name (null when unknown; channels mention them by user id). */
  displayName: string | null;
  /** null = all of their PATs. */
  namePattern: string | null;
  createdAt: Date;
  /** True for the caller's own subscription (the only one they may remove). */
  isCaller: boolean;
}

export type ListSubscriptionsResult =
  | { kind: 'listed'; subscriptions: SubscriptionView[]; message: string }
  | { kind: 'failed'; error: CodedError };

/** Oldest first. Never throws. */
export async function listSubscriptions(
  deps: SubscriptionDeps,
  input: { conversationKey: string; userId: string },
): Promise<ListSubscriptionsResult> {
  try {
    const subs = await deps.store.subscriptions.listForConversation(input.conversationKey);
    const subscriptions: SubscriptionView[] = [];
    for (const s of subs) {
      const user = await deps.store.users.get(s.userId);
      subscriptions.push({
        userId: s.userId,
        displayName: user?.displayName ?? null,
        namePattern: s.namePattern,
        createdAt: s.createdAt,
        isCaller: s.userId === input.userId,
      });
    }
    if (subscriptions.length === 0) {
      return {
        kind: 'listed',
        subscriptions,
        message: `This channel gets no PAT alerts yet. Add yours with ${commandText(deps.prefix ?? 'pat', 'subscribe [name-pattern]')}.`,
      };
    }
    const lines = subscriptions.map(
      (s) =>
        `- ${s.displayName ?? 'someone'}${s.isCaller ? ' (you)' : ''}: ${s.namePattern === null ? 'all PATs' : `PATs matching ${code(s.namePattern)}`}`,
    );
    return {
      kind: 'listed',
      subscriptions,
      message: `This channel gets expiry alerts for:\n${lines.join('\n')}`,
    };
  } catch (e) {
    return { kind: 'failed', error: asCodedError(e) };
  }
}
