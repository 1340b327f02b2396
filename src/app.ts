/**
 * The composition root: reads the configuration, builds the adapters (or takes the caller's
 * overrides, as probot's `createProbot`), wires them, and starts the HTTP server (and, in sandbox
 * mode, the simulators). `src/main.ts` adds process signals; tests, benchmarks and scripts call
 * `startApp` directly.
 */
import { describeEnvFile, loadConfig, type Config } from './config';
import { AdoTokensClient } from './ado';
import type { ChannelDeps } from './channels/deps';
import { PlatformNotifier } from './channels/platform-notifier';
import { createSlackChannel, type SlackChannel } from './channels/slack';
import { createTeamsChannel } from './channels/teams';
import { deriveActionKey } from './core/action-token';
import { systemClock, type Clock } from './core/clock';
import type { Logger } from './core/logger';
import type { Notifier } from './core/notifier';
import { remindNow, type SweepDeps } from './core/reminders';
import type { Store } from './core/store';
import type { TokensApi } from './core/tokens-api';
import { healthRoutes } from './http/health';
import { startHttpServer, type Route, type RunningHttpServer } from './http/server';
import { createLogger } from './logger';
import { sandboxRoutes, type SandboxSweepRequest } from './sandbox/sandbox-routes';
import { SANDBOX_BOT } from './sandbox/slack/people';
import { shutdown } from './shutdown';
import {
  createReminderScheduler,
  defaultInstanceId,
  LogNotifier,
  runSweepOnce,
  schedulerReadiness,
  sweepOptionsFrom,
  type ReminderScheduler,
  type TickResult,
} from './scheduler';
import { openStore } from './store';
import type { AppOptions, AppOverrides, RunningApp } from './composition/app-options';
import { channelConfigOf, slackConfigOf, teamsConfigOf } from './composition/channel-config';
import { buildAdminParts, type AdminParts } from './composition/admin-parts';
import { buildIdentity } from './composition/identity-parts';
import { freePort, portInUse } from './composition/listen';
import { startSimulators, stopSimulators, type Simulators } from './composition/simulators';

export type { AppIdentity, AppOptions, AppOverrides, RunningApp } from './composition/app-options';

/** What every later step needs: the configuration and the basic injected parts. */
interface Basics extends Simulators {
  config: Config;
  logger: Logger;
  clock: Clock;
  store: Store;
  overrides: AppOverrides;
  serve: boolean;
}

/** The configuration, with PORT=0 replaced by a free port (sign-in links need the real one before routes exist). */
async function configure(options: AppOptions): Promise<{ config: Config; logger: Logger; clock: Clock }> {
  const overrides = options.overrides ?? {};
  let config = loadConfig(options.env);
  const logger = overrides.logger ?? options.logger ?? createLogger({ level: config.log.level });
  const now = options.now;
  const clock: Clock = overrides.clock ?? (now ? { now: () => now() } : systemClock);
  if (options.envFile) {
    const { path, found, applied, ignored } = options.envFile;
    logger.info({ envFile: path, found, applied, ignored }, describeEnvFile(options.envFile));
  }
  for (const warning of config.warnings) logger.warn(warning);
  if (config.http.port === 0) {
    const port = await freePort(config.http.host);
    config = loadConfig({ ...options.env, PORT: String(port) });
  }
  return { config, logger, clock };
}

function openAppStore({
  config,
  logger,
  clock,
}: {
  config: Config;
  logger: Logger;
  clock: Clock;
}): Promise<Store> {
  return openStore(config.database.url, {
    logger,
    now: () => clock.now(),
    auth: config.database.auth,
    poolMax: config.database.poolMax,
    entraClientId: config.database.entraClientId,
  });
}

export async function startApp(options: AppOptions): Promise<RunningApp> {
  const overrides = options.overrides ?? {};
  const { config, logger, clock } = await configure(options);
  const store = overrides.store ?? (await openAppStore({ config, logger, clock }));
  const basics: Basics = { config, logger, clock, store, overrides, serve: options.serve ?? true };
  try {
    if (config.sandbox && overrides.simulators !== false) await startSimulators(basics, basics);
    return await assemble(basics);
  } catch (error) {
    await stopSimulators(basics);
    if (!overrides.store) await store.close();
    throw error;
  }
}

