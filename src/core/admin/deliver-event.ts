/**
 * One audit event to the people it concerns, exactly once each (ledger: claim → send → mark
 * sent; a failed send is released and retried by the next poll): a DM to the PAT's owner and a
 * one-line alert in each channel that subscribed to that owner's PATs. A permanent failure (bot
 * removed, chat unreachable, no identity on that platform) is final: the entry stays recorded
 * (as if sent) and the delivery is 'dropped', so it never holds the audit cursor.
 */
import { asCodedError } from '../../errors';
import type { ChannelAlert, DeliveryResult, TokenEventAlert } from '../notifier';
import { dmTarget } from '../reminders/ledger-keys';
import type { LedgerKey, User } from '../store';
import { namePatternMatcher } from '../subscriptions/name-pattern';
import { ALERT_CLAIM_STALE_MS, type AdminDeps } from './admin-deps';
import { actorOf, byText, endsPat, whatHappened, whenText } from './describe-event';
import type { AuditEvent } from './org-admin-api';

export type EventDelivery = 'sent' | 'skipped' | 'failed' | 'dropped';

/** One delivery's outcome; `code` is the error code when it failed or was dropped. */
export interface DeliveryOutcome {
  status: EventDelivery;
  code?: string;
}

/** No result (the channel has no such send): nothing to retry, as permanent as a removed bot. */
async function settle(
  deps: AdminDeps,
  keys: readonly LedgerKey[],
  result: DeliveryResult | undefined,
): Promise<DeliveryOutcome> {
  const { ledger } = deps.store;
  if (result?.ok) {
    for (const key of keys) await ledger.markSent(key, deps.clock.now());
    return { status: 'sent' };
  }
  const code = result?.error.code ?? 'unsupported';
  const permanent = !result || result.permanent;
  for (const key of keys) {
    if (permanent) await ledger.markSent(key, deps.clock.now());
    else await ledger.release(key, deps.instanceId);
  }
  deps.logger.warn(
    { code, permanent, target: keys[0]?.target },
    permanent ? 'admin alert dropped: cannot be delivered' : 'admin alert not delivered',
  );
  return { status: permanent ? 'dropped' : 'failed', code };
}

/** The ledger key of one event to one target. */
export function eventKey(org: string, event: AuditEvent, target: string, kind = 'token-event'): LedgerKey {
  return { patId: `audit:${org.toLowerCase()}:${event.id}`, threshold: kind, target };
}

async function once(
  deps: AdminDeps,
  key: LedgerKey,
  send: () => Promise<DeliveryResult> | undefined,
): Promise<DeliveryOutcome> {
  if (!(await deps.store.ledger.claim(key, deps.instanceId, deps.clock.now(), ALERT_CLAIM_STALE_MS)))
    return { status: 'skipped' };
  let result: DeliveryResult | undefined;
  try {
    result = await send();
  } catch (e) {
    result = { ok: false, permanent: false, error: asCodedError(e) };
  }
  return settle(deps, [key], result);
}

export function tokenEventAlert(org: string, event: AuditEvent): TokenEventAlert {
  const patName = event.patName ?? 'one of your PATs';
  const by = actorOf(event);
  const when = whenText(event.at);
  const what = whatHappened(event);
  const who = by === 'system' ? '' : ` ${byText(event)}`;
  const next = endsPat(event) ? ' It no longer works: create a replacement and update whatever used it.' : '';
  return {
    kind: 'token-event',
    org,
    eventId: event.id,
    actionId: event.actionId,
    patId: event.patId,
    patName,
    what,
    at: event.at,
    when,
    by,
    byName: by === 'system' ? 'Azure DevOps' : (event.actorUpn ?? event.actorName),
    // The "Create replacement" flow (recreate) hangs off this: one place for the button.
    replacement: endsPat(event) ? { org, patId: event.patId, patName } : null,
    text: `Your PAT "${patName}" in ${org} ${what}${who} on ${when}.${next}`,
  };
}

function channelAlert(org: string, owner: User, alert: TokenEventAlert): ChannelAlert {
  const name = owner.displayName ?? owner.entraAccount?.username ?? 'a subscriber';
  return {
    kind: 'token-event',
    owner: { userId: owner.id, displayName: owner.displayName },
    org,
    patName: alert.patName,
    text: `${name}'s PAT "${alert.patName}" in ${org} ${alert.what} (${alert.when}).`,
  };
}

/** DM to the owner, then the owner's subscribed channels (name patterns respected). */
export async function deliverEvent(
  deps: AdminDeps,
  org: string,
  event: AuditEvent,
  owner: User,
): Promise<DeliveryOutcome[]> {
  const alert = tokenEventAlert(org, event);
  const { notifier } = deps;
  const results = [
    await once(deps, eventKey(org, event, dmTarget(owner.id)), () =>
      notifier.sendAdminDirect?.(owner.id, alert),
    ),
  ];
  const seen = new Set<string>();
  for (const sub of await deps.store.subscriptions.listForUser(owner.id)) {
    if (seen.has(sub.conversationKey) || !namePatternMatcher(sub.namePattern)(alert.patName)) continue;
    seen.add(sub.conversationKey);
    const line = channelAlert(org, owner, alert);
    results.push(
      await once(deps, eventKey(org, event, sub.conversationKey), () =>
        notifier.sendChannelAlert?.(sub.conversationKey, line),
      ),
    );
  }
  return results;
}

/** One line about an event whose owner patbot does not know. */
export function unknownLine(event: AuditEvent): string {
  const owner = event.ownerName ?? event.actorUpn ?? 'an unknown owner';
  return `${owner}: "${event.patName ?? 'a PAT'}" ${whatHappened(event)} (${whenText(event.at)})`;
}

/** The admin digest: events whose owner patbot does not know, each listed once. */
export async function deliverAdminDigest(
  deps: AdminDeps,
  org: string,
  adminUserId: string,
  events: readonly AuditEvent[],
): Promise<DeliveryOutcome> {
  const { ledger } = deps.store;
  const claimed: Array<{ key: LedgerKey; event: AuditEvent }> = [];
  for (const event of events) {
    const key = eventKey(org, event, dmTarget(adminUserId), 'admin-digest');
    if (await ledger.claim(key, deps.instanceId, deps.clock.now(), ALERT_CLAIM_STALE_MS))
      claimed.push({ key, event });
  }
  if (claimed.length === 0) return { status: 'skipped' };
  const lines = claimed.map(({ event }) => unknownLine(event));
  const title = `${org}: ${claimed.length === 1 ? 'one PAT event' : `${claimed.length} PAT events`} for people who don't use patbot`;
  const notice = { kind: 'admin-notice' as const, title, lines, text: `${title}. ${lines.join('; ')}.` };
  let result: DeliveryResult | undefined;
  try {
    result = await deps.notifier.sendAdminDirect?.(adminUserId, notice);
  } catch (e) {
    result = { ok: false, permanent: false, error: asCodedError(e) };
  }
  return settle(
    deps,
    claimed.map(({ key }) => key),
    result,
  );
}
