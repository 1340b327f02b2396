/**
 * A failed proactive post as the sweep's `DeliveryResult`: `permanent` when posting again cannot
 * help (403/404: app uninstalled, bot removed, conversation gone), transient for throttling
 * (429), Bot Connector 5xx and network failures, so a later sweep tries again.
 */
import { unreachable, type DeliveryFailure } from '../../core/delivery-failure';
import { isCodedError } from '../../errors';
import { statusOf } from './proactive-sender';

export type { DeliveryFailure };

/** Nowhere to post (no stored conversation, or one that already failed for good). */
export function noConversation(message: string, conversationKey?: string): DeliveryFailure {
  return unreachable(true, message, {
    nextStep: 'The person needs to open a chat with patbot in Teams (or add it back) before it can post.',
    conversationKey,
  });
}

export function deliveryFailure(err: unknown, conversationKey?: string): DeliveryFailure {
  if (isCodedError(err) && (err.code === 'chat.unreachable' || err.code === 'chat.throttled')) {
    return { ok: false, permanent: err.code === 'chat.unreachable', error: err, conversationKey };
  }
  const status = statusOf(err);
  if (status === 403 || status === 404) {
    return unreachable(true, 'I can no longer post in that conversation.', {
      nextStep: 'Forget it; the app was removed or the conversation is gone.',
      cause: err,
      details: { status },
      conversationKey,
    });
  }
  return unreachable(false, 'Teams did not take the message.', {
    nextStep: 'It is tried again on the next sweep.',
    cause: err,
    details: { status: status ?? null },
    conversationKey,
  });
}
