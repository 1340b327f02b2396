/**
 * Bot Framework and Microsoft Entra endpoints per Azure cloud, and how configuration overrides
 * them. A pure function of an env-like input, so `src/config/` can call it and tests can too.
 *
 * Sources: botframework-connector `AuthenticationConstants` / `GovernmentConstants` (public and
 * US Government), and "Configure a bot in Microsoft Azure operated by 21Vianet" (bot-docs) for
 * China. Teams GCC (moderate) tenants live in the commercial cloud and use the public Bot
 * Framework; GCC High and DoD use Azure Government.
 */

export const AZURE_CLOUDS = ['public', 'usgov', 'usgovhigh', 'dod', 'china'] as const;
export type AzureCloud = (typeof AZURE_CLOUDS)[number];

export interface CloudEndpoints {
  cloud: AzureCloud;
  /** botbuilder `ChannelService` (empty for public). Informational: every endpoint below is explicit. */
  channelService: string;
  /** Inbound: OpenID metadata of the channel's token signer (`ToBotFromChannelOpenIdMetadataUrl`). */
  openIdMetadataUrl: string;
  /** Inbound: OpenID metadata for Emulator/skill tokens (`ToBotFromEmulatorOpenIdMetadataUrl`). */
  emulatorOpenIdMetadataUrl: string;
  /** Inbound: the `iss` of channel tokens (`ToBotFromChannelTokenIssuer`). */
  tokenIssuer: string;
  /** Outbound: the authority the bot gets its connector token from (`ToChannelFromBotLoginUrl`). */
  loginUrl: string;
  /** Outbound: the resource of the connector token (`ToChannelFromBotOAuthScope`). */
  oauthScope: string;
  /** Bot Framework token service (`OAuthUrl`); patbot does not use OAuth connections. */
  oauthUrl: string;
  /** Microsoft Entra authority host for user sign-in (msal-node). */
  entraAuthorityHost: string;
  /** True when a host is not one of Microsoft's: msal-node then needs `knownAuthorities`. */
  customLoginHost: boolean;
}

interface CloudDefaults {
  channelService: string;
  openIdMetadataUrl: string;
  emulatorOpenIdMetadataUrl: string;
  tokenIssuer: string;
  loginHost: string;
  /** Tenant in the login URL for multi-tenant bots (single-tenant bots use their own tenant). */
  channelAuthTenant: string;
  oauthScope: string;
  oauthUrl: string;
}

const PUBLIC: CloudDefaults = {
  channelService: '',
  openIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  emulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  tokenIssuer: 'https://api.botframework.com',
  loginHost: 'https://login.microsoftonline.com',
  channelAuthTenant: 'botframework.com',
  oauthScope: 'https://api.botframework.com',
  oauthUrl: 'https://api.botframework.com',
};

const US_GOVERNMENT: CloudDefaults = {
  channelService: 'https://botframework.azure.us',
  openIdMetadataUrl: 'https://login.botframework.azure.us/v1/.well-known/openidconfiguration',
  emulatorOpenIdMetadataUrl:
    'https://login.microsoftonline.us/cab8a31a-1906-4287-a0d8-4eef66b95f6e/v2.0/.well-known/openid-configuration',
  tokenIssuer: 'https://api.botframework.us',
  loginHost: 'https://login.microsoftonline.us',
  channelAuthTenant: 'MicrosoftServices.onmicrosoft.us',
  oauthScope: 'https://api.botframework.us',
  oauthUrl: 'https://api.botframework.azure.us',
};

const CHINA: CloudDefaults = {
  channelService: 'https://botframework.azure.cn',
  openIdMetadataUrl: 'https://login.botframework.azure.cn/v1/.well-known/openidconfiguration',
  emulatorOpenIdMetadataUrl:
    'https://login.partner.microsoftonline.cn/a55a4d5b-9241-49b1-b4ff-befa8db00269/v2.0/.well-known/openid-configuration',
  tokenIssuer: 'https://api.botframework.azure.cn',
  loginHost: 'https://login.partner.microsoftonline.cn',
  channelAuthTenant: 'microsoftservices.partner.onmschina.cn',
  oauthScope: 'https://api.botframework.azure.cn',
  oauthUrl: 'https://token.botframework.azure.cn',
};

const TABLE: Record<AzureCloud, CloudDefaults> = {
  public: PUBLIC,
  usgov: PUBLIC, // GCC (moderate): commercial Entra and the public Bot Framework.
  usgovhigh: US_GOVERNMENT,
  dod: US_GOVERNMENT,
  china: CHINA,
};

