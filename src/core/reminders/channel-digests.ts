/**
 * The channel half of a sweep: gathers each channel's subscribers from the users' turns, then
 * plans and delivers one digest per channel.
 */
import type { Subscription } from '../store';
import { deliverDigest, type DigestParts } from './deliver';
import { digestText } from './digest-text';
import { planChannelDigest, type DigestSubscriber, type DigestUnreadable } from './plan-channel-digest';
import { channelUnreadableKey } from './signin-episode';
import type { SweepContext } from './sweep-context';
import type { UserReading } from './sweep-user';

/** One channel's subscribers as read this sweep. */
export interface ChannelBucket {
  subscribers: DigestSubscriber[];
  unreadable: DigestUnreadable[];
}

/** Adds a user's reading to each channel they subscribe to. */
export function collect(
  buckets: Map<string, ChannelBucket>,
  subs: readonly Subscription[],
  reading: UserReading,
): void {
  if (reading.kind === 'not-read') return;
  for (const sub of subs) {
    let bucket = buckets.get(sub.conversationKey);
    if (!bucket) {
      bucket = { subscribers: [], unreadable: [] };
      buckets.set(sub.conversationKey, bucket);
    }
    if (reading.kind === 'read') {
      bucket.subscribers.push({
        owner: reading.owner,
        pats: reading.pats,
        namePattern: sub.namePattern,
        snoozes: reading.snoozes,
      });
    } else {
      bucket.unreadable.push({
        owner: reading.owner,
        code: reading.code,
        key: channelUnreadableKey(reading.owner.userId, reading.episode, sub.conversationKey),
      });
    }
  }
}

/** Plans and delivers one channel's digest (skips failed or unknown conversations). */
export async function sendDigest(
  ctx: SweepContext,
  conversationKey: string,
  bucket: ChannelBucket,
): Promise<void> {
  const conversation = await ctx.store.conversations.get(conversationKey);
  if (!conversation || conversation.status !== 'active') return;
  const planned = planChannelDigest({
    conversationKey,
    now: ctx.now,
    timeZone: ctx.options.channelTimeZone,
    workingHours: ctx.options.workingHours,
    thresholdsDays: ctx.options.thresholdsDays,
    subscribers: bucket.subscribers,
    unreadable: bucket.unreadable,
    expiredNoticeDays: ctx.options.expiredNoticeDays,
  });
  if (!planned) return;
  const parts: DigestParts = {
    dayKey: planned.dayKey,
    lines: [
      ...planned.entries.map((e, index) => ({ key: e.key, kind: 'entry' as const, index })),
      ...planned.unreadable.map((u, index) => ({ key: u.key, kind: 'unreadable' as const, index })),
    ],
    build: (entryIndexes, unreadableIndexes) => {
      const entries = entryIndexes.map((i) => planned.entries[i].entry);
      const unreadable = unreadableIndexes.map((i) => planned.unreadable[i].item);
      return {
        conversationKey,
        day: planned.day,
        timeZone: planned.timeZone,
        timeZoneLabel: planned.timeZoneLabel,
        entries,
        unreadable,
        text: digestText(entries, unreadable),
      };
    },
  };
  await deliverDigest(ctx, conversationKey, parts);
}
