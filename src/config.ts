/**
 * The only reader of `process.env`. Parses, validates and freezes patbot's configuration and
 * fails fast with the variable's name and how to fix it. Every variable is documented in
 * env.sample and docs/configuration.md; keep the three in step.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { CloudEndpointError, resolveCloudEndpoints, type CloudEndpoints } from './cloud-endpoints';
import { CodedError } from './errors';
import { parseReminderEnv, type ParsedReminderEnv } from './scheduler/parse-reminder-settings';

export type Env = Record<string, string | undefined>;

/** The process environment (this module is the only place that touches `process.env`). */
export function processEnv(): Env {
  return { ...process.env };
}

export type BotType = 'SingleTenant' | 'UserAssignedMsi';
/** Tenants whose Teams users patbot serves: `'any'`, or tenant ids (lower case). */
export type TenantPolicy = 'any' | readonly string[];
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  /** In-process Azure DevOps and Entra simulators with demo data; never with real credentials. */
  readonly sandbox: boolean;
  readonly http: {
    readonly port: number;
    /** Interface to bind; forced to 127.0.0.1 when BOT_ID is empty (unauthenticated bot endpoint). */
    readonly host: string;
    /** Public https origin the bot is reached at (sign-in pages, Slack links, manifests). */
    readonly publicBaseUrl: string;
    readonly bodyLimitBytes: number;
    /** Bearer token that shows /readyz details to non-loopback callers (null: loopback only). */
    readonly readyzDetailToken: string | null;
  };
  readonly bot: {
    readonly id: string | null;
    readonly password: string | null;
    readonly tenantId: string | null;
    readonly type: BotType;
  };
  /** Bot Framework and Entra endpoints for AZURE_CLOUD, with any overrides applied. */
  readonly cloud: CloudEndpoints;
  readonly teams: {
    /** App ID URI Teams issues SSO tokens for (default `api://botid-{BOT_ID}`). */
    readonly ssoResource: string | null;
    /** ALLOWED_TENANT_IDS (default: the bot's own tenant; any tenant in sandbox mode). */
    readonly allowedTenants: TenantPolicy;
  };
  readonly entra: {
    readonly clientId: string | null;
    readonly clientSecret: string | null;
    readonly certPath: string | null;
    readonly certThumbprint: string | null;
    readonly tenantId: string | null;
    readonly authorityHost: string;
  };
  readonly ado: {
    readonly organizations: readonly string[];
    readonly vsspsBaseUrl: string;
    readonly scopes: readonly string[];
  };
  readonly slack: {
    readonly signingSecret: string;
    readonly botToken: string;
    readonly apiUrl: string;
  } | null;
  readonly database: {
    readonly url: string;
    /** PostgreSQL sign-in: the URL's password, or a Microsoft Entra token (managed identity). */
    readonly auth: 'password' | 'entra';
    /** PostgreSQL: most pooled connections per instance. */
    readonly poolMax: number;
    /** PostgreSQL with `entra`: client id of a user-assigned managed identity (null: system-assigned / default). */
    readonly entraClientId: string | null;
  };
  readonly tokenCache: { readonly key: Buffer; readonly previousKey: Buffer | null };
  readonly log: { readonly level: LogLevel };
  /** REMINDER_* settings for the scheduler (validated; defaults applied). */
  readonly reminders: ParsedReminderEnv['settings'];
  /** Things worth a warning at start-up (logged by main). */
  readonly warnings: readonly string[];
}

