/**
 * "Your tokens can't be read any more" episodes, kept in the reminder ledger so the user is told
 * ONCE per episode (and each subscribed channel says "couldn't check" once per episode):
 *
 * - `user:<id>` / `unreadable#k` (target `dm:<id>`) is marked when episode k starts;
 * - `user:<id>` / `readable#k` is marked when the tokens can be read again, closing it;
 * - the DM of episode k is `signin#k`, a channel's line is `unreadable#k` with the channel as target.
 *
 * A user who signs in again and later loses access starts episode k+1 and is told again.
 */
import type { LedgerKey, ReminderLedger } from '../store';
import { dmTarget } from './ledger-keys';

/** Upper bound on episodes probed per user (a safety net, never reached in practice). */
const MAX_EPISODES = 1000;

export interface EpisodeState {
  /** Number of the latest episode (0 when there has never been one). */
  latest: number;
  /** True while the latest episode has not been closed by a successful read. */
  open: boolean;
}

function marker(userId: string, kind: 'unreadable' | 'readable', k: number): LedgerKey {
  return { patId: `user:${userId}`, threshold: `${kind}#${k}`, target: dmTarget(userId) };
}

/** The DM key of episode k. */
export function signinNoticeKey(userId: string, episode: number): LedgerKey {
  return { patId: `user:${userId}`, threshold: `signin#${episode}`, target: dmTarget(userId) };
}

/** The "couldn't check" line of episode k in one channel. */
export function channelUnreadableKey(userId: string, episode: number, conversationKey: string): LedgerKey {
  return { patId: `user:${userId}`, threshold: `unreadable#${episode}`, target: conversationKey };
}

async function isSent(ledger: Pick<ReminderLedger, 'get'>, key: LedgerKey): Promise<boolean> {
  return (await ledger.get(key))?.status === 'sent';
}

/** Reads the user's episode state (one ledger read for a user who never had an episode). */
export async function episodeState(
  ledger: Pick<ReminderLedger, 'get'>,
  userId: string,
): Promise<EpisodeState> {
  let latest = 0;
  while (latest < MAX_EPISODES && (await isSent(ledger, marker(userId, 'unreadable', latest + 1)))) latest++;
  if (latest === 0) return { latest, open: false };
  return { latest, open: !(await isSent(ledger, marker(userId, 'readable', latest))) };
}

/** Records a failed read: returns the open episode's number (starting a new one if needed). */
export async function openEpisode(ledger: ReminderLedger, userId: string, now: Date): Promise<number> {
  const state = await episodeState(ledger, userId);
  if (state.open) return state.latest;
  const next = state.latest + 1;
  await ledger.markSent(marker(userId, 'unreadable', next), now);
  return next;
}

/** Records a successful read: closes the open episode, if any. */
export async function closeEpisode(ledger: ReminderLedger, userId: string, now: Date): Promise<void> {
  const state = await episodeState(ledger, userId);
  if (state.open) await ledger.markSent(marker(userId, 'readable', state.latest), now);
}
