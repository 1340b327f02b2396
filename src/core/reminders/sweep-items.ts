/**
 * The users of a shared sweep as a pool source: claims them from the queue in batches. When
 * nothing is left to claim but other instances still hold claims, waits (polling, on a real
 * timer) until those are done or have gone stale and can be taken over. Ends (undefined) once
 * every remaining claim is this instance's own, in progress.
 */
import type { ClaimedSweepItem, SweepQueue } from '../store';
import type { Clock } from '../clock';
import { timerSleep, type ResolvedSweepOptions } from './sweep-options';

export interface ClaimedItems {
  next(): Promise<ClaimedSweepItem | undefined>;
  /** Call when an item from `next` is finished (done, failed or abandoned). */
  settled(): void;
}

export function claimedItems(
  queue: SweepQueue,
  sweepId: string,
  clock: Clock,
  options: ResolvedSweepOptions,
): ClaimedItems {
  let buffer: ClaimedSweepItem[] = [];
  /** Items claimed by this instance and not settled yet (buffered or in progress). */
  let mine = 0;
  return {
    async next() {
      while (buffer.length === 0) {
        if (options.signal?.aborted) return undefined;
        buffer = await queue.claim(
          sweepId,
          options.instanceId,
          clock.now(),
          options.itemStaleMs,
          options.claimBatch,
        );
        mine += buffer.length;
        if (buffer.length > 0) break;
        const progress = await queue.progress(sweepId);
        if (progress.pending === 0 && progress.claimed <= mine) return undefined;
        await timerSleep(options.pollMs, options.signal);
      }
      return buffer.shift();
    },
    settled() {
      mine -= 1;
    },
  };
}