const ORG_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,48}[A-Za-z0-9]?$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Key used in sandbox mode when TOKEN_CACHE_KEY is not set: public, so only for demo data. */
const SANDBOX_CACHE_KEY = createHash('sha256').update('patbot-sandbox-only-not-a-secret').digest();

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const schema = z.object({
  PORT: optional,
  HOST: optional,
  PUBLIC_BASE_URL: optional,
  BOT_ID: optional,
  BOT_PASSWORD: optional,
  BOT_TENANT_ID: optional,
  BOT_TYPE: optional,
  AAD_APP_CLIENT_ID: optional,
  AAD_APP_CLIENT_SECRET: optional,
  AAD_APP_CERT_PATH: optional,
  AAD_APP_CERT_THUMBPRINT: optional,
  AAD_APP_TENANT_ID: optional,
  AAD_APP_OAUTH_AUTHORITY_HOST: optional,
  ADO_ORGANIZATIONS: optional,
  ADO_VSSPS_BASE_URL: optional,
  ADO_SCOPES: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_BOT_TOKEN: optional,
  SLACK_API_URL: optional,
  DATABASE_URL: optional,
  DATABASE_AUTH: optional,
  DATABASE_POOL_MAX: optional,
  DATABASE_ENTRA_CLIENT_ID: optional,
  TOKEN_CACHE_KEY: optional,
  TOKEN_CACHE_KEY_PREVIOUS: optional,
  LOG_LEVEL: optional,
  SANDBOX: optional,
  HTTP_BODY_LIMIT_BYTES: optional,
  AZURE_CLOUD: optional,
  BOT_OPENID_METADATA_URL: optional,
  BOT_EMULATOR_OPENID_METADATA_URL: optional,
  BOT_TOKEN_ISSUER: optional,
  BOT_LOGIN_URL: optional,
  BOT_OAUTH_SCOPE: optional,
  BOT_OAUTH_URL: optional,
  TEAMS_SSO_RESOURCE: optional,
  ALLOWED_TENANT_IDS: optional,
  READYZ_DETAIL_TOKEN: optional,
  REMINDER_CRON: optional,
  REMINDER_THRESHOLDS_DAYS: optional,
  REMINDER_WORKING_HOURS: optional,
  REMINDER_DEFAULT_TIMEZONE: optional,
  REMINDER_CONCURRENCY: optional,
  SWEEP_STALE_SECONDS: optional,
});

type Raw = z.infer<typeof schema>;

class Problems {
  readonly list: string[] = [];
  add(variable: string, problem: string, fix: string): void {
    this.list.push(`${variable}: ${problem} ${fix}`);
  }
}

function parseBool(value: string | undefined, name: string, problems: Problems): boolean | undefined {
  if (value === undefined) return undefined;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  problems.add(name, `"${value}" is not a yes/no value.`, 'Use 1 or 0.');
  return undefined;
}

function parseUrl(value: string, name: string, problems: Problems): string {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('protocol');
    return value.replace(/\/+$/, '');
  } catch {
    problems.add(name, `"${value}" is not an http(s) URL.`, 'Use a full URL such as https://example.com.');
    return value;
  }
}

function isLoopbackUrl(value: string): boolean {
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(value).hostname);
  } catch {
    return false;
  }
}

function parseInteger(
  value: string | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: Problems,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.add(name, `"${value}" is not a whole number from ${min} to ${max}.`, `Use e.g. ${fallback}.`);
    return fallback;
  }
  return n;
}

/** Accepts 32 bytes as base64 or 64 hex characters. */
function parseKey(value: string | undefined, name: string, problems: Problems): Buffer | null {
  if (value === undefined) return null;
  const buf = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (buf.length !== 32) {
    problems.add(
      name,
      'must be 32 random bytes (base64 or 64 hex characters).',
      "Generate one with: node -e \"console.log(require('crypto').randomBytes(32).toString('base64'))\"",
    );
    return null;
  }
  return buf;
}

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

function parseDetailToken(value: string | undefined, problems: Problems): string | null {
  if (value === undefined) return null;
  if (value.length < 16 || /\s/.test(value)) {
    problems.add(
      'READYZ_DETAIL_TOKEN',
      'must be at least 16 characters without spaces.',
      "Generate one with: node -e \"console.log(require('crypto').randomBytes(24).toString('base64url'))\"",
    );
    return null;
  }
  return value;
}

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * Reads and validates the configuration. Throws a `config.invalid` CodedError that lists every
 * problem found, each with the variable's name and how to fix it.
 */
