/**
 * The reminder sweep: every signed-in user (paged, `concurrency` at a time, one user's failure
 * never stops the others) gets their due direct reminders, then every channel with subscribers
 * gets its daily digest. Logs one summary line and returns it.
 */
import { asCodedError } from '../../errors';
import { runPool, pagedSource } from '../concurrency-pool';
import { collect, sendDigest, type ChannelBucket } from './channel-digests';
import type { SweepContext, SweepDeps } from './sweep-context';
import { resolveSweepOptions, type SweepOptions } from './sweep-options';
import { SweepTally, type SweepSummary } from './sweep-summary';
import { sweepUser } from './sweep-user';
import { isWithinWorkingHours } from './working-hours';

function timeoutSignal(ms: number, parent?: AbortSignal): { signal: AbortSignal; clear: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  const signal = parent ? AbortSignal.any([parent, controller.signal]) : controller.signal;
  return { signal, clear: () => clearTimeout(timer) };
}

/** Settles with `work`, or rejects as soon as `signal` aborts (the late result is ignored). */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new Error('aborted'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Runs one sweep at `deps.clock.now()`. Never throws for one user's or one channel's failure. */
export async function runSweep(deps: SweepDeps, sweepOptions: SweepOptions): Promise<SweepSummary> {
  const options = resolveSweepOptions(sweepOptions);
  const startedMs = performance.now();
  const now = deps.clock.now();
  const tally = new SweepTally(now);
  const logger = deps.logger.child({ component: 'reminder-sweep', instanceId: options.instanceId });
  const ctx: SweepContext = { ...deps, logger, options, now, tally };
  const channelsOpen = isWithinWorkingHours(now, options.channelTimeZone, options.workingHours);
  const buckets = new Map<string, ChannelBucket>();

  const nextUser = pagedSource(
    (after, limit) => deps.store.users.listSignedIn(after, limit),
    options.pageSize,
  );
  await runPool(
    nextUser,
    options.concurrency,
    async (user) => {
      const limit = timeoutSignal(options.userTimeoutMs, options.signal);
      // The user's own tally: a turn cut short by its timeout counts as ONE failure, whatever the
      // abandoned work still records afterwards.
      const local = new SweepTally(now);
      const userCtx: SweepContext = { ...ctx, tally: local, options: { ...options, signal: limit.signal } };
      try {
        const subs = await deps.store.subscriptions.listForUser(user.id);
        const reading = await raceAbort(
          sweepUser(userCtx, user, channelsOpen && subs.length > 0),
          limit.signal,
        );
        collect(buckets, subs, reading);
      } catch (e) {
        const timedOut = limit.signal.aborted && !options.signal?.aborted;
        const code = timedOut ? 'ado.timeout' : asCodedError(e).code;
        local.clearFailures();
        local.users = 1;
        local.usersFailed = 1;
        local.fail(code);
        logger.warn({ userId: user.id, code }, 'sweep: user failed');
      } finally {
        limit.clear();
        tally.merge(local);
      }
    },
    options.signal,
  );

  const channels = [...buckets.entries()];
  await runPool(
    async () => channels.shift(),
    options.concurrency,
    async ([conversationKey, bucket]) => {
      try {
        await sendDigest(ctx, conversationKey, bucket);
      } catch (e) {
        const code = asCodedError(e).code;
        tally.fail(code);
        logger.warn({ conversationKey, code }, 'sweep: channel digest failed');
      }
    },
    options.signal,
  );

  const summary = tally.finish(
    deps.clock.now(),
    options.signal?.aborted === true,
    performance.now() - startedMs,
  );
  logger.info(
    { ...summary, startedAt: summary.startedAt.toISOString(), finishedAt: summary.finishedAt.toISOString() },
    'reminder sweep done',
  );
  return summary;
}
