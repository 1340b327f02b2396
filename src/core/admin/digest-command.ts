/**
 * `pat admin digest <org>` / `pat admin digest off <org>`, typed in the channel that should get
 * the weekly admin digest. Subscribing needs "View audit log" in the organisation, checked with
 * Azure DevOps (like `pat admin watch`); a refusal stores nothing.
 */
import { formatDate } from '../format-date';
import { adminAccess } from './admin-access';
import type { AdminDeps } from './admin-deps';
import { refusedText } from './admin-text';
import { view, type AdminResult } from './admin-view';
import { lastSlot, type WeeklySlot } from './digest-schedule';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** `Mondays at 08:00 UTC`. */
export function slotText(at: WeeklySlot): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[at.weekday]}s at ${pad(at.hour)}:${pad(at.minute)} UTC`;
}

export interface DigestPlace {
  /** The channel or group chat; null in a 1:1 chat. */
  conversationKey: string | null;
  /** Records the conversation so patbot can post in it later. */
  remember?(): Promise<void>;
}

function inChannelOnly(prefix: string, org: string): AdminResult {
  return view(
    `Type \`${prefix} admin digest ${org}\` in the channel that should get the weekly digest: everyone there will see its PAT names and owners.`,
  );
}

export async function subscribeDigest(
  deps: AdminDeps,
  userId: string,
  org: string,
  place: DigestPlace,
): Promise<AdminResult> {
  const prefix = deps.prefix ?? 'pat';
  if (!place.conversationKey) return inChannelOnly(prefix, org);
  const access = await adminAccess(deps, userId, org);
  if (access.kind === 'auth' || access.kind === 'failed') return access;
  if (access.kind === 'refused')
    return view(refusedText(org, prefix, 'to send its digest', 'digest'), 'attention');
  await place.remember?.();
  const now = deps.clock.now();
  await deps.store.adminDigests.subscribe(place.conversationKey, org, userId, now);
  deps.logger.info({ org, userId, conversationKey: place.conversationKey }, 'admin digest on');
  const next = new Date(lastSlot(now, deps.digestAt).getTime() + 7 * 86_400_000);
  return view(
    `This channel gets ${org}'s weekly PAT digest, ${slotText(deps.digestAt)} (first on ${formatDate(next)}): ` +
      `PATs expiring in the next 14 days with their owners' names, read with your sign-in, and PAT events for people ` +
      `who don't use patbot. Everyone here can read it. Stop with \`${prefix} admin digest off ${org}\`.`,
    'good',
  );
}

/** Anyone may stop a channel's digest: it only removes what the channel is sent. */
export async function unsubscribeDigest(
  deps: AdminDeps,
  org: string,
  place: DigestPlace,
): Promise<AdminResult> {
  const prefix = deps.prefix ?? 'pat';
  if (!place.conversationKey) return inChannelOnly(prefix, org);
  const removed = await deps.store.adminDigests.unsubscribe(place.conversationKey, org);
  if (!removed)
    return view(
      `This channel doesn't get ${org}'s weekly digest. Start with \`${prefix} admin digest ${org}\`.`,
    );
  deps.logger.info({ org, conversationKey: place.conversationKey }, 'admin digest off');
  return view(`This channel no longer gets ${org}'s weekly PAT digest.`, 'good');
}
