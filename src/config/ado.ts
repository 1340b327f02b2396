/**
 * ADO_*, MAX_ORGS_PER_USER, RENEW_DEFAULT_DAYS: which Azure DevOps organisations patbot looks in,
 * where, and how long a one-click Renew extends a PAT.
 */
import { parseInteger, parseUrl, Problems, requireHttps } from './parse';
import { parseWeeklyTime } from './weekly-time';
import type { Raw } from './schema';
import type { AdoConfig, Slice } from './types';

const ORG_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,48}[A-Za-z0-9]?$/;

function parseOrgs(value: string | undefined, problems: Problems): string[] {
  if (value === undefined) return [];
  const orgs = value
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
  for (const org of orgs) {
    if (!ORG_NAME.test(org)) {
      problems.add(
        'ADO_ORGANIZATIONS',
        `"${org}" is not an Azure DevOps organisation name.`,
        'List names as in https://dev.azure.com/{name}, separated by commas.',
      );
    }
  }
  return [...new Set(orgs)];
}

export function adoFrom(raw: Raw, sandbox: boolean): Slice<AdoConfig> {
  const problems = new Problems();
  const warnings: string[] = [];
  const scopes = (raw.ADO_SCOPES ?? '499b84ac-1321-427f-aa17-267ca6975798/.default')
    .split(/[\s,]+/)
    .filter(Boolean);
  const organizations = parseOrgs(
    raw.ADO_ORGANIZATIONS ?? (sandbox ? 'contoso,fabrikam' : undefined),
    problems,
  );
  if (!sandbox && organizations.length === 0)
    warnings.push(
      'ADO_ORGANIZATIONS is empty: people must add their organisations with `pat orgs add <org>`.',
    );
  const vsspsBaseUrl = parseUrl(
    raw.ADO_VSSPS_BASE_URL ?? 'https://vssps.dev.azure.com',
    'ADO_VSSPS_BASE_URL',
    problems,
  );
  requireHttps('ADO_VSSPS_BASE_URL', vsspsBaseUrl, sandbox, problems);
  const auditBaseUrl = parseUrl(
    raw.ADO_AUDIT_BASE_URL ?? 'https://auditservice.dev.azure.com',
    'ADO_AUDIT_BASE_URL',
    problems,
  );
  requireHttps('ADO_AUDIT_BASE_URL', auditBaseUrl, sandbox, problems);
  const devBaseUrl = parseUrl(raw.ADO_BASE_URL ?? 'https://dev.azure.com', 'ADO_BASE_URL', problems);
  requireHttps('ADO_BASE_URL', devBaseUrl, sandbox, problems);
  const auditPollSeconds = parseInteger(
    raw.AUDIT_POLL_SECONDS,
    'AUDIT_POLL_SECONDS',
    300,
    { min: 30, max: 86_400 },
    problems,
  );
  const adminDigestAt = parseWeeklyTime(raw.ADMIN_DIGEST_AT, 'ADMIN_DIGEST_AT', problems);
  const maxOrgsPerUser = parseInteger(
    raw.MAX_ORGS_PER_USER,
    'MAX_ORGS_PER_USER',
    10,
    { min: 1, max: 100 },
    problems,
  );
  const renewDefaultDays = parseInteger(
    raw.RENEW_DEFAULT_DAYS,
    'RENEW_DEFAULT_DAYS',
    90,
    { min: 1, max: 365 },
    problems,
  );
  if (organizations.length > maxOrgsPerUser)
    problems.add(
      'ADO_ORGANIZATIONS',
      `lists ${organizations.length} organisations, more than MAX_ORGS_PER_USER (${maxOrgsPerUser}).`,
      'List fewer default organisations or raise MAX_ORGS_PER_USER.',
    );
  return {
    value: {
      organizations,
      maxOrgsPerUser,
      vsspsBaseUrl,
      scopes,
      auditBaseUrl,
      devBaseUrl,
      auditPollSeconds,
      adminDigestAt,
      renewDefaultDays,
    },
    problems: problems.list,
    warnings,
  };
}
