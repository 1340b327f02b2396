/**
 * Use case `pat subscribe [name-pattern]` in a channel: the caller's PATs (optionally only those
 * whose name matches) are announced in that channel's daily digest. Anyone may subscribe their
 * OWN PATs; subscribing again replaces the caller's pattern.
 */
import { asCodedError, CodedError } from '../../errors';
import { MAX_PATTERN_LENGTH } from '../commands/parsed-command';
import { code, commandText } from '../messages';
import type { Subscription } from '../store';
import { normalizePattern } from './name-pattern';
import type { SubscriptionDeps } from './subscription-deps';

export interface SubscribeInput {
  /** The channel or group chat (ConversationStore key). */
  conversationKey: string;
  /** The caller: only their own PATs are subscribed. */
  userId: string;
  pattern?: string | null;
}

export type SubscribeResult =
  | {
      kind: 'subscribed';
      subscription: Subscription;
      /** True when the caller already had a subscription here (its pattern was replaced). */
      replaced: boolean;
      /** False when the caller has not signed in yet: nothing is announced until they do. */
      signedIn: boolean;
      message: string;
    }
  | { kind: 'failed'; error: CodedError };

function what(pattern: string | null): string {
  return pattern === null ? 'your PATs' : `your PATs matching ${code(pattern)}`;
}

/** Adds or replaces the caller's subscription in the conversation. Never throws. */
export async function subscribe(deps: SubscriptionDeps, input: SubscribeInput): Promise<SubscribeResult> {
  try {
    const conversation = await deps.store.conversations.get(input.conversationKey);
    if (conversation?.kind === 'personal') {
      return {
        kind: 'failed',
        error: new CodedError('input.invalid', 'Channel alerts go to a channel, not to our private chat.', {
          nextStep: (p) => `Use ${commandText(p, 'subscribe')} in the channel that should get them.`,
        }),
      };
    }
    const pattern = normalizePattern(input.pattern);
    if (pattern !== null && pattern.length > MAX_PATTERN_LENGTH) {
      return {
        kind: 'failed',
        error: new CodedError(
          'input.too_large',
          `That name pattern is longer than ${MAX_PATTERN_LENGTH} characters.`,
          {
            nextStep: 'Use a shorter pattern, e.g. `deploy-*`.',
          },
        ),
      };
    }
    const before = await deps.store.subscriptions.listForConversation(input.conversationKey);
    const replaced = before.some((s) => s.userId === input.userId);
    const subscription = await deps.store.subscriptions.upsert(input.conversationKey, input.userId, pattern);
    const user = await deps.store.users.get(input.userId);
    const signedIn = user?.entraAccount != null;
    let message = `This channel will get a daily digest when ${what(pattern)} near expiry.`;
    if (replaced) message = `Updated: this channel now gets ${what(pattern)} in its daily digest.`;
    if (!signedIn)
      message += ` Sign in with ${commandText(deps.prefix ?? 'pat', 'signin')} so I can check them.`;
    return { kind: 'subscribed', subscription, replaced, signedIn, message };
  } catch (e) {
    return { kind: 'failed', error: asCodedError(e) };
  }
}
