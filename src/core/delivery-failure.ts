/** A proactive post the chat platform did not take, as the sweep's `DeliveryResult` (Teams and Slack). */
import { CodedError } from '../errors';
import type { DeliveryResult } from './notifier';

export type DeliveryFailure = Exclude<DeliveryResult, { ok: true }>;

export interface UnreachableOptions {
  nextStep: string;
  cause?: unknown;
  /** Structured, non-secret details for logs (HTTP status, the platform's error name). */
  details?: Record<string, unknown>;
  conversationKey?: string;
}

/** `permanent` when posting again cannot help (the conversation is skipped from then on). */
export function unreachable(
  permanent: boolean,
  message: string,
  options: UnreachableOptions,
): DeliveryFailure {
  const { conversationKey, ...coded } = options;
  return {
    ok: false,
    permanent,
    conversationKey,
    error: new CodedError('chat.unreachable', message, coded),
  };
}
