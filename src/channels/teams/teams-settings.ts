/** The Teams channel's settings, resolved once from the config and the caller's options. */
import type { INetworkModule } from '@azure/msal-node';
import type { TenantPolicy } from '../../config';
import type { TeamsChannelConfig } from '../deps';
import { resolveCloudEndpoints, type AzureCloud, type CloudEndpoints } from '../../cloud-endpoints';
import { allowedChannelIds } from './channel-gate';

export interface TeamsChannelOptions {
  /** Endpoints for the Azure cloud (default: public cloud, from BOT_TENANT_ID and AAD_APP_OAUTH_AUTHORITY_HOST). */
  endpoints?: CloudEndpoints;
  /** App ID URI Teams issues SSO tokens for (default `api://botid-{BOT_ID}`; config: TEAMS_SSO_RESOURCE). */
  ssoResource?: string;
  /** PATs per "Show more" step (default 10). */
  pageSize?: number;
  /**
   * How long a card action may take before its invoke is answered with a "still working" card
   * and the card is updated when the work finishes (default 4000 ms: Teams waits about 5 s).
   */
  cardActionDeadlineMs?: number;
  /**
   * How long Create replacement / Rotate may wait for Azure DevOps before the dialog answers
   * "Azure DevOps is slow, so I'm cancelling this" (default 4000 ms; a PAT created later is
   * revoked at once, since its value can no longer be shown).
   */
  dialogDeadlineMs?: number;
  /** Long commands (`pat admin expiring`): progress card after `afterMs` (default 3000), updated at most every `everyMs` (default 1500). */
  progress?: { afterMs: number; everyMs: number };
  /** msal network client for the bot's connector token (tests trust a local CA with it). */
  msalNetworkClient?: INetworkModule;
}

/** Teams waits about 5 s for an invoke answer; answer "still working" well before that. */
export const DEFAULT_CARD_ACTION_DEADLINE_MS = 4000;
/** The dialog (task/fetch, task/submit) has the same ~5 s; give up creating before that. */
export const DEFAULT_DIALOG_DEADLINE_MS = 4000;

export interface TeamsSettings {
  botId: string | null;
  endpoints: CloudEndpoints;
  ssoResource: string | null;
  publicBaseUrl: string;
  /** Teams web client for deep links (`https://teams.microsoft.com`, per cloud). */
  teamsWebUrl: string;
  pageSize: number;
  cardActionDeadlineMs: number;
  dialogDeadlineMs: number;
  progress: { afterMs: number; everyMs: number };
  /** Entra app + tenant + scopes the fallback sign-in page asks consent for. */
  signIn: { clientId: string | null; tenantId: string | null; authorityHost: string; scopes: string[] };
  /** Bot Framework channels `/api/messages` accepts (`msteams`; `emulator` too in sandbox mode). */
  allowedChannelIds: readonly string[];
  /** Tenants whose Teams users are served (ALLOWED_TENANT_IDS). */
  allowedTenants: TenantPolicy;
}

const TEAMS_WEB: Record<AzureCloud, string> = {
  public: 'https://teams.microsoft.com',
  usgov: 'https://teams.microsoft.com',
  usgovhigh: 'https://gov.teams.microsoft.us',
  dod: 'https://dod.teams.microsoft.us',
  china: 'https://teams.microsoftonline.cn',
};

export function resolveTeamsSettings(
  config: TeamsChannelConfig,
  options: TeamsChannelOptions = {},
): TeamsSettings {
  const endpoints =
    options.endpoints ??
    resolveCloudEndpoints({
      BOT_TENANT_ID: config.bot.tenantId ?? undefined,
      AAD_APP_OAUTH_AUTHORITY_HOST: config.entra.authorityHost,
    });
  const botId = config.bot.id;
  return {
    botId,
    endpoints,
    ssoResource: options.ssoResource ?? (botId ? `api://botid-${botId}` : null),
    publicBaseUrl: config.http.publicBaseUrl,
    teamsWebUrl: TEAMS_WEB[endpoints.cloud],
    pageSize: options.pageSize ?? 10,
    cardActionDeadlineMs: Math.max(1, options.cardActionDeadlineMs ?? DEFAULT_CARD_ACTION_DEADLINE_MS),
    dialogDeadlineMs: Math.max(1, options.dialogDeadlineMs ?? DEFAULT_DIALOG_DEADLINE_MS),
    progress: options.progress ?? { afterMs: 3000, everyMs: 1500 },
    signIn: {
      clientId: config.entra.clientId,
      tenantId: config.entra.tenantId,
      authorityHost: endpoints.entraAuthorityHost,
      scopes: [...config.ado.scopes],
    },
    allowedChannelIds: allowedChannelIds(config.sandbox),
    allowedTenants: config.teams.allowedTenants,
  };
}