function tokensApiOf({ config, logger, clock, sandbox, overrides }: Basics): TokensApi {
  return (
    overrides.tokensApi ??
    new AdoTokensClient({
      baseUrl: sandbox ? sandbox.ado.url : config.ado.vsspsBaseUrl,
      logger: logger.child({ component: 'ado' }),
      clock,
      fetch: overrides.fetch,
    })
  );
}

function slackChannelOf(deps: ChannelDeps, b: Basics): SlackChannel | null {
  const slackDeps = { ...deps, config: slackConfigOf(b.config) };
  const options = { fetch: b.overrides.fetch, ...b.overrides.slack };
  if (b.config.slack) return createSlackChannel(slackDeps, options);
  if (!b.sandboxSlack) return null;
  const { signingSecret, botToken, apiUrl } = b.sandboxSlack;
  return createSlackChannel(slackDeps, {
    signingSecret,
    botToken,
    slackApiUrl: apiUrl,
    ...SANDBOX_BOT,
    ...options,
  });
}

/** Builds identity, the channels, the notifier and the scheduler; then serves. */
async function assemble(b: Basics): Promise<RunningApp> {
  const { config, logger, clock, store, overrides } = b;
  const tokensApi = tokensApiOf(b);
  let slack: SlackChannel | null = null;
  const { identity, tokenProvider } = buildIdentity({ ...b, slack: () => slack });
  const admin = buildAdminParts({
    ...{ config, logger, clock, store, tokenProvider, fetch: overrides.fetch },
    simulatorUrl: b.sandbox?.ado.url,
    api: overrides.orgAdminApi,
    expiringMaxUsers: overrides.adminExpiringMaxUsers,
  });
  // Filled in once the notifier exists (`remindNow` reads it later, at run time).
  const sweep: { deps?: SweepDeps & { store: Store } } = {};
  const deps: ChannelDeps = {
    config: channelConfigOf(config),
    logger,
    clock,
    store,
    tokensApi,
    tokenProvider,
    identity,
    actionKey: overrides.actionKey ?? deriveActionKey(config.tokenCache.key),
    previousActionKey:
      overrides.previousActionKey !== undefined
        ? overrides.previousActionKey
        : config.tokenCache.previousKey && deriveActionKey(config.tokenCache.previousKey),
    // Sandbox mode with its simulators only: `pat remind me` sweeps the demo data now.
    remindNow: b.sandbox
      ? (userId) =>
          remindNow(
            sweepDeps,
            { instanceId: defaultInstanceId('remind-me'), ...sweepOptionsFrom(config) },
            userId,
          )
      : undefined,
    admin: admin.deps,
  };
  const teams = createTeamsChannel(
    { ...deps, config: teamsConfigOf(config) },
    { endpoints: config.cloud, ssoResource: config.teams.ssoResource ?? undefined, ...overrides.teams },
  );
  slack = slackChannelOf(deps, b);
  const notifier: Notifier = new PlatformNotifier({ teams: teams.notifier, slack: slack?.notifier }, store);
  const sweepDeps = {
    store,
    tokensApi,
    tokenProvider,
    notifier,
    clock,
    logger: logger.child({ component: 'reminders' }),
  };
  sweep.deps = sweepDeps;
  admin.useNotifier(notifier);
  const scheduler = createReminderScheduler(sweepDeps, sweepOptionsFrom(config));
  const parts = { ...b, tokensApi, identity, teams, slack, notifier, sweepDeps, scheduler, admin };
  return serve(parts);
}

type Parts = Basics &
  Pick<RunningApp, 'tokensApi' | 'identity' | 'teams' | 'slack' | 'notifier' | 'sweepDeps'> & {
    scheduler: ReminderScheduler;
    admin: AdminParts;
  };

