/**
 * Claim → send → record, for one direct message and for one channel digest. The ledger claim
 * makes a message exactly-once across sweeps, restarts and instances; only a message in flight
 * when its sender dies can go out twice (its claim goes stale and a later sweep sends it again).
 */
import { asCodedError } from '../../errors';
import type { ChannelDigest, DeliveryResult, DirectReminder } from '../notifier';
import type { LedgerKey, StoredConversation } from '../store';
import type { SweepContext } from './sweep-context';

export type DeliveryOutcome = 'sent' | 'skipped' | 'failed';

async function attempt(send: () => Promise<DeliveryResult>): Promise<DeliveryResult> {
  try {
    return await send();
  } catch (e) {
    return { ok: false, permanent: false, error: asCodedError(e) };
  }
}

async function onFailure(
  ctx: SweepContext,
  result: Exclude<DeliveryResult, { ok: true }>,
  keys: readonly LedgerKey[],
  conversationKey: string | undefined,
): Promise<void> {
  const { ledger, conversations } = ctx.store;
  for (const key of keys) await ledger.release(key, ctx.options.instanceId);
  ctx.tally.fail(result.error.code);
  if (result.permanent && conversationKey) {
    await conversations.markFailed(conversationKey, `${result.error.code}: ${result.error.message}`);
  }
  ctx.logger.warn(
    { code: result.error.code, permanent: result.permanent, conversationKey, keys: keys.length },
    'reminder delivery failed',
  );
}

/** Sends one direct message unless its key was already sent or is being sent by someone else. */
export async function deliverDirect(
  ctx: SweepContext,
  userId: string,
  key: LedgerKey,
  reminder: DirectReminder,
  /** The personal conversation the sweep found (looked up once, handed to the notifier). */
  conversation?: StoredConversation,
): Promise<DeliveryOutcome> {
  const { ledger } = ctx.store;
  if (ctx.options.signal?.aborted) return 'skipped';
  if (!(await ledger.claim(key, ctx.options.instanceId, ctx.clock.now(), ctx.options.claimStaleMs))) {
    return 'skipped';
  }
  const result = await attempt(() => ctx.notifier.sendDirect(userId, reminder, conversation));
  if (result.ok) {
    await ledger.markSent(key, ctx.clock.now());
    ctx.tally.remindersSent++;
    return 'sent';
  }
  await onFailure(ctx, result, [key], result.conversationKey ?? conversation?.key);
  return 'failed';
}

export interface DigestParts {
  dayKey: LedgerKey;
  /** Every line's key with the line; only lines whose claim succeeds are posted. */
  lines: ReadonlyArray<{ key: LedgerKey; kind: 'entry' | 'unreadable'; index: number }>;
  build: (entryIndexes: number[], unreadableIndexes: number[]) => ChannelDigest;
}

/**
 * Posts one channel digest: claims its lines (already-sent lines drop out), then the channel's
 * day (one digest a day); sends nothing when no line is left.
 */
export async function deliverDigest(
  ctx: SweepContext,
  conversationKey: string,
  parts: DigestParts,
): Promise<DeliveryOutcome> {
  const { ledger } = ctx.store;
  const { instanceId, claimStaleMs } = ctx.options;
  const claimed: Array<DigestParts['lines'][number]> = [];
  for (const line of parts.lines) {
    if (ctx.options.signal?.aborted) break;
    if (await ledger.claim(line.key, instanceId, ctx.clock.now(), claimStaleMs)) claimed.push(line);
  }
  const releaseAll = async (): Promise<void> => {
    for (const line of claimed) await ledger.release(line.key, instanceId);
  };
  if (claimed.length === 0) return 'skipped';
  if (
    ctx.options.signal?.aborted ||
    !(await ledger.claim(parts.dayKey, instanceId, ctx.clock.now(), claimStaleMs))
  ) {
    await releaseAll();
    return 'skipped';
  }
  const digest = parts.build(
    claimed.filter((l) => l.kind === 'entry').map((l) => l.index),
    claimed.filter((l) => l.kind === 'unreadable').map((l) => l.index),
  );
  const result = await attempt(() => ctx.notifier.sendChannelDigest(conversationKey, digest));
  const keys = [...claimed.map((l) => l.key), parts.dayKey];
  if (result.ok) {
    const at = ctx.clock.now();
    for (const key of keys) await ledger.markSent(key, at);
    ctx.tally.digestsSent++;
    return 'sent';
  }
  await onFailure(ctx, result, keys, conversationKey);
  return 'failed';
}
