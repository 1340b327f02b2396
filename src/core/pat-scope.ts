/**
 * Human-readable PAT scopes: `app_token` is full access; common `vso.*` scopes get names with
 * read/write/manage wording; unknown scopes are shown without the `vso.` prefix.
 */
import type { Pat } from './pat';

/** The scope value Azure DevOps uses for a full-access PAT. */
export const FULL_ACCESS_SCOPE = 'app_token';

interface ScopeName {
  area: string;
  access: string;
  /** Higher wins when several scopes of one area are present. */
  rank: number;
}

const READ = 'read';
const WRITE = 'read & write';
const MANAGE = 'manage';
const FULL = 'full';
const EXECUTE = 'read & execute';

const KNOWN: Record<string, [area: string, access: string, rank: number]> = {
  code: ['Code', READ, 1],
  code_write: ['Code', WRITE, 2],
  code_manage: ['Code', MANAGE, 3],
  code_full: ['Code', FULL, 4],
  code_status: ['Code', 'status', 1],
  build: ['Build', READ, 1],
  build_execute: ['Build', EXECUTE, 2],
  release: ['Release', READ, 1],
  release_execute: ['Release', EXECUTE, 2],
  release_manage: ['Release', MANAGE, 3],
  packaging: ['Packaging', READ, 1],
  packaging_write: ['Packaging', WRITE, 2],
  packaging_manage: ['Packaging', MANAGE, 3],
  work: ['Work items', READ, 1],
  work_write: ['Work items', WRITE, 2],
  work_full: ['Work items', FULL, 4],
  project: ['Project and team', READ, 1],
  project_write: ['Project and team', WRITE, 2],
  project_manage: ['Project and team', MANAGE, 3],
  graph: ['Graph', READ, 1],
  graph_manage: ['Graph', MANAGE, 3],
  identity: ['Identity', READ, 1],
  identity_manage: ['Identity', MANAGE, 3],
  pats: ['PATs', READ, 1],
  pats_manage: ['PATs', MANAGE, 3],
  tokens: ['Tokens', READ, 1],
  variablegroups: ['Variable groups', READ, 1],
  variablegroups_read: ['Variable groups', READ, 1],
  variablegroups_write: ['Variable groups', WRITE, 2],
  variablegroups_manage: ['Variable groups', MANAGE, 3],
  serviceendpoint: ['Service connections', READ, 1],
  serviceendpoint_query: ['Service connections', 'read & query', 2],
  serviceendpoint_manage: ['Service connections', MANAGE, 3],
  test: ['Test management', READ, 1],
  test_write: ['Test management', WRITE, 2],
  wiki: ['Wiki', READ, 1],
  wiki_write: ['Wiki', WRITE, 2],
  agentpools: ['Agent pools', READ, 1],
  agentpools_manage: ['Agent pools', MANAGE, 3],
  analytics: ['Analytics', READ, 1],
  auditlog: ['Audit log', READ, 1],
  dashboards: ['Dashboards', READ, 1],
  dashboards_manage: ['Dashboards', MANAGE, 3],
  environment_manage: ['Environments', MANAGE, 3],
  extension: ['Extensions', READ, 1],
  extension_manage: ['Extensions', MANAGE, 3],
  extension_data: ['Extension data', READ, 1],
  extension_data_write: ['Extension data', WRITE, 2],
  hooks: ['Service hooks', READ, 1],
  hooks_write: ['Service hooks', WRITE, 2],
  memberentitlementmanagement: ['Member entitlements', READ, 1],
  memberentitlementmanagement_write: ['Member entitlements', WRITE, 2],
  notification: ['Notifications', READ, 1],
  notification_write: ['Notifications', WRITE, 2],
  notification_manage: ['Notifications', MANAGE, 3],
  profile: ['User profile', READ, 1],
  profile_write: ['User profile', WRITE, 2],
  security_manage: ['Security', MANAGE, 3],
  securefiles_read: ['Secure files', READ, 1],
  securefiles_write: ['Secure files', WRITE, 2],
  securefiles_manage: ['Secure files', MANAGE, 3],
  symbols: ['Symbols', READ, 1],
  symbols_write: ['Symbols', WRITE, 2],
  symbols_manage: ['Symbols', MANAGE, 3],
  taskgroups_read: ['Task groups', READ, 1],
  taskgroups_write: ['Task groups', WRITE, 2],
  taskgroups_manage: ['Task groups', MANAGE, 3],
  threads_full: ['Pull request threads', FULL, 4],
};

/** The individual scopes of a space-separated scope string (empty entries dropped). */
export function splitScopes(scope: string): string[] {
  return scope.split(/\s+/).filter((s) => s !== '');
}

/** True when the PAT has full access (`app_token`). */
export function isFullAccess(pat: Pick<Pat, 'scope'>): boolean {
  return splitScopes(pat.scope).includes(FULL_ACCESS_SCOPE);
}

/** One readable name per scope area, strongest access first (ties keep their original order). */
export function scopeNames(scope: string): string[] {
  const scopes = splitScopes(scope);
  if (scopes.includes(FULL_ACCESS_SCOPE)) return ['Full access'];
  const byArea = new Map<string, ScopeName & { order: number }>();
  scopes.forEach((raw, order) => {
    const key = raw.toLowerCase().replace(/^vso\./, '');
    const known = raw.toLowerCase().startsWith('vso.') ? KNOWN[key] : undefined;
    const name: ScopeName = known
      ? { area: known[0], access: known[1], rank: known[2] }
      : { area: raw.replace(/^vso\./i, ''), access: '', rank: 0 };
    const existing = byArea.get(name.area);
    if (!existing) byArea.set(name.area, { ...name, order });
    else if (name.rank > existing.rank) byArea.set(name.area, { ...name, order: existing.order });
  });
  return [...byArea.values()]
    .sort((a, b) => b.rank - a.rank || a.order - b.order)
    .map((n) => (n.access ? `${n.area} (${n.access})` : n.area));
}

/** Scope lines already worked out: a person's PATs (and everyone's) share a few scope strings. */
const summaries = new Map<string, string>();
const MAX_SUMMARIES = 2000;

/**
 * A short scope line: `Full access` for `app_token`; otherwise readable names, shortened when
 * there are more than `max` (default 3): `Code (read & write), Build (read) +3 more`. A pure
 * function of its inputs, remembered for the last 2,000 distinct ones.
 */
export function scopeSummary(scope: string, max = 3): string {
  const key = `${max}\n${scope}`;
  const known = summaries.get(key);
  if (known !== undefined) return known;
  const summary = summarise(scope, max);
  if (summaries.size >= MAX_SUMMARIES) summaries.clear();
  summaries.set(key, summary);
  return summary;
}

function summarise(scope: string, max: number): string {
  const names = scopeNames(scope);
  if (names.length === 0) return 'No scopes';
  const limit = Math.max(1, max);
  if (names.length <= limit) return names.join(', ');
  const shown = Math.max(1, limit - 1);
  return `${names.slice(0, shown).join(', ')} +${names.length - shown} more`;
}
