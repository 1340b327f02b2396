/**
 * The reminder sweep: every signed-in user (a work item in the store's sweep queue, claimed in
 * batches by any number of instances, `concurrency` at a time each; one user's failure never
 * stops the others) gets their due direct reminders, then every channel with subscribers gets
 * its daily digest from the instance that finishes the sweep. Logs one summary line per instance.
 */
import { asCodedError } from '../../errors';
import type { ClaimedSweepItem, SweepQueue, SweepRun, User } from '../store';
import { runPool } from '../concurrency-pool';
import { LocalSweepQueue } from './local-sweep-queue';
import { decodeDigestInput, encodeDigestInput } from './reading-codec';
import { claimedItems } from './sweep-items';
import { collect, sendDigest, type ChannelBucket } from './channel-digests';
import type { SweepContext, SweepDeps } from './sweep-context';
import { resolveSweepOptions, type ResolvedSweepOptions, type SweepOptions } from './sweep-options';
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

/** The sweep this instance works on: the one it joins, the one it opens, or null (already done). */
async function startRun(
  queue: SweepQueue,
  options: ResolvedSweepOptions,
  now: Date,
): Promise<SweepRun | null> {
  if (options.join) return options.join;
  const run: SweepRun = {
    sweepId:
      options.sweepId ?? `${options.instanceId}@${now.toISOString()}#${globalThis.crypto.randomUUID()}`,
    plannedAt: now,
    openedBy: options.instanceId,
    openedAt: now,
  };
  if ((await queue.open(run)) > 0) return run;
  // Opened already (another instance, same tick), or nobody is signed in: join it while it is open.
  const open = await queue.latestOpen(new Date(now.getTime() - 86_400_000));
  return open?.sweepId === run.sweepId ? open : null;
}

/**
 * One user's turn, bounded by `userTimeoutMs`: their direct reminders and, with `digests`, what
 * their channels' digests need (`channelsOpen`: channels are in working hours), returned as the
 * queue's JSON text. A turn cut short by its timeout, or one that throws, counts as ONE failure
 * whatever the abandoned work records later.
 */
export async function userTurn(
  ctx: SweepContext,
  user: User,
  channelsOpen: boolean,
  digests: boolean | null,
): Promise<string | null> {
  const { options, tally, logger } = ctx;
  const limit = timeoutSignal(options.userTimeoutMs, options.signal);
  const local = new SweepTally(ctx.now);
  const userCtx: SweepContext = { ...ctx, tally: local, options: { ...options, signal: limit.signal } };
  try {
    const subs = digests ? await ctx.store.subscriptions.listForUser(user.id) : [];
    const reading = await raceAbort(sweepUser(userCtx, user, channelsOpen && subs.length > 0), limit.signal);
    return encodeDigestInput(reading, subs);
  } catch (e) {
    const timedOut = limit.signal.aborted && !options.signal?.aborted;
    const code = timedOut ? 'ado.timeout' : asCodedError(e).code;
    local.clearFailures();
    local.users = 1;
    local.usersFailed = 1;
    local.fail(code);
    logger.warn({ userId: user.id, code }, 'sweep: user failed');
    return null;
  } finally {
    limit.clear();
    tally.merge(local);
  }
}

/** One user's turn from the queue; the result (what their channels need) goes back to the queue. */
async function sweepItem(
  ctx: SweepContext,
  channelsOpen: boolean,
  queue: SweepQueue,
  sweepId: string,
  item: ClaimedSweepItem,
): Promise<void> {
  const { options, logger } = ctx;
  // Taking over a dead instance's turn: its unsent claims on this user's reminders are taken over
  // too (at most its in-flight message is sent again; sent ones are never repeated).
  const claimStaleMs = item.takeover ? 0 : options.claimStaleMs;
  const user = await ctx.store.users.get(item.userId);
  const result = user?.entraAccount
    ? await userTurn({ ...ctx, options: { ...options, claimStaleMs } }, user, channelsOpen, true)
    : null;
  if (options.signal?.aborted) return;
  if (!(await queue.complete(sweepId, item.userId, options.instanceId, result, ctx.clock.now())))
    logger.warn({ userId: item.userId }, 'sweep: user taken over by another instance meanwhile');
}

/** The channel half, by the one instance that finishes the sweep: a digest per channel. */
async function sendDigests(ctx: SweepContext, queue: SweepQueue, sweepId: string): Promise<void> {
  const buckets = new Map<string, ChannelBucket>();
  for (let after: string | null = null; ;) {
    const page = await queue.results(sweepId, after, 500);
    for (const row of page) {
      const { reading, subs } = decodeDigestInput(row.result);
      collect(buckets, subs, reading);
    }
    if (page.length < 500) break;
    after = page[page.length - 1].userId;
  }
  const channels = [...buckets.entries()];
  await runPool(
    async () => channels.shift(),
    ctx.options.concurrency,
    async ([conversationKey, bucket]) => {
      try {
        await sendDigest(ctx, conversationKey, bucket);
      } catch (e) {
        const code = asCodedError(e).code;
        ctx.tally.fail(code);
        ctx.logger.warn({ conversationKey, code }, 'sweep: channel digest failed');
      }
    },
    ctx.options.signal,
  );
}

/**
 * Runs one sweep, or this instance's share of a shared one: opens it (one work item per
 * signed-in user) unless `options.join` names one, claims users until none are left, and, if
 * it is the instance that finishes the sweep, sends the channel digests. Every instance plans
 * with the sweep's `plannedAt`. Never throws for one user's or one channel's failure.
 */
export async function runSweep(deps: SweepDeps, sweepOptions: SweepOptions): Promise<SweepSummary> {
  const options = resolveSweepOptions(sweepOptions);
  const startedMs = performance.now();
  const queue = deps.store.sweeps ?? new LocalSweepQueue(deps.store.users);
  const run = await startRun(queue, options, deps.clock.now());
  const now = run?.plannedAt ?? deps.clock.now();
  const tally = new SweepTally(now);
  const logger = deps.logger.child({
    component: 'reminder-sweep',
    instanceId: options.instanceId,
    sweepId: run?.sweepId ?? null,
  });
  const channelsOpen = isWithinWorkingHours(now, options.channelTimeZone, options.workingHours);
  const ctx: SweepContext = { ...deps, logger, options, now, tally };

  if (run) {
    const items = claimedItems(queue, run.sweepId, deps.clock, options);
    await runPool(
      () => items.next(),
      options.concurrency,
      (item) => sweepItem(ctx, channelsOpen, queue, run.sweepId, item).finally(() => items.settled()),
      options.signal,
    );
    if (!options.signal?.aborted && (await queue.finish(run.sweepId, options.instanceId, deps.clock.now())))
      await sendDigests(ctx, queue, run.sweepId);
  }

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
