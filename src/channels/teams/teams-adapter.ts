/**
 * The botbuilder side of hosting: a teams-ai `TeamsAdapter` (botbuilder's CloudAdapter) whose
 * inbound JWT validation and outbound connector tokens use the resolved cloud endpoints.
 *
 * - BOT_ID set: every request must carry a Bot Framework JWT (issuer, audience = BOT_ID,
 *   signature from the configured OpenID metadata, `serviceurl` claim = activity.serviceUrl).
 * - BOT_ID empty (sandbox / Agents Playground): anonymous requests are accepted and replies go
 *   out without a token (config binds the server to loopback in that case).
 *
 * All of botbuilder's parameterised endpoints are passed at once: once one is given, botbuilder
 * leaves any missing one undefined (docs/reference/teams.md §9).
 */
import { ConfidentialClientApplication, type INetworkModule } from '@azure/msal-node';
import {
  ConfigurationServiceClientCredentialFactory,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import {
  AuthenticationError,
  MsalServiceClientCredentialsFactory,
  type BotFrameworkAuthentication,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';
// Deep import: the package index also loads teams-ai's AI stack (see teams-app.ts).
import { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter';
import type { Config } from '../../config';

/** The part of the configuration the adapter reads: the bot registration. */
type BotSlice = Pick<Config, 'bot'>;
import type { CloudEndpoints } from '../../cloud-endpoints';
import { cacheInboundAuthentication } from './inbound-auth-cache';

export interface TeamsAdapterOptions {
  /** msal-node network client for the bot's own connector token (tests: trust a local CA). */
  msalNetworkClient?: INetworkModule;
}

/** botbuilder's endpoint settings, every one of them explicit. */
export function botFrameworkAuthOptions(
  config: BotSlice,
  endpoints: CloudEndpoints,
): ConfigurationBotFrameworkAuthenticationOptions {
  return {
    MicrosoftAppId: config.bot.id ?? '',
    MicrosoftAppTenantId: config.bot.tenantId ?? '',
    MicrosoftAppType: config.bot.type,
    ToBotFromChannelOpenIdMetadataUrl: endpoints.openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: endpoints.emulatorOpenIdMetadataUrl,
    ToBotFromChannelTokenIssuer: endpoints.tokenIssuer,
    ToChannelFromBotLoginUrl: endpoints.loginUrl,
    ToChannelFromBotOAuthScope: endpoints.oauthScope,
    OAuthUrl: endpoints.oauthUrl,
    ValidateAuthority: true,
  };
}

/** Credentials for outbound calls (and the app id inbound tokens must be addressed to). */
export function botCredentialsFactory(
  config: BotSlice,
  endpoints: CloudEndpoints,
  options: TeamsAdapterOptions = {},
): ServiceClientCredentialsFactory {
  const { id, password, tenantId, type } = config.bot;
  if (!id) return new ConfigurationServiceClientCredentialFactory({}); // authentication disabled
  if (type === 'UserAssignedMsi' || !password) {
    return new ConfigurationServiceClientCredentialFactory({
      MicrosoftAppId: id,
      MicrosoftAppType: type,
      MicrosoftAppTenantId: tenantId ?? undefined,
    });
  }
  const cca = new ConfidentialClientApplication({
    auth: {
      clientId: id,
      clientSecret: password,
      authority: endpoints.loginUrl,
      knownAuthorities: [new URL(endpoints.loginUrl).host],
    },
    system: options.msalNetworkClient ? { networkClient: options.msalNetworkClient } : undefined,
  });
  // SDK boundary: botframework-connector types its own msal-node 2.x copy; the runtime contract
  // it uses (acquireTokenByClientCredential) is the same in msal-node 7.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return new MsalServiceClientCredentialsFactory(id, cca as any);
}

const JWT_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/**
 * botbuilder reports a bad signature or a malformed token as a plain `JsonWebTokenError`, which
 * CloudAdapter answers with 500; it is an authentication failure, so make it one (401).
 */
function refuseBadTokensWith401(adapter: TeamsAdapter): void {
  // SDK boundary: CloudAdapterBase keeps its BotFrameworkAuthentication in a protected field.
  const auth = (adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication })
    .botFrameworkAuthentication;
  const authenticate = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    try {
      return await authenticate(activity, authHeader);
    } catch (err) {
      if (JWT_ERRORS.has((err as Error | null)?.name ?? '')) {
        throw new AuthenticationError('Unauthorized. Invalid token.', 401);
      }
      throw err;
    }
  };
}

export function createTeamsAdapter(
  config: BotSlice,
  endpoints: CloudEndpoints,
  options: TeamsAdapterOptions = {},
): TeamsAdapter {
  const adapter = new TeamsAdapter(
    botFrameworkAuthOptions(config, endpoints),
    botCredentialsFactory(config, endpoints, options),
  );
  refuseBadTokensWith401(adapter);
  // SDK boundary, as above: the caches wrap the same protected BotFrameworkAuthentication.
  cacheInboundAuthentication(
    (adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication })
      .botFrameworkAuthentication,
  );
  return adapter;
}