export function loadConfig(env: Env = process.env): Config {
  const raw: Raw = schema.parse(env);
  const problems = new Problems();
  const warnings: string[] = [];

  const sandboxFlag = parseBool(raw.SANDBOX, 'SANDBOX', problems);
  const sandbox = sandboxFlag ?? (raw.BOT_ID === undefined && raw.AAD_APP_CLIENT_ID === undefined);
  // Slack pointed at a loopback fake (tests, demos) is not a real credential.
  const slackIsLocal = raw.SLACK_API_URL !== undefined && isLoopbackUrl(raw.SLACK_API_URL);
  const real = (['BOT_ID', 'BOT_PASSWORD', 'AAD_APP_CLIENT_SECRET', 'SLACK_BOT_TOKEN'] as const).filter(
    (k) =>
      raw[k] !== undefined &&
      !(k === 'SLACK_BOT_TOKEN' && (raw[k]?.startsWith('xoxb-sandbox') || slackIsLocal)),
  );
  if (sandbox && sandboxFlag === true && real.length > 0) {
    problems.add(
      'SANDBOX',
      `is 1 but real credentials are set (${real.join(', ')}); sandbox mode never runs with real credentials.`,
      'Unset SANDBOX (or set SANDBOX=0) to use them, or unset the credentials for a sandbox run.',
    );
  } else if (sandbox && sandboxFlag === undefined && real.length > 0) {
    problems.add(
      'AAD_APP_CLIENT_ID',
      `is not set, which would mean sandbox mode, but real credentials are set (${real.join(', ')}).`,
      'Set AAD_APP_CLIENT_ID (and BOT_ID for Teams) to run for real, or unset the credentials for a sandbox run.',
    );
  }

  const port = parseInteger(raw.PORT, 'PORT', 3978, 0, 65535, problems);
  const botId = raw.BOT_ID ?? null;
  let host = raw.HOST ?? (botId ? '0.0.0.0' : '127.0.0.1');
  if (!botId && host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    warnings.push(
      `BOT_ID is empty, so /api/messages accepts unauthenticated requests: binding to 127.0.0.1 instead of HOST=${host}.`,
    );
    host = '127.0.0.1';
  } else if (!botId) {
    warnings.push('BOT_ID is empty: /api/messages accepts unauthenticated requests (loopback only).');
  }

  const publicBaseUrl = parseUrl(
    raw.PUBLIC_BASE_URL ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    'PUBLIC_BASE_URL',
    problems,
  );

  let botType: BotType = 'SingleTenant';
  if (raw.BOT_TYPE !== undefined) {
    const t = raw.BOT_TYPE.toLowerCase();
    if (t === 'singletenant') botType = 'SingleTenant';
    else if (t === 'userassignedmsi') botType = 'UserAssignedMsi';
    else
      problems.add(
        'BOT_TYPE',
        `"${raw.BOT_TYPE}" is not supported.`,
        'Use SingleTenant or UserAssignedMsi (new multi-tenant bots cannot be created since 2025-07-31).',
      );
  }
  if (botId) {
    if (!GUID.test(botId))
      problems.add(
        'BOT_ID',
        'must be the Azure Bot app id (a GUID).',
        'Copy it from the Azure Bot resource.',
      );
    if (!raw.BOT_TENANT_ID)
      problems.add(
        'BOT_TENANT_ID',
        `is required when BOT_ID is set (${botType}).`,
        'Set it to your Entra tenant id.',
      );
    if (botType === 'SingleTenant' && !raw.BOT_PASSWORD)
      problems.add(
        'BOT_PASSWORD',
        'is required for a SingleTenant bot.',
        'Set the bot app registration client secret.',
      );
    if (botType === 'UserAssignedMsi' && raw.BOT_PASSWORD)
      problems.add(
        'BOT_PASSWORD',
        'must be empty for a UserAssignedMsi bot.',
        'Unset it; the managed identity signs in.',
      );
  }

  let cloud: CloudEndpoints | null = null;
  try {
    cloud = resolveCloudEndpoints(raw);
  } catch (error) {
    if (!(error instanceof CloudEndpointError)) throw error;
    problems.add(
      error.variable,
      error.message.replace(/^[A-Z_]+: /, ''),
      'Use public, usgov, usgovhigh, dod or china for AZURE_CLOUD, and full https URLs for endpoint overrides.',
    );
  }
  const authorityHost = parseUrl(
    raw.AAD_APP_OAUTH_AUTHORITY_HOST ?? cloud?.entraAuthorityHost ?? 'https://login.microsoftonline.com',
    'AAD_APP_OAUTH_AUTHORITY_HOST',
    problems,
  );
  if (!sandbox) {
    if (!raw.AAD_APP_CLIENT_ID)
      problems.add(
        'AAD_APP_CLIENT_ID',
        'is required outside sandbox mode.',
        'Set the Entra app registration id (see docs/deploy.md), or run with SANDBOX=1.',
      );
    if (!raw.AAD_APP_TENANT_ID)
      problems.add('AAD_APP_TENANT_ID', 'is required outside sandbox mode.', 'Set your Entra tenant id.');
    if (!raw.AAD_APP_CLIENT_SECRET && !raw.AAD_APP_CERT_PATH)
      problems.add(
        'AAD_APP_CLIENT_SECRET',
        'or AAD_APP_CERT_PATH is required outside sandbox mode.',
        'Set the app registration client secret, or a certificate with AAD_APP_CERT_PATH and AAD_APP_CERT_THUMBPRINT.',
      );
    if (raw.AAD_APP_CERT_PATH && !raw.AAD_APP_CERT_THUMBPRINT)
      problems.add(
        'AAD_APP_CERT_THUMBPRINT',
        'is required with AAD_APP_CERT_PATH.',
        'Set the certificate thumbprint (hex).',
      );
    if (!raw.TOKEN_CACHE_KEY)
      problems.add(
        'TOKEN_CACHE_KEY',
        'is required outside sandbox mode (it encrypts the token cache at rest).',
        "Generate one with: node -e \"console.log(require('crypto').randomBytes(32).toString('base64'))\"",
      );
  }

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
  if (!sandbox) {
    for (const [name, value] of [
      ['ADO_VSSPS_BASE_URL', vsspsBaseUrl],
      ['AAD_APP_OAUTH_AUTHORITY_HOST', authorityHost],
    ] as const) {
      if (value.startsWith('http:') && !isLoopbackUrl(value))
        problems.add(name, 'must be an https URL: it receives Microsoft Entra tokens.', 'Use https://….');
    }
  }

  let slack: Config['slack'] = null;
  if (raw.SLACK_SIGNING_SECRET || raw.SLACK_BOT_TOKEN) {
    if (!raw.SLACK_SIGNING_SECRET)
      problems.add(
        'SLACK_SIGNING_SECRET',
        'is required with SLACK_BOT_TOKEN.',
        "Copy it from the Slack app's Basic Information page.",
      );
    if (!raw.SLACK_BOT_TOKEN)
      problems.add(
        'SLACK_BOT_TOKEN',
        'is required with SLACK_SIGNING_SECRET.',
        'Copy the xoxb- token from OAuth & Permissions.',
      );
    slack = {
      signingSecret: raw.SLACK_SIGNING_SECRET ?? '',
      botToken: raw.SLACK_BOT_TOKEN ?? '',
      apiUrl: parseUrl(raw.SLACK_API_URL ?? 'https://slack.com/api/', 'SLACK_API_URL', problems) + '/',
    };
  }

  const databaseUrl = raw.DATABASE_URL ?? 'sqlite:./data/patbot.db';
  if (!/^(sqlite:|file:|postgres(ql)?:\/\/)/.test(databaseUrl) && !/\.(db|sqlite3?)$/.test(databaseUrl)) {
    problems.add(
      'DATABASE_URL',
      `"${databaseUrl.replace(/\/\/[^@/]*@/, '//***@')}" is not a database URL patbot knows.`,
      'Use sqlite:./data/patbot.db (a file) or postgres://user:password@host/db.',
    );
  }
  const databaseAuth = (raw.DATABASE_AUTH ?? 'password').toLowerCase();
  if (databaseAuth !== 'password' && databaseAuth !== 'entra')
    problems.add(
      'DATABASE_AUTH',
      `"${raw.DATABASE_AUTH}" is not password or entra.`,
      'Use password (default) or entra.',
    );
  const isPostgres = /^postgres(ql)?:\/\//i.test(databaseUrl);
  if (databaseAuth === 'entra' && !isPostgres)
    problems.add(
      'DATABASE_AUTH',
      'entra works only with a postgres:// DATABASE_URL.',
      'Unset DATABASE_AUTH for SQLite.',
    );
  const databasePoolMax = parseInteger(raw.DATABASE_POOL_MAX, 'DATABASE_POOL_MAX', 10, 1, 200, problems);
  if (raw.DATABASE_ENTRA_CLIENT_ID !== undefined && !GUID.test(raw.DATABASE_ENTRA_CLIENT_ID))
    problems.add(
      'DATABASE_ENTRA_CLIENT_ID',
      `"${raw.DATABASE_ENTRA_CLIENT_ID}" is not a GUID.`,
      'Use the client id of the user-assigned managed identity (MANAGED_IDENTITY_CLIENT_ID of the Bicep outputs).',
    );

  const key = parseKey(raw.TOKEN_CACHE_KEY, 'TOKEN_CACHE_KEY', problems);
  const previousKey = parseKey(raw.TOKEN_CACHE_KEY_PREVIOUS, 'TOKEN_CACHE_KEY_PREVIOUS', problems);
  if (sandbox && !key) warnings.push('TOKEN_CACHE_KEY is not set: sandbox mode uses a public demo key.');

  const level = (raw.LOG_LEVEL ?? 'info').toLowerCase() as LogLevel;
  if (!LOG_LEVELS.includes(level))
    problems.add(
      'LOG_LEVEL',
      `"${raw.LOG_LEVEL}" is not a log level.`,
      `Use one of ${LOG_LEVELS.join(', ')}.`,
    );

  const bodyLimitBytes = parseInteger(
    raw.HTTP_BODY_LIMIT_BYTES,
    'HTTP_BODY_LIMIT_BYTES',
    256 * 1024,
    1024,
    10 * 1024 * 1024,
    problems,
  );

  const allowedTenants = parseTenantPolicy(raw, sandbox, problems, warnings);
  const readyzDetailToken = parseDetailToken(raw.READYZ_DETAIL_TOKEN, problems);

  const reminders = parseReminderEnv(raw);
  problems.list.push(...reminders.problems);

  if (problems.list.length > 0 || cloud === null) {
    throw new CodedError(
      'config.invalid',
      `patbot cannot start: ${problems.list.length} configuration problem(s).\n- ${problems.list.join('\n- ')}`,
      {
        nextStep: 'Fix the variables above (env.sample documents each one) and start again.',
        details: { problems: problems.list },
      },
    );
  }

  const config: Config = {
    sandbox,
    http: { port, host, publicBaseUrl, bodyLimitBytes, readyzDetailToken },
    bot: {
      id: botId,
      password: raw.BOT_PASSWORD ?? null,
      tenantId: raw.BOT_TENANT_ID ?? null,
      type: botType,
    },
    cloud,
    teams: {
      ssoResource: raw.TEAMS_SSO_RESOURCE ?? (botId ? `api://botid-${botId}` : null),
      allowedTenants,
    },
    entra: {
      clientId: raw.AAD_APP_CLIENT_ID ?? null,
      clientSecret: raw.AAD_APP_CLIENT_SECRET ?? null,
      certPath: raw.AAD_APP_CERT_PATH ?? null,
      certThumbprint: raw.AAD_APP_CERT_THUMBPRINT ?? null,
      tenantId: raw.AAD_APP_TENANT_ID ?? null,
      authorityHost,
    },
    ado: {
      organizations,
      vsspsBaseUrl,
      scopes,
    },
    slack,
    database: {
      url: databaseUrl,
      auth: databaseAuth === 'entra' ? 'entra' : 'password',
      poolMax: databasePoolMax,
      entraClientId: raw.DATABASE_ENTRA_CLIENT_ID ?? null,
    },
    tokenCache: { key: key ?? SANDBOX_CACHE_KEY, previousKey },
    log: { level },
    reminders: reminders.settings,
    warnings,
  };
  return deepFreeze(config);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
