/**
 * A small worker pool: at most `concurrency` items in progress, over a lazily paged source
 * (`runPool`, the reminder sweep) or a list (`mapPool`, per-request fan-out across organisations).
 */

/**
 * Runs `work` for every item `next()` yields (undefined = no more) with at most `concurrency`
 * in flight. `work` must not throw (errors are the caller's to catch per item); a throwing
 * `next` stops the pool and rejects. Stops taking items once `signal` aborts.
 */
export async function runPool<T>(
  next: () => Promise<T | undefined>,
  concurrency: number,
  work: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let exhausted = false;
  let pulling: Promise<T | undefined> = Promise.resolve(undefined);
  // Pulls are serialised so a paged source is read in order, one page request at a time.
  const pull = (): Promise<T | undefined> => {
    pulling = pulling.then(() => (exhausted || signal?.aborted ? undefined : next()));
    return pulling;
  };
  const worker = async (): Promise<void> => {
    for (;;) {
      const item = await pull();
      if (item === undefined) {
        exhausted = true;
        return;
      }
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}

/** A `next()` over a store's keyset-paged list (`afterId`, `limit`). */
export function pagedSource<T extends { id: string }>(
  page: (afterId: string | null, limit: number) => Promise<T[]>,
  pageSize: number,
): () => Promise<T | undefined> {
  let buffer: T[] = [];
  let afterId: string | null = null;
  let done = false;
  return async () => {
    if (buffer.length === 0 && !done) {
      buffer = await page(afterId, pageSize);
      if (buffer.length < pageSize) done = true;
      if (buffer.length > 0) afterId = buffer[buffer.length - 1].id;
    }
    return buffer.shift();
  };
}

/** The default bound on organisations read at once for one request (two calls each for a list). */
export const ORG_CONCURRENCY = 4;

/**
 * Maps `items` with at most `concurrency` calls of `work` in flight; results keep `items`' order.
 * `work` must not throw (catch per item).
 */
export async function mapPool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let index = 0;
  await runPool(
    async () => (index < items.length ? index++ : undefined),
    concurrency,
    async (i) => {
      results[i] = await work(items[i]);
    },
  );
  return results;
}
