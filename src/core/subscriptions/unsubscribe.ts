/** Use case `pat unsubscribe`: removes the CALLER's subscription in this channel (never anyone else's). */
import { asCodedError, type CodedError } from '../../errors';
import { commandText } from '../messages';
import type { SubscriptionDeps } from './subscription-deps';

export interface UnsubscribeInput {
  conversationKey: string;
  userId: string;
}

export type UnsubscribeResult =
  | { kind: 'unsubscribed'; message: string }
  | { kind: 'not-subscribed'; message: string }
  | { kind: 'failed'; error: CodedError };

/** Never throws. */
export async function unsubscribe(
  deps: SubscriptionDeps,
  input: UnsubscribeInput,
): Promise<UnsubscribeResult> {
  try {
    const removed = await deps.store.subscriptions.remove(input.conversationKey, input.userId);
    return removed
      ? { kind: 'unsubscribed', message: "Done: this channel no longer gets your PATs' expiry alerts." }
      : {
          kind: 'not-subscribed',
          message: `You don't have a subscription in this channel, so there was nothing to remove. Only the person who subscribed can remove theirs; see who did with ${commandText(deps.prefix ?? 'pat', 'subscriptions')}.`,
        };
  } catch (e) {
    return { kind: 'failed', error: asCodedError(e) };
  }
}
