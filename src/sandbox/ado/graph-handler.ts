/**
 * `GET vssps.dev.azure.com/{org}/_apis/graph/users` (Graph Users - List, 7.1-preview.1): the
 * organisation's users, a page at a time; the next page's token comes back in the
 * `X-MS-ContinuationToken` response header (absent on the last page).
 */
import type { ContinuationTokens } from './continuation-token';
import { orgAdmin } from './sim-org-admin';
import { json, vssError, type SimResponse } from './sim-responses';
import type { SimOrg, SimUser } from './sim-state';

const SUBJECT_TYPES = new Set(['aad', 'msa', 'svc', 'imp']);

/** A user's subject descriptor: `aad.` and a base64url id (opaque to callers). */
export function descriptorOf(oid: string): string {
  return `aad.${Buffer.from(oid, 'utf8').toString('base64url')}`;
}

/** The oid behind a descriptor this simulator issued, or undefined. */
export function oidOfDescriptor(descriptor: string): string | undefined {
  if (!descriptor.startsWith('aad.')) return undefined;
  try {
    return Buffer.from(descriptor.slice(4), 'base64url').toString('utf8');
  } catch {
    return undefined;
  }
}

function wireUser(org: SimOrg, user: SimUser): Record<string, unknown> {
  const descriptor = descriptorOf(user.oid);
  return {
    subjectKind: 'user',
    metaType: 'member',
    directoryAlias: user.name.split('@')[0],
    domain: org.tenantId,
    principalName: user.name,
    mailAddress: user.name,
    origin: 'aad',
    originId: user.oid,
    displayName: user.name,
    isDeletedInOrigin: orgAdmin(org).departed.has(user.oid),
    _links: {},
    url: `/${org.name}/_apis/Graph/Users/${descriptor}`,
    descriptor,
  };
}

export function handleGraphUsers(
  continuation: ContinuationTokens,
  req: { query: URLSearchParams; org: SimOrg; pageSize: number },
): SimResponse {
  const types = (req.query.get('subjectTypes') ?? '')
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  if (types.some((t) => !SUBJECT_TYPES.has(t))) {
    return vssError(400, 'Unknown subject type.', 'InvalidArgumentValueException');
  }
  const binding = ['graph', req.org.id, types.join(',')].join('|');
  const token = req.query.get('continuationToken');
  const offset = token ? continuation.read(binding, token) : 0;
  if (offset === undefined) {
    return vssError(400, 'The continuation token is not valid.', 'InvalidArgumentValueException');
  }
  const users = types.length === 0 || types.includes('aad') ? [...req.org.members.values()] : [];
  users.sort((a, b) => a.oid.localeCompare(b.oid));
  const page = users.slice(offset, offset + req.pageSize);
  const more = offset + req.pageSize < users.length;
  const headers: Record<string, string> = more
    ? { 'X-MS-ContinuationToken': continuation.issue(binding, offset + req.pageSize) }
    : {};
  return json(200, { count: page.length, value: page.map((u) => wireUser(req.org, u)) }, headers);
}
