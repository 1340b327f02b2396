/**
 * Composition of the identity adapter: one call builds the OBO exchange, the silent token
 * provider, the Slack linking handlers and sign-out over the shared Store ports.
 */
import type { INetworkModule } from '@azure/msal-node';
import type { Config } from '../config';
import type { Clock } from '../core/clock';
import type { IdentityService } from '../core/identity-service';
import type { Logger } from '../core/logger';
import type { Store } from '../core/store';
import type { TokenOutcome, TokenProvider } from '../core/token-provider';
import { CircuitBreakerNetworkClient, type CircuitBreakerOptions } from './circuit-breaker-network-client';
import { cipherFor, KEY_PURPOSE } from './derive-key';
import { EncryptedCacheClient } from './encrypted-cache-client';
import type { EntraSettings } from './entra-settings';
import { FailureMemo, type FailureMemoOptions } from './failure-memo';
import type { Route } from '../http/server';
import type { IdentityHttpRequest, IdentityHttpResponse } from './http-types';
import { identityRoutes } from './identity-routes';
import { HttpsNetworkClient } from './https-network-client';
import { MsalFactory } from './msal-factory';
import { exchangeTeamsSsoToken } from './obo-exchange';
import { signOut } from './sign-out';
import { SilentTokenProvider } from './silent-token-provider';
import {
  DEFAULT_SLACK_COMMAND,
  handleAuthCallback,
  handleSlackStart,
  redirectUriOf,
  slackSignInUrl,
  type SlackLinkingDeps,
} from './slack-linking';

export interface IdentityOptions {
  entra: EntraSettings;
  /** TOKEN_CACHE_KEY and TOKEN_CACHE_KEY_PREVIOUS (32 bytes each). */
  tokenCacheKey: Buffer;
  previousTokenCacheKey?: Buffer | null;
  /** Public https origin of the bot (Slack sign-in link and redirect URI). */
  publicBaseUrl: string;
  store: Pick<Store, 'users' | 'tokenCache' | 'nonces' | 'audit' | 'ephemeral'>;
  logger: Logger;
  clock: Clock;
  /** Trust exactly this CA for Entra (in-process sandbox); default: Node's CA store + NODE_EXTRA_CA_CERTS. */
  caPem?: string;
  /** Timeout for each Entra request (default 10 s). */
  timeoutMs?: number;
  /** Replace the network client entirely (tests). */
  networkClient?: INetworkModule;
  memo?: FailureMemoOptions;
  circuitBreaker?: CircuitBreakerOptions;
  /** Confirms a Slack link's Microsoft account is that Slack user's (see SlackLinkingDeps). */
  verifySlackAccount?: SlackLinkingDeps['verifySlackAccount'];
  /** The Slack app's slash command, for the sign-in pages' wording (default `/pat`). */
  slackCommand?: () => string;
  /** Called after a Slack user links their Microsoft account (fire and forget). */
  onSlackLinked?: (ids: { teamId: string; slackUserId: string }) => void | Promise<void>;
  /** Where the browser is sent to sign in, given Entra's authorize URL (sandbox only; see SlackLinkingDeps). */
  browserAuthorizeUrl?: SlackLinkingDeps['browserAuthorizeUrl'];
}

/** Everything the channels, the scheduler and src/http need from identity. */
export interface Identity extends IdentityService {
  tokenProvider: TokenProvider;
  /** `GET /auth/slack/start`. */
  handleSlackStart(req: IdentityHttpRequest): Promise<IdentityHttpResponse>;
  /** `GET /auth/callback`. */
  handleAuthCallback(req: IdentityHttpRequest): Promise<IdentityHttpResponse>;
  /** Redirect URI to register on the Entra app registration (Web). */
  redirectUri: string;
  /** The two handlers above as HTTP routes, for the edge (like the channels' `routes`). */
  routes: Route[];
}

export function createIdentity(options: IdentityOptions): Identity {
  const { store, logger, clock } = options;
  const log = logger.child({ component: 'identity' });
  const previous = options.previousTokenCacheKey ?? null;
  const cacheCipher = cipherFor(KEY_PURPOSE.tokenCache, options.tokenCacheKey, previous);
  const stateCipher = cipherFor(KEY_PURPOSE.slackState, options.tokenCacheKey, previous);
  const cacheClient = new EncryptedCacheClient(store.tokenCache, cacheCipher, log);
  const networkClient = new CircuitBreakerNetworkClient(
    options.networkClient ?? new HttpsNetworkClient({ ca: options.caPem, timeoutMs: options.timeoutMs }),
    clock,
    options.circuitBreaker,
  );
  const factory = new MsalFactory(options.entra, cacheClient, networkClient, log);
  const memo = new FailureMemo(store.ephemeral, clock, options.memo);
  const scopes = options.entra.scopes;
  const tokenProvider = new SilentTokenProvider({
    users: store.users,
    factory,
    scopes,
    memo,
    logger: log,
    now: () => clock.now().getTime(),
  });
  const linking: SlackLinkingDeps = {
    users: store.users,
    nonces: store.nonces,
    audit: store.audit,
    factory,
    scopes,
    stateCipher,
    memo,
    publicBaseUrl: options.publicBaseUrl,
    slashCommand: options.slackCommand ?? (() => DEFAULT_SLACK_COMMAND),
    logger: log,
    clock,
    onLinked: options.onSlackLinked,
    verifySlackAccount: options.verifySlackAccount,
    partitions: cacheClient,
    browserAuthorizeUrl: options.browserAuthorizeUrl,
  };
  const onSlackStart = (req: IdentityHttpRequest) => handleSlackStart(linking, req);
  const onAuthCallback = (req: IdentityHttpRequest) => handleAuthCallback(linking, req);
  return {
    tokenProvider,
    redirectUri: redirectUriOf(options.publicBaseUrl),
    exchangeTeamsSsoToken: (input): Promise<TokenOutcome> => {
      tokenProvider.forget(input.userId);
      return exchangeTeamsSsoToken(
        { users: store.users, audit: store.audit, factory, scopes, memo, logger: log, clock },
        input,
      );
    },
    slackSignInUrl: async (input) => slackSignInUrl(linking, input),
    signOut: (userId) => {
      tokenProvider.forget(userId);
      return signOut(
        { users: store.users, tokenCache: store.tokenCache, audit: store.audit, memo, logger: log, clock },
        userId,
      );
    },
    handleSlackStart: onSlackStart,
    handleAuthCallback: onAuthCallback,
    routes: identityRoutes({ handleSlackStart: onSlackStart, handleAuthCallback: onAuthCallback }),
  };
}

/** Entra settings from the configuration; null when no app registration is configured (sandbox). */
export function entraSettingsFromConfig(config: Config): EntraSettings | null {
  const e = config.entra;
  if (!e.clientId || !e.tenantId) return null;
  return {
    clientId: e.clientId,
    tenantId: e.tenantId,
    authorityHost: e.authorityHost,
    clientSecret: e.clientSecret,
    certPath: e.certPath,
    certThumbprint: e.certThumbprint,
    scopes: config.ado.scopes,
  };
}

/** Entra settings for a running Entra simulator (sandbox mode). */
export function entraSettingsForSimulator(
  sim: { origin: string; tenantId: string; clientId: string; clientSecret: string },
  scopes: readonly string[],
): EntraSettings {
  return {
    clientId: sim.clientId,
    tenantId: sim.tenantId,
    authorityHost: sim.origin,
    clientSecret: sim.clientSecret,
    certPath: null,
    certThumbprint: null,
    scopes,
  };
}
