/**
 * Keeps the sweep lease while a sweep runs: renews it every `renewEveryMs` and aborts the sweep
 * when it can no longer be renewed (the store is down, or another instance took it over after it
 * expired), so two instances never sweep at the same time for long.
 */
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { LeaseStore } from '../core/store';

export interface LeaseKeeperOptions {
  leases: LeaseStore;
  name: string;
  holder: string;
  ttlMs: number;
  renewEveryMs: number;
  clock: Clock;
  logger: Logger;
  /** Called once when the lease is lost. */
  onLost: () => void;
}

/** Starts renewing; returns a function that stops renewing. */
export function keepLease(options: LeaseKeeperOptions): () => void {
  let stopped = false;
  let renewing = false;
  const timer = setInterval(() => {
    if (stopped || renewing) return;
    renewing = true;
    options.leases
      .tryAcquire(options.name, options.holder, options.clock.now(), options.ttlMs)
      .then(
        (held) => {
          if (held || stopped) return;
          stopped = true;
          options.logger.warn(
            { lease: options.name },
            'scheduler: lease lost to another instance; stopping the sweep',
          );
          options.onLost();
        },
        (error: unknown) => {
          if (stopped) return;
          stopped = true;
          options.logger.error(
            { lease: options.name, err: error instanceof Error ? error.message : String(error) },
            'scheduler: lease renewal failed; stopping the sweep',
          );
          options.onLost();
        },
      )
      .finally(() => {
        renewing = false;
      });
  }, options.renewEveryMs);
  timer.unref?.();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
