/** The shape of patbot's validated configuration (built by `loadConfig` from the slices in this folder). */
import type { CloudEndpoints } from '../cloud-endpoints';
import type { ParsedReminderEnv } from '../scheduler/parse-reminder-settings';
import type { WeeklyTime } from './weekly-time';

export type Env = Record<string, string | undefined>;
export type BotType = 'SingleTenant' | 'UserAssignedMsi';
/** Tenants whose Teams users patbot serves: `'any'`, or tenant ids (lower case). */
export type TenantPolicy = 'any' | readonly string[];
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface HttpConfig {
  readonly port: number;
  /** Interface to bind; forced to 127.0.0.1 when BOT_ID is empty (unauthenticated bot endpoint). */
  readonly host: string;
  /** Public https origin the bot is reached at (sign-in pages, Slack links, manifests). */
  readonly publicBaseUrl: string;
  readonly bodyLimitBytes: number;
  /** Bearer token that shows /readyz details to non-loopback callers (null: loopback only). */
  readonly readyzDetailToken: string | null;
}

export interface BotConfig {
  readonly id: string | null;
  readonly password: string | null;
  readonly tenantId: string | null;
  readonly type: BotType;
}

export interface TeamsConfig {
  /** App ID URI Teams issues SSO tokens for (default `api://botid-{BOT_ID}`). */
  readonly ssoResource: string | null;
  /** ALLOWED_TENANT_IDS (default: the bot's own tenant; any tenant in sandbox mode). */
  readonly allowedTenants: TenantPolicy;
}

export interface EntraConfig {
  readonly clientId: string | null;
  readonly clientSecret: string | null;
  readonly certPath: string | null;
  readonly certThumbprint: string | null;
  readonly tenantId: string | null;
  readonly authorityHost: string;
}

export interface AdoConfig {
  readonly organizations: readonly string[];
  /** How many organisations one person may look in (`pat orgs add` refuses more). */
  readonly maxOrgsPerUser: number;
  readonly vsspsBaseUrl: string;
  readonly scopes: readonly string[];
  /** Audit log host (`https://auditservice.dev.azure.com`): the admin watch. */
  readonly auditBaseUrl: string;
  /** Organisation host (`https://dev.azure.com`): the admin watch's permission check. */
  readonly devBaseUrl: string;
  /** AUDIT_POLL_SECONDS: how often each watched organisation's audit log is read (default 300). */
  readonly auditPollSeconds: number;
  /** ADMIN_DIGEST_AT: when the weekly admin digest goes out (weekday and UTC time, default `mon 08:00`). */
  readonly adminDigestAt: WeeklyTime;
  /** Days a one-click Renew (and `pat renew <name>` without a length) asks for; the org's policy may cap it. */
  readonly renewDefaultDays: number;
}

export interface SlackConfig {
  readonly signingSecret: string;
  readonly botToken: string;
  readonly apiUrl: string;
  /** The slash command the Slack app registers (`/pat`): how Slack people type commands. */
  readonly command: string;
}

export interface DatabaseConfig {
  readonly url: string;
  /** PostgreSQL sign-in: the URL's password, or a Microsoft Entra token (managed identity). */
  readonly auth: 'password' | 'entra';
  /** PostgreSQL: most pooled connections per instance. */
  readonly poolMax: number;
  /** PostgreSQL with `entra`: client id of a user-assigned managed identity (null: system-assigned / default). */
  readonly entraClientId: string | null;
}

export interface TokenCacheConfig {
  readonly key: Buffer;
  readonly previousKey: Buffer | null;
}

export type RemindersConfig = ParsedReminderEnv['settings'];

export interface Config {
  /** In-process Azure DevOps and Entra simulators with demo data; never with real credentials. */
  readonly sandbox: boolean;
  readonly http: HttpConfig;
  readonly bot: BotConfig;
  /** Bot Framework and Entra endpoints for AZURE_CLOUD, with any overrides applied. */
  readonly cloud: CloudEndpoints;
  readonly teams: TeamsConfig;
  readonly entra: EntraConfig;
  readonly ado: AdoConfig;
  readonly slack: SlackConfig | null;
  readonly database: DatabaseConfig;
  readonly tokenCache: TokenCacheConfig;
  readonly log: { readonly level: LogLevel };
  /** REMINDER_* settings for the scheduler (validated; defaults applied). */
  readonly reminders: RemindersConfig;
  /** Things worth a warning at start-up (logged by main). */
  readonly warnings: readonly string[];
}

/** What every slice reader returns: its part of the config, what is wrong, what is worth a warning. */
export interface Slice<T> {
  value: T;
  problems: string[];
  warnings?: string[];
}
