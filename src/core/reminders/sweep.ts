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
import type { User } from '../store';
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

/**
 * One user's turn, bounded by `userTimeoutMs`: their direct reminders and, with `buckets`, what
 * their channels' digests need (`channelsOpen`: channels are in working hours). A turn cut short by its
 * timeout, or one that throws, counts as ONE failure whatever the abandoned work records later.
 */
export async function userTurn(
  ctx: SweepContext,
  user: User,
  channelsOpen: boolean,
  buckets: Map<string, ChannelBucket> | null,
): Promise<void> {
  const { options, tally, logger } = ctx;
  const limit = timeoutSignal(options.userTimeoutMs, options.signal);
  const local = new SweepTally(ctx.now);
  const userCtx: SweepContext = { ...ctx, tally: local, options: { ...options, signal: limit.signal } };
  try {
    const subs = buckets ? await ctx.store.subscriptions.listForUser(user.id) : [];
    const reading = await raceAbort(sweepUser(userCtx, user, channelsOpen && subs.length > 0), limit.signal);
    if (buckets) collect(buckets, subs, reading);
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
    (user) => userTurn(ctx, user, channelsOpen, buckets),
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
