/** BOT_*, AZURE_CLOUD and its endpoint overrides, TEAMS_SSO_RESOURCE, ALLOWED_TENANT_IDS: the Teams bot. */
import { CloudEndpointError, resolveCloudEndpoints, type CloudEndpoints } from '../cloud-endpoints';
import { GUID, Problems } from './parse';
import type { Raw } from './schema';
import type { BotConfig, BotType, Slice, TeamsConfig, TenantPolicy } from './types';

export interface BotSlice {
  bot: BotConfig;
  /** Null only when AZURE_CLOUD or an endpoint override is invalid (then there is a problem). */
  cloud: CloudEndpoints | null;
  teams: TeamsConfig;
}

function parseBotType(raw: Raw, problems: Problems): BotType {
  if (raw.BOT_TYPE === undefined) return 'SingleTenant';
  const t = raw.BOT_TYPE.toLowerCase();
  if (t === 'singletenant') return 'SingleTenant';
  if (t === 'userassignedmsi') return 'UserAssignedMsi';
  problems.add(
    'BOT_TYPE',
    `"${raw.BOT_TYPE}" is not supported.`,
    'Use SingleTenant or UserAssignedMsi (new multi-tenant bots cannot be created since 2025-07-31).',
  );
  return 'SingleTenant';
}

function checkBotCredentials(raw: Raw, botId: string, botType: BotType, problems: Problems): void {
  if (!GUID.test(botId))
    problems.add('BOT_ID', 'must be the Azure Bot app id (a GUID).', 'Copy it from the Azure Bot resource.');
  if (!raw.BOT_TENANT_ID)
    problems.missing(
      'BOT_TENANT_ID',
      `it is required when BOT_ID is set (${botType}).`,
      'Set it to your Entra tenant id.',
    );
  if (botType === 'SingleTenant' && !raw.BOT_PASSWORD)
    problems.missing(
      'BOT_PASSWORD',
      'it is required for a SingleTenant bot.',
      'Set the bot app registration client secret.',
    );
  if (botType === 'UserAssignedMsi' && raw.BOT_PASSWORD)
    problems.add(
      'BOT_PASSWORD',
      'must be empty for a UserAssignedMsi bot.',
      'Unset it; the managed identity signs in.',
    );
}

function cloudFrom(raw: Raw, problems: Problems): CloudEndpoints | null {
  try {
    return resolveCloudEndpoints(raw);
  } catch (error) {
    if (!(error instanceof CloudEndpointError)) throw error;
    problems.add(
      error.variable,
      error.message.replace(/^[A-Z_]+: /, ''),
      'Use public, usgov, usgovhigh, dod or china for AZURE_CLOUD, and full https URLs for endpoint overrides.',
    );
    return null;
  }
}

/** ALLOWED_TENANT_IDS: `*` (any), GUIDs, or by default the bot's own tenant (any in sandbox). */
function parseTenantPolicy(raw: Raw, sandbox: boolean, problems: Problems, warnings: string[]): TenantPolicy {
  const value = raw.ALLOWED_TENANT_IDS;
  if (value === undefined) {
    if (sandbox) return 'any';
    const own = [raw.BOT_TENANT_ID, raw.AAD_APP_TENANT_ID].filter((t): t is string => !!t && GUID.test(t));
    if (raw.BOT_ID && own.length === 0)
      problems.add(
        'ALLOWED_TENANT_IDS',
        'has no default: neither BOT_TENANT_ID nor AAD_APP_TENANT_ID is a tenant id (a GUID).',
        'Set it to the tenant ids whose Teams users patbot serves, comma-separated.',
      );
    return [...new Set(own.map((t) => t.toLowerCase()))];
  }
  if (value === '*') {
    if (!sandbox) warnings.push('ALLOWED_TENANT_IDS is *: Teams users of any tenant are served.');
    return 'any';
  }
  const ids = value.split(/[\s,]+/).filter(Boolean);
  for (const id of ids.filter((t) => !GUID.test(t)))
    problems.add(
      'ALLOWED_TENANT_IDS',
      `"${id}" is not a tenant id (a GUID).`,
      'List Entra tenant ids separated by commas, or * for any tenant.',
    );
  return [...new Set(ids.map((t) => t.toLowerCase()))];
}

export function botFrom(raw: Raw, sandbox: boolean): Slice<BotSlice> {
  const problems = new Problems();
  const warnings: string[] = [];
  const botId = raw.BOT_ID ?? null;
  const type = parseBotType(raw, problems);
  if (botId) checkBotCredentials(raw, botId, type, problems);
  const cloud = cloudFrom(raw, problems);
  const allowedTenants = parseTenantPolicy(raw, sandbox, problems, warnings);
  return {
    value: {
      bot: { id: botId, password: raw.BOT_PASSWORD ?? null, tenantId: raw.BOT_TENANT_ID ?? null, type },
      cloud,
      teams: {
        ssoResource: raw.TEAMS_SSO_RESOURCE ?? (botId ? `api://botid-${botId}` : null),
        allowedTenants,
      },
    },
    problems: problems.list,
    warnings,
  };
}