function sweepOnceOf({ sweepDeps, notifier, config }: Parts): RunningApp['sweepOnce'] {
  return ({ now, dryRun }: SandboxSweepRequest): Promise<TickResult> =>
    runSweepOnce(
      { ...sweepDeps, notifier: dryRun ? new LogNotifier(sweepDeps.logger) : notifier },
      { now, dryRun, settings: sweepOptionsFrom(config), role: 'sandbox-sweep' },
    );
}

function routesOf(p: Parts): Route[] {
  const { config, logger, store, slack, sandbox, sandboxSlack } = p;
  // Without BOT_ID, /api/messages would accept anyone's activities: only sandbox mode allows that
  // (loopback only). A Slack-only deployment does not serve the Teams endpoint at all.
  const teamsRoutes = config.bot.id || config.sandbox ? p.teams.routes : [];
  if (teamsRoutes.length === 0) logger.info('Teams endpoint off: BOT_ID is not set (Slack only).');
  const readiness = [
    { name: 'store', check: () => store.ping() },
    { name: 'config', check: async () => ({ sandbox: config.sandbox, slack: slack !== null }) },
    schedulerReadiness(p.scheduler),
  ];
  return [
    ...healthRoutes(readiness, { detailToken: config.http.readyzDetailToken }),
    ...p.identity.routes,
    ...teamsRoutes,
    ...(slack?.routes ?? []),
    ...(sandbox
      ? sandboxRoutes({ entra: sandbox.entra, slack: sandboxSlack ?? null, sweep: sweepOnceOf(p) })
      : []),
  ];
}

async function listen(p: Parts): Promise<RunningHttpServer | null> {
  if (!p.serve) return null;
  const { host, port, bodyLimitBytes } = p.config.http;
  return startHttpServer({ host, port, bodyLimitBytes, logger: p.logger, routes: routesOf(p) }).catch(
    (error: unknown) => {
      throw portInUse(error, p.config.http) ?? error;
    },
  );
}

function stopper(p: Parts, http: RunningHttpServer | null): () => Promise<void> {
  let stopped = false;
  return async () => {
    if (stopped) return;
    stopped = true;
    const steps = [
      // The sweep first, with most of the budget, so it is aborted cleanly before the store closes.
      { name: 'scheduler', run: (ms: number) => p.scheduler.stop(Math.max(0, ms / 2 - 1000)) },
      { name: 'audit-poll', run: () => p.admin.scheduler.stop() },
      { name: 'http', run: async (ms: number) => http?.close(ms) },
      { name: 'teams', run: () => p.teams.idle() },
      // Whoever opens a store closes it: an injected store is the caller's.
      { name: 'store', run: async () => (p.overrides.store ? undefined : p.store.close()) },
      { name: 'sandbox', run: async () => p.sandbox?.stop() },
      { name: 'sandbox-slack', run: async () => p.sandboxSlack?.close() },
    ];
    await shutdown(steps, p.logger, 15_000);
  };
}

async function serve(p: Parts): Promise<RunningApp> {
  const http = await listen(p);
  if (http) p.sandboxSlack?.setEventsUrl(`${http.url}/slack/events`);
  if (p.serve && p.overrides.scheduler !== false) {
    p.scheduler.start();
    p.admin.scheduler.start();
  }
  const { config, store, identity, clock, logger, tokensApi, sandbox, sandboxSlack, teams, slack } = p;
  return {
    url: http?.url ?? '',
    ...{ config, store, identity, clock, logger, tokensApi, sandbox, sandboxSlack, teams, slack },
    notifier: p.notifier,
    sweepDeps: p.sweepDeps,
    // Through the lease, like the cron job: never alongside another sweep, here or elsewhere.
    runSweep: (at) =>
      runSweepOnce(p.sweepDeps, { now: at, role: 'manual', settings: sweepOptionsFrom(config) }),
    sweepOnce: sweepOnceOf(p),
    pollAudit: () => p.admin.scheduler.tick(),
    stop: stopper(p, http),
  };
}
