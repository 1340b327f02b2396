/**
 * `GET auditservice.dev.azure.com/{org}/_apis/audit/auditlog` (Audit Log - Query, 7.1-preview.1):
 * the entries from startTime to endTime (both included), newest first, `batchSize` at a time, with an opaque
 * continuation token bound to the query; `hasMore` says whether another page follows.
 */
import { randomUUID } from 'node:crypto';
import type { ContinuationTokens } from './continuation-token';
import { formatServiceDate } from './sim-dates';
import { categoryOf, orgAdmin, type SimAuditEntry } from './sim-org-admin';
import { json, vssError, type SimResponse } from './sim-responses';
import type { SimOrg } from './sim-state';

const DEFAULT_BATCH = 200;
const MAX_BATCH = 1000;
const RETENTION_MS = 90 * 86_400_000;
const SYSTEM_ACTOR = '00000000-0000-0000-0000-000000000000';

export interface AuditRequest {
  query: URLSearchParams;
  org: SimOrg;
  now: Date;
}

function parseTime(value: string | null): Date | null | undefined {
  if (value === null || value === '') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** The `DecoratedAuditLogEntry` shape (field names of the REST reference). */
export function wireAuditEntry(org: SimOrg, e: SimAuditEntry): Record<string, unknown> {
  const actor = e.actorOid ? org.members.get(e.actorOid) : undefined;
  return {
    id: e.id,
    correlationId: e.id,
    activityId: randomUUID(),
    actorCUID: e.actorOid ?? SYSTEM_ACTOR,
    actorUserId: e.actorOid ?? SYSTEM_ACTOR,
    actorClientId: SYSTEM_ACTOR,
    actorUPN: actor?.name ?? '',
    authenticationMechanism: e.actorOid ? 'AAD_Cookie' : 'System',
    timestamp: formatServiceDate(e.timestamp),
    scopeType: 'organization',
    scopeDisplayName: `${org.name} (Organization)`,
    scopeId: org.id,
    projectId: SYSTEM_ACTOR,
    projectName: '',
    ipAddress: e.actorOid ? '203.0.113.7' : '',
    userAgent: e.actorOid ? 'Mozilla/5.0' : '',
    actionId: e.actionId,
    data: e.data,
    details: e.details,
    area: 'Token',
    category: categoryOf(e.actionId),
    categoryDisplayName: categoryOf(e.actionId).replace(/^./, (c) => c.toUpperCase()),
    actorDisplayName: e.actorName,
    actorImageUrl: '',
  };
}

export function handleAuditLog(continuation: ContinuationTokens, req: AuditRequest): SimResponse {
  const q = req.query;
  const start = parseTime(q.get('startTime'));
  const end = parseTime(q.get('endTime'));
  if (start === undefined || end === undefined) {
    return vssError(400, 'startTime and endTime must be ISO 8601 dates.', 'InvalidArgumentValueException');
  }
  const batchRaw = q.get('batchSize');
  const batch = batchRaw === null ? DEFAULT_BATCH : Number(batchRaw);
  if (!Number.isInteger(batch) || batch < 1 || batch > MAX_BATCH) {
    return vssError(400, `batchSize must be from 1 to ${MAX_BATCH}.`, 'InvalidArgumentValueException');
  }
  const from = start ?? new Date(req.now.getTime() - 7 * 86_400_000);
  const to = end ?? req.now;
  const binding = ['audit', req.org.id, from.toISOString(), to.toISOString(), batch].join('|');
  const token = q.get('continuationToken');
  const offset = token ? continuation.read(binding, token) : 0;
  if (offset === undefined) {
    return vssError(
      400,
      'The continuation token is not valid for this query.',
      'InvalidArgumentValueException',
    );
  }
  const oldest = req.now.getTime() - RETENTION_MS;
  const matching = orgAdmin(req.org)
    .audit.filter((e) => {
      const t = e.timestamp.getTime();
      return t >= from.getTime() && t <= to.getTime() && t >= oldest;
    })
    .sort((a, b) => b.timestamp.getTime() - a.timestamp.getTime() || a.id.localeCompare(b.id));
  const page = matching.slice(offset, offset + batch);
  const hasMore = offset + batch < matching.length;
  return json(200, {
    decoratedAuditLogEntries: page.map((e) => wireAuditEntry(req.org, e)),
    // Always a token; `hasMore` is what says whether to ask again.
    continuationToken: continuation.issue(binding, hasMore ? offset + batch : matching.length),
    hasMore,
  });
}
