/**
 * The weekly admin digest: in each channel an administrator subscribed (`pat admin digest
 * <org>`), once per weekly slot, the organisation's PATs expiring in the next 14 days (the
 * `pat admin expiring` view, read with that administrator's sign-in) and the audit events for
 * people who don't use patbot read since the last digest. Exactly once per slot and channel:
 * ledger claim → send → mark sent; a failed send is released and retried by the next tick.
 */
import { asCodedError } from '../../errors';
import { formatDate } from '../format-date';
import type { AdminNotice, DeliveryResult } from '../notifier';
import type { LedgerKey } from '../store';
import { ALERT_CLAIM_STALE_MS, type AdminDeps } from './admin-deps';
import type { DigestSubscription } from './digest-store';
import { lastSlot, type WeeklySlot } from './digest-schedule';
import { adminExpiring, cutLines, EXPIRING_DEFAULT_DAYS } from './expiring';

/** PAT lines and unknown-owner event lines in one digest, at most (the rest is counted). */
export const DIGEST_MAX_PAT_LINES = 25;
export const DIGEST_MAX_EVENT_LINES = 15;
/** Unknown-owner events are kept this long (a digest that could not go out still finds them). */
export const UNKNOWN_KEEP_MS = 35 * 86_400_000;

export type DigestOutcome = 'sent' | 'skipped' | 'failed';

export function digestKey(sub: DigestSubscription, slot: Date): LedgerKey {
  return {
    patId: `admin-digest:${sub.org.toLowerCase()}`,
    threshold: `week@${slot.toISOString()}`,
    target: sub.conversationKey,
  };
}

async function expiringPart(
  deps: AdminDeps,
  sub: DigestSubscription,
): Promise<{ head: string; lines: string[] }> {
  const result = await adminExpiring(deps, sub.adminUserId, sub.org, EXPIRING_DEFAULT_DAYS, {
    maxLines: DIGEST_MAX_PAT_LINES,
  });
  if (result.kind === 'view') return { head: result.view.text, lines: result.view.lines };
  const prefix = deps.prefix ?? 'pat';
  if (result.kind === 'auth')
    return {
      head: `I couldn't read ${sub.org}'s PATs: the administrator who asked for this digest must sign in again (\`${prefix} signin\`).`,
      lines: [],
    };
  return {
    head: `I couldn't read ${sub.org}'s PATs this week (${result.error.code}); next week I try again.`,
    lines: [],
  };
}

/** The notice for one channel (never a token; names and expiry dates only). */
export async function buildDigest(deps: AdminDeps, sub: DigestSubscription, now: Date): Promise<AdminNotice> {
  const since = sub.lastSentAt ?? sub.subscribedAt;
  const expiring = await expiringPart(deps, sub);
  const events = await deps.store.adminDigests.unknownSince(sub.org, since);
  const watched = (await deps.store.admin.get(sub.org)) !== null;
  const eventHead = !watched
    ? `${sub.org}'s audit log isn't watched, so revoked and leaked PATs aren't listed here (\`${deps.prefix ?? 'pat'} admin watch ${sub.org}\`).`
    : events.length === 0
      ? `No PAT events for people who don't use patbot since ${formatDate(since)}.`
      : `${events.length === 1 ? 'One PAT event' : `${events.length} PAT events`} for people who don't use patbot since ${formatDate(since)}:`;
  const eventLines = cutLines(
    events.map((e) => e.line),
    DIGEST_MAX_EVENT_LINES,
    'events',
  );
  const title = `${sub.org}: weekly PAT digest, ${formatDate(now)}`;
  const lines = [expiring.head, ...expiring.lines, eventHead, ...eventLines];
  return { kind: 'admin-notice', title, lines, text: `${title}. ${expiring.head} ${eventHead}` };
}

/** The deps worded for the channel's platform (`pat` in Teams, the Slack command in Slack). */
async function forChannel(deps: AdminDeps, conversationKey: string): Promise<AdminDeps> {
  const conversation = await deps.store.conversations.get(conversationKey);
  const prefix = conversation ? deps.notifier.commandPrefix?.(conversation) : undefined;
  return prefix ? { ...deps, prefix } : deps;
}

async function sendOne(deps: AdminDeps, sub: DigestSubscription, slot: Date): Promise<DigestOutcome> {
  const { ledger } = deps.store;
  const key = digestKey(sub, slot);
  if (!(await ledger.claim(key, deps.instanceId, deps.clock.now(), ALERT_CLAIM_STALE_MS))) return 'skipped';
  let result: DeliveryResult | undefined;
  try {
    const notice = await buildDigest(await forChannel(deps, sub.conversationKey), sub, deps.clock.now());
    result = await deps.notifier.sendAdminChannel?.(sub.conversationKey, notice);
  } catch (e) {
    result = { ok: false, permanent: false, error: asCodedError(e) };
  }
  if (result?.ok) {
    await ledger.markSent(key, deps.clock.now());
    await deps.store.adminDigests.markSent(sub.conversationKey, sub.org, deps.clock.now());
    return 'sent';
  }
  await ledger.release(key, deps.instanceId);
  deps.logger.warn(
    { code: result?.error.code ?? 'unsupported', target: sub.conversationKey, org: sub.org },
    'admin digest not delivered',
  );
  return 'failed';
}

/** Every subscription whose weekly slot has come (and that was subscribed before it). */
export async function sendDueDigests(deps: AdminDeps, at: WeeklySlot): Promise<DigestOutcome[]> {
  const now = deps.clock.now();
  const slot = lastSlot(now, at);
  const results: DigestOutcome[] = [];
  for (const sub of await deps.store.adminDigests.list()) {
    if (sub.subscribedAt.getTime() > slot.getTime()) continue;
    results.push(await sendOne(deps, sub, slot));
  }
  await deps.store.adminDigests.pruneUnknown(new Date(now.getTime() - UNKNOWN_KEEP_MS));
  return results;
}
