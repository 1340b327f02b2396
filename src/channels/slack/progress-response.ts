/**
 * Progress on a long command (`/pat admin expiring` over many people) on its `response_url`:
 * after `afterMs` without a result, "Read 40 of 120 people…" is posted, then replaced at most
 * every `everyMs` and at most twice (a response_url takes 5 posts in 30 minutes: the progress,
 * two updates and the result that replaces it leave one spare). A fast command posts nothing extra.
 */
import type { PostResponse } from './response-url';
import { textMessage } from './blocks/text-message';

const MAX_UPDATES = 2;

export interface ProgressResponse {
  onProgress(done: number, total: number): void;
  /** Stops; true when a progress message was posted (the result should replace it). */
  stop(): Promise<boolean>;
}

export function progressText(done: number, total: number): string {
  return `Read ${done} of ${total} ${total === 1 ? 'person' : 'people'}…`;
}

export function progressResponse(
  respond: PostResponse,
  url: string,
  options: { afterMs: number; everyMs: number },
): ProgressResponse {
  const started = Date.now();
  let latest: { done: number; total: number } | null = null;
  let posts = 0;
  let shownAt = 0;
  let closed = false;
  let chain: Promise<void> = Promise.resolve();
  const show = (): void => {
    chain = chain
      .then(async () => {
        if (closed || !latest || posts > MAX_UPDATES) return;
        shownAt = Date.now();
        const message = textMessage(progressText(latest.done, latest.total));
        if (await respond(url, message, { responseType: 'ephemeral', replaceOriginal: posts > 0 })) posts++;
      })
      .catch(() => undefined);
  };
  const timer = setTimeout(show, options.afterMs);
  timer.unref?.();
  return {
    onProgress(done, total) {
      latest = { done, total };
      const now = Date.now();
      if (now - started < options.afterMs || (posts > 0 && now - shownAt < options.everyMs)) return;
      show();
    },
    async stop() {
      clearTimeout(timer);
      await chain;
      closed = true;
      return posts > 0;
    },
  };
}