const MICROSOFT_LOGIN_HOSTS = new Set([
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'login.partner.microsoftonline.cn',
  'login.chinacloudapi.cn',
  'login.windows.net',
  'login.microsoft.com',
  'sts.windows.net',
]);

/** The env-like input: names as in `src/config/`; empty strings count as unset. */
export interface CloudEndpointInput {
  AZURE_CLOUD?: string;
  BOT_TENANT_ID?: string;
  BOT_OPENID_METADATA_URL?: string;
  BOT_EMULATOR_OPENID_METADATA_URL?: string;
  BOT_TOKEN_ISSUER?: string;
  BOT_LOGIN_URL?: string;
  BOT_OAUTH_SCOPE?: string;
  BOT_OAUTH_URL?: string;
  AAD_APP_OAUTH_AUTHORITY_HOST?: string;
}

export class CloudEndpointError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'CloudEndpointError';
  }
}

function present(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Loopback only: a local stand-in (tests, `npm run bench`) can never be a remote host. */
function isLoopback(parsed: URL): boolean {
  return LOOPBACK_HOSTS.has(parsed.hostname.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(parsed.hostname);
}

/**
 * Endpoints patbot trusts (the OpenID metadata whose keys sign inbound channel tokens) or sends
 * its bot secret to (the login URL) must be https; plain http is accepted only on loopback, where
 * the tests and `npm run bench` run their local channel issuer and Entra stand-in.
 */
const TRUSTED = new Set(['BOT_OPENID_METADATA_URL', 'BOT_EMULATOR_OPENID_METADATA_URL', 'BOT_LOGIN_URL']);

function url(value: string, variable: string, exact: boolean): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('protocol');
  } catch {
    throw new CloudEndpointError(variable, `${variable}: "${value}" is not an http(s) URL.`);
  }
  if (TRUSTED.has(variable) && parsed.protocol === 'http:' && !isLoopback(parsed)) {
    throw new CloudEndpointError(
      variable,
      `${variable}: "${value}" must be https (plain http is accepted only for a loopback test issuer).`,
    );
  }
  return exact ? value : value.replace(/\/+$/, '');
}

export function parseAzureCloud(value: string | undefined): AzureCloud {
  const v = (present(value) ?? 'public').toLowerCase();
  if ((AZURE_CLOUDS as readonly string[]).includes(v)) return v as AzureCloud;
  throw new CloudEndpointError(
    'AZURE_CLOUD',
    `AZURE_CLOUD: "${value}" is not one of ${AZURE_CLOUDS.join(', ')}.`,
  );
}

/** Resolves every endpoint: the cloud's default unless the matching variable overrides it. */
export function resolveCloudEndpoints(input: CloudEndpointInput): CloudEndpoints {
  const cloud = parseAzureCloud(input.AZURE_CLOUD);
  const d = TABLE[cloud];
  // Issuers are compared character for character, so they are kept exactly as given.
  const pick = (variable: keyof CloudEndpointInput, fallback: string, exact = false): string => {
    const v = present(input[variable]);
    return v === undefined ? fallback : url(v, variable, exact);
  };
  const tenant = present(input.BOT_TENANT_ID) ?? d.channelAuthTenant;
  const loginUrl = pick('BOT_LOGIN_URL', `${d.loginHost}/${tenant}`);
  const entraAuthorityHost = pick('AAD_APP_OAUTH_AUTHORITY_HOST', d.loginHost);
  const isCustom = (u: string): boolean => !MICROSOFT_LOGIN_HOSTS.has(new URL(u).hostname.toLowerCase());
  return {
    cloud,
    channelService: d.channelService,
    openIdMetadataUrl: pick('BOT_OPENID_METADATA_URL', d.openIdMetadataUrl),
    emulatorOpenIdMetadataUrl: pick('BOT_EMULATOR_OPENID_METADATA_URL', d.emulatorOpenIdMetadataUrl),
    tokenIssuer: pick('BOT_TOKEN_ISSUER', d.tokenIssuer, true),
    loginUrl,
    oauthScope: pick('BOT_OAUTH_SCOPE', d.oauthScope),
    oauthUrl: pick('BOT_OAUTH_URL', d.oauthUrl),
    entraAuthorityHost,
    customLoginHost: isCustom(loginUrl) || isCustom(entraAuthorityHost),
  };
}
