/**
 * Proactive messages for the scheduler: post an activity into a stored conversation
 * (`StoredConversation.reference`) through `adapter.continueConversationAsync(botAppId, …)`.
 * Delivery failures become coded errors: `chat.unreachable` (bot removed, conversation gone:
 * mark it failed) or `chat.throttled` (retry after `retryAfterSeconds`).
 */
import type { Activity, ConversationReference } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { CodedError } from '../../errors';

export interface ProactiveSender {
  /** Sends and returns the new activity id. */
  sendToConversation(
    reference: Partial<ConversationReference>,
    activity: Partial<Activity> | string,
  ): Promise<string | undefined>;
}

/** The HTTP status of a Bot Connector failure, when it has one. */
export function statusOf(err: unknown): number | undefined {
  const e = err as { statusCode?: unknown; response?: { status?: unknown } };
  if (typeof e?.statusCode === 'number') return e.statusCode;
  if (typeof e?.response?.status === 'number') return e.response.status;
  return undefined;
}

export function proactiveSender(adapter: TeamsAdapter, botAppId: string | null): ProactiveSender {
  return {
    async sendToConversation(reference, activity) {
      let id: string | undefined;
      let failure: unknown;
      try {
        await adapter.continueConversationAsync(botAppId ?? '', reference, async (ctx) => {
          // The continuation event has a random id; without this the post is a "reply" to it.
          ctx.activity.id = undefined;
          // Caught here: the adapter's onTurnError would otherwise swallow it.
          try {
            id = (await ctx.sendActivity(activity))?.id;
          } catch (err) {
            failure = err;
          }
        });
        if (failure !== undefined) throw failure;
      } catch (err) {
        const status = statusOf(err);
        if (status === 429) {
          throw new CodedError('chat.throttled', 'Teams asked me to slow down.', {
            nextStep: 'Retry later.',
            cause: err,
            retryAfterSeconds: 30,
          });
        }
        if (status === 403 || status === 404) {
          throw new CodedError('chat.unreachable', 'I can no longer post in that conversation.', {
            nextStep: 'Forget it; the app was removed or the conversation is gone.',
            cause: err,
            details: { status },
          });
        }
        throw err;
      }
      return id;
    },
  };
}
