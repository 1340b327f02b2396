/**
 * The audit poller: for each watched organisation, read the audit log since the stored cursor
 * with the watching administrator's sign-in, alert the owners of `Token.*` events (once per event,
 * ledgered), list unknown owners in the admin digest, and store where it got to. A restart
 * re-reads from the stored cursor; the ledger drops what was already sent. Only a transient
 * delivery failure holds the cursor (a permanent one is dropped and shown in `lastError`); after
 * ADMIN_DENIED_LIMIT polls in a row refused by Azure DevOps the watch stops (lost-access.ts).
 */
import { asCodedError } from '../../errors';
import type { AdminDeps } from './admin-deps';
import { AUDIT_BATCH_SIZE, AUDIT_LAG_MS, AUDIT_MAX_PAGES, AUDIT_RETENTION_MS } from './admin-deps';
import type { OrgWatch } from './admin-store';
import { deliverAdminDigest, deliverEvent, unknownLine, type DeliveryOutcome } from './deliver-event';
import { isTokenEvent, ownerNameOf } from './describe-event';
import type { AuditEvent } from './org-admin-api';
import type { AdoCallContext } from '../tokens-api';
import { accessDenied, accessRestored, deliveryErrorCode } from './lost-access';

export interface PollSummary {
  org: string;
  events: number;
  sent: number;
  /** Transient failures: the cursor stays and the next poll retries. */
  failed: number;
  /** Permanent failures (bot removed, chat unreachable): recorded, never retried. */
  dropped: number;
  unknownOwners: number;
  error: string | null;
}

/** Every page of the window (newest first), at most AUDIT_MAX_PAGES; `complete` false when cut. */
async function readWindow(
  deps: AdminDeps,
  ctx: AdoCallContext,
  startTime: Date,
  endTime: Date,
): Promise<{ events: AuditEvent[]; complete: boolean }> {
  const events: AuditEvent[] = [];
  let continuationToken: string | undefined;
  for (let page = 0; page < AUDIT_MAX_PAGES; page++) {
    const result = await deps.api.auditPage(ctx, {
      startTime,
      endTime,
      batchSize: AUDIT_BATCH_SIZE,
      continuationToken,
    });
    events.push(...result.events);
    if (!result.hasMore || !result.continuationToken) return { events, complete: true };
    continuationToken = result.continuationToken;
  }
  return { events, complete: false };
}

async function alertAll(
  deps: AdminDeps,
  watch: OrgWatch,
  events: AuditEvent[],
): Promise<Omit<PollSummary, 'org' | 'error'> & { lastCode: string | null }> {
  const summary = { events: events.length, sent: 0, failed: 0, dropped: 0, unknownOwners: 0 };
  let lastCode: string | null = null;
  const count = (r: DeliveryOutcome): void => {
    if (r.status === 'sent') summary.sent++;
    if (r.status === 'failed') summary.failed++;
    if (r.status === 'dropped') summary.dropped++;
    if (r.code) lastCode = r.code;
  };
  const unknown: AuditEvent[] = [];
  for (const event of events) {
    const ownerName = ownerNameOf(event);
    const ownerId = ownerName ? await deps.store.admin.userIdByUsername(ownerName) : null;
    const owner = ownerId ? await deps.store.users.get(ownerId) : null;
    if (!owner) {
      unknown.push(event);
      continue;
    }
    for (const r of await deliverEvent(deps, watch.org, event, owner)) count(r);
  }
  summary.unknownOwners = unknown.length;
  // Kept for the weekly digest of the channels subscribed to this organisation.
  const seenAt = deps.clock.now();
  for (const event of unknown) {
    await deps.store.adminDigests.recordUnknown(watch.org, {
      eventId: event.id,
      at: event.at,
      seenAt,
      line: unknownLine(event),
    });
  }
  if (unknown.length > 0) count(await deliverAdminDigest(deps, watch.org, watch.adminUserId, unknown));
  return { ...summary, lastCode };
}

const NOTHING = { events: 0, sent: 0, failed: 0, dropped: 0, unknownOwners: 0 };

/** One poll of one organisation. Never throws: a failure is stored on the watch and returned. */
export async function pollOrg(deps: AdminDeps, watch: OrgWatch): Promise<PollSummary> {
  const now = deps.clock.now();
  const startTime = new Date(Math.max(watch.since.getTime(), now.getTime() - AUDIT_RETENTION_MS));
  const keep = { since: watch.since, lastEventId: null, lastEventAt: null, polledAt: now };
  const token = await deps.tokenProvider.getAccessToken(watch.adminUserId);
  if (token.kind !== 'ok') {
    await deps.store.admin.saveProgress(watch.org, { ...keep, error: token.error.code });
    return { org: watch.org, ...NOTHING, error: token.error.code };
  }
  try {
    const ctx = { org: watch.org, accessToken: token.accessToken };
    const { events, complete } = await readWindow(deps, ctx, startTime, now);
    const tokenEvents = events.filter(isTokenEvent).sort((a, b) => a.at.getTime() - b.at.getTime());
    const { lastCode, ...summary } = await alertAll(deps, watch, tokenEvents);
    await accessRestored(deps, watch);
    const newest = tokenEvents[tokenEvents.length - 1];
    // Move on only when every page was read and no alert failed transiently; else re-read.
    const advance = complete && summary.failed === 0;
    const since = advance ? new Date(Math.max(startTime.getTime(), now.getTime() - AUDIT_LAG_MS)) : startTime;
    await deps.store.admin.saveProgress(watch.org, {
      since,
      lastEventId: newest?.id ?? null,
      lastEventAt: newest?.at ?? null,
      polledAt: now,
      error: deliveryErrorCode(watch, lastCode, summary.sent),
    });
    deps.logger.info({ org: watch.org, ...summary, complete }, 'audit poll done');
    return { org: watch.org, ...summary, error: null };
  } catch (e) {
    const error = asCodedError(e);
    deps.logger.warn({ org: watch.org, code: error.code }, 'audit poll failed');
    await deps.store.admin.saveProgress(watch.org, { ...keep, error: error.code });
    await accessDenied(deps, watch, error.code);
    return { org: watch.org, ...NOTHING, error: error.code };
  }
}

/** One poll of every watched organisation, one after the other. */
export async function pollAllOrgs(deps: AdminDeps): Promise<PollSummary[]> {
  const results: PollSummary[] = [];
  for (const watch of await deps.store.admin.list()) results.push(await pollOrg(deps, watch));
  return results;
}
