/**
 * Progress on a long command (`pat admin expiring` over many people): after `afterMs` without
 * a result, a short "Read 40 of 120 people…" card is posted and then updated in place
 * (`updateActivity`, at most every `everyMs`); the result replaces it. A fast command posts
 * nothing extra.
 */
import type { TurnContext } from 'botbuilder';
import type { AdaptiveCard } from './cards/card-types';
import { messageCard } from './cards/message-card';
import { cardActivity, sendCard } from './replies';

export interface ProgressMessage {
  onProgress(done: number, total: number): void;
  /** Sends `card`, replacing the progress card if one was posted. */
  finish(card: AdaptiveCard): Promise<void>;
  /** Stops updating (the result is sent some other way); the progress card says where it got to. */
  stop(): Promise<void>;
}

export function progressText(done: number, total: number): string {
  return `Read ${done} of ${total} ${total === 1 ? 'person' : 'people'}…`;
}

const progressCard = (done: number, total: number): AdaptiveCard =>
  messageCard({
    text: progressText(done, total),
    nextStep: "I'll replace this with the list when it's done.",
  });

export function progressMessage(
  ctx: TurnContext,
  options: { afterMs: number; everyMs: number },
): ProgressMessage {
  const started = Date.now();
  let latest: { done: number; total: number } | null = null;
  let activityId: string | undefined;
  let shownAt = 0;
  let closed = false;
  let chain: Promise<void> = Promise.resolve();
  const queue = (step: () => Promise<void>): void => {
    chain = chain.then(step).catch(() => undefined);
  };
  const show = async (): Promise<void> => {
    if (closed || !latest) return;
    const card = progressCard(latest.done, latest.total);
    shownAt = Date.now();
    if (activityId) await ctx.updateActivity({ ...cardActivity(card), id: activityId });
    else activityId = (await ctx.sendActivity(cardActivity(card)))?.id;
  };
  const timer = setTimeout(() => queue(show), options.afterMs);
  timer.unref?.();
  return {
    onProgress(done, total) {
      latest = { done, total };
      const now = Date.now();
      if (now - started < options.afterMs) return;
      if (activityId && now - shownAt < options.everyMs) return;
      queue(show);
    },
    async finish(card) {
      clearTimeout(timer);
      queue(async () => {
        closed = true;
        if (activityId) await ctx.updateActivity({ ...cardActivity(card), id: activityId });
        else await sendCard(ctx, card);
      });
      await chain;
    },
    async stop() {
      clearTimeout(timer);
      queue(async () => {
        closed = true;
      });
      await chain;
    },
  };
}
