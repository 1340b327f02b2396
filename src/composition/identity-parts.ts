/** The identity module (or a test double) and the token provider the channels and the sweep use. */
import type { Config } from '../config';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { Store } from '../core/store';
import type { TokenProvider } from '../core/token-provider';
import { CodedError } from '../errors';
import {
  createIdentity,
  DEFAULT_SLACK_COMMAND,
  entraSettingsForSimulator,
  entraSettingsFromConfig,
  type EntraSettings,
} from '../identity';
import type { SlackChannel } from '../channels/slack';
import { seedDemoUser } from '../sandbox/demo-data';
import { browserAuthorizeUrl } from '../sandbox/sandbox-routes';
import { SandboxSignInTokenProvider } from '../sandbox/sandbox-sign-in';
import type { Sandbox } from '../sandbox/start-sandbox';
import type { AppIdentity, AppOverrides } from './app-options';

export interface IdentityInput {
  config: Config;
  store: Store;
  logger: Logger;
  clock: Clock;
  sandbox?: Sandbox;
  overrides: AppOverrides;
  /** The Slack channel, once built (identity's link check and signed-in notice call it at run time). */
  slack: () => SlackChannel | null;
}

export interface IdentityParts {
  identity: AppIdentity;
  tokenProvider: TokenProvider;
}

const NO_ENTRA = new CodedError(
  'config.invalid',
  'patbot cannot start: the Entra app registration is not configured.',
  {
    nextStep:
      'Set AAD_APP_CLIENT_ID and AAD_APP_TENANT_ID (see docs/deploy.md), or run in sandbox mode with SANDBOX=1.',
  },
);

function entraOf({ config, sandbox, overrides }: IdentityInput): { settings: EntraSettings; caPem?: string } {
  if (overrides.entra) return overrides.entra;
  if (sandbox)
    return {
      settings: entraSettingsForSimulator(sandbox.entra, config.ado.scopes),
      caPem: sandbox.entra.caPem,
    };
  const settings = entraSettingsFromConfig(config);
  if (!settings) throw NO_ENTRA;
  return { settings };
}

function realIdentity(input: IdentityInput): AppIdentity {
  const { config, store, logger, clock, sandbox } = input;
  const entra = entraOf(input);
  return createIdentity({
    entra: entra.settings,
    caPem: entra.caPem,
    tokenCacheKey: config.tokenCache.key,
    previousTokenCacheKey: config.tokenCache.previousKey,
    publicBaseUrl: config.http.publicBaseUrl,
    store,
    logger,
    clock,
    verifySlackAccount: async (ids, account) =>
      input.slack()?.verifyLinkedAccount(ids, account) ?? { ok: false, reason: 'no_email' },
    // The pages are rendered after start-up, when the Slack channel (and its command) exists.
    slackCommand: () => input.slack()?.services.options.command ?? DEFAULT_SLACK_COMMAND,
    onSlackLinked: async (ids) => {
      await input.slack()?.notifySlackSignedIn(ids);
    },
    browserAuthorizeUrl: sandbox ? browserAuthorizeUrl(sandbox.entra, config.http.publicBaseUrl) : undefined,
  });
}

/** Sandbox: whoever signs in to the simulated Entra gets the demo organisations and PATs. */
function sandboxTokenProvider(input: IdentityInput, sim: Sandbox, identity: AppIdentity): TokenProvider {
  const { config, store, logger, clock } = input;
  return new SandboxSignInTokenProvider(
    identity.tokenProvider,
    identity,
    store.users,
    sim.entra,
    logger.child({ component: 'sandbox' }),
    async (user) => {
      seedDemoUser({ ado: sim.ado, now: clock.now(), user, orgs: config.ado.organizations });
    },
  );
}

export function buildIdentity(input: IdentityInput): IdentityParts {
  const double = input.overrides.identity;
  if (double) {
    const { identity, tokenProvider } = double;
    return {
      tokenProvider,
      identity: {
        exchangeTeamsSsoToken: (i) => identity.exchangeTeamsSsoToken(i),
        slackSignInUrl: (i) => identity.slackSignInUrl(i),
        signOut: (userId) => identity.signOut(userId),
        tokenProvider,
        routes: [],
      },
    };
  }
  const identity = realIdentity(input);
  const tokenProvider = input.sandbox
    ? sandboxTokenProvider(input, input.sandbox, identity)
    : identity.tokenProvider;
  return { identity, tokenProvider };
}
