/**
 * The composition root: reads the configuration, builds the adapters, wires them, and starts the
 * HTTP server (and, in sandbox mode, the simulators). `src/main.ts` adds process signals;
 * tests and benchmarks call `startApp` directly.
 */
import { createServer } from 'node:net';
import { describeEnvFile, loadConfig, type Config, type Env, type EnvFileResult } from './config';
import { AdoTokensClient } from './ado';
import type { ChannelDeps } from './channels/deps';
import { PlatformNotifier } from './channels/platform-notifier';
import { createSlackChannel, type SlackChannel } from './channels/slack';
import { createTeamsChannel, type TeamsChannel } from './channels/teams';
import { deriveActionKey } from './core/action-token';
import { systemClock, type Clock } from './core/clock';
import type { Notifier } from './core/notifier';
import { remindNow } from './core/reminders';
import type { SweepDeps, SweepOptions } from './core/reminders';
import type { Logger } from './core/logger';
import type { Store } from './core/store';
import type { TokenProvider } from './core/token-provider';
import { healthRoutes, type ReadinessCheck } from './http/health';
import { CodedError } from './errors';
import { startHttpServer, type Route, type RunningHttpServer } from './http/server';
import {
  createIdentity,
  entraSettingsForSimulator,
  entraSettingsFromConfig,
  type Identity,
} from './identity';
import { AUTH_CALLBACK_PATH, SLACK_START_PATH } from './identity';
import { createLogger } from './logger';
import { seedDemoData, seedDemoUser } from './sandbox/demo-data';
import { SandboxSignInTokenProvider } from './sandbox/sandbox-sign-in';
import { browserAuthorizeUrl, sandboxRoutes, type SandboxSweepRequest } from './sandbox/sandbox-routes';
import { SANDBOX_BOT } from './sandbox/slack/people';
import { startSandboxSlack, type SandboxSlackWorkspace } from './sandbox/slack/workspace';
import { startSandbox, type Sandbox } from './sandbox/start-sandbox';
import { shutdown } from './shutdown';
import {
  createReminderScheduler,
  defaultInstanceId,
  LogNotifier,
  runSweepOnce,
  schedulerReadiness,
  type TickResult,
} from './scheduler';
import { openStore } from './store';

export interface AppOptions {
  env: Env;
  /** Injected clock (tests, `npm run sweep -- --now`); default: the system clock. */
  now?: () => Date;
  logger?: Logger;
  /** false: build everything but start neither the HTTP server nor the cron schedule (CLI sweeps). */
  serve?: boolean;
  /** What the entry point's `loadEnvFile` read, logged at start-up (tests pass env objects). */
  envFile?: EnvFileResult;
}

export interface RunningApp {
  url: string;
  config: Config;
  store: Store;
  identity: Identity;
  sandbox?: Sandbox;
  /** Sandbox mode without Slack configuration: the local Slack workspace behind /sandbox/slack. */
  sandboxSlack?: SandboxSlackWorkspace;
  teams: TeamsChannel;
  slack: SlackChannel | null;
  notifier: Notifier;
  /** What a reminder sweep needs (store, Azure DevOps, tokens, the platform notifier, clock, logger). */
  sweepDeps: SweepDeps & { store: Store };
  /**
   * One reminder sweep now, with the clock set to `at` (operators, tests). It takes the sweep
   * lease like the scheduler, so it is `skipped: lease-held` while another sweep runs.
   */
  runSweep(at?: Date): Promise<TickResult>;
  /** What `npm run sweep` does in sandbox mode: one sweep taking the lease; `dryRun` records and sends nothing. */
  sweepOnce(request: SandboxSweepRequest): Promise<TickResult>;
  stop(): Promise<void>;
}

async function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** EADDRINUSE as a coded error naming the port and the variable that sets it (a second `npm start`). */
function portInUse(error: unknown, http: Config['http']): CodedError | null {
  if ((error as NodeJS.ErrnoException | null)?.code !== 'EADDRINUSE') return null;
  return new CodedError('http.port_in_use', `Port ${http.port} is in use (PORT) on ${http.host}.`, {
    nextStep: `Stop the other process (another patbot?) or set PORT to a free port, e.g. PORT=${http.port === 3978 ? 3979 : 3978} npm start.`,
    cause: error,
    details: { port: http.port, host: http.host },
  });
}

function identityRoutes(identity: Identity): Route[] {
  const adapt =
    (handler: Identity['handleSlackStart']): Route['handle'] =>
    async (req) => {
      const answer = await handler({ query: req.query, headers: req.headers });
      return { status: answer.status, headers: answer.headers, body: answer.body || undefined };
    };
  return [
    { method: 'GET', path: SLACK_START_PATH, handle: adapt(identity.handleSlackStart) },
    { method: 'GET', path: AUTH_CALLBACK_PATH, handle: adapt(identity.handleAuthCallback) },
  ];
}

export async function startApp(options: AppOptions): Promise<RunningApp> {
  let config = loadConfig(options.env);
  const logger = options.logger ?? createLogger({ level: config.log.level });
  const clock: Clock = options.now ? { now: () => options.now!() } : systemClock;
  if (options.envFile) {
    const { path, found, applied, ignored } = options.envFile;
    logger.info({ envFile: path, found, applied, ignored }, describeEnvFile(options.envFile));
  }
  for (const warning of config.warnings) logger.warn(warning);

  if (config.http.port === 0) {
    // The public URL (sign-in links) needs the real port before the routes are built.
    const port = await freePort(config.http.host);
    config = loadConfig({ ...options.env, PORT: String(port) });
  }

  const store = await openStore(config.database.url, {
    logger,
    now: () => clock.now(),
    auth: config.database.auth,
    poolMax: config.database.poolMax,
    entraClientId: config.database.entraClientId,
  });
  const reminderSettings = {
    ...config.reminders,
    defaultOrgs: config.ado.organizations,
    maxOrgsPerUser: config.ado.maxOrgsPerUser,
  };
  const sweepOptions = (name: string): SweepOptions => ({
    instanceId: defaultInstanceId(name),
    thresholdsDays: reminderSettings.thresholdsDays,
    workingHours: reminderSettings.workingHours,
    defaultTimeZone: reminderSettings.defaultTimeZone,
    concurrency: reminderSettings.concurrency,
    defaultOrgs: reminderSettings.defaultOrgs,
    maxOrgsPerUser: reminderSettings.maxOrgsPerUser,
  });
  // Assigned once the notifier exists (the channels' `remindNow` calls it later, at run time).
  let sweepDeps!: SweepDeps & { store: Store };
  let sandbox: Sandbox | undefined;
  let sandboxSlack: SandboxSlackWorkspace | undefined;
  let slack: SlackChannel | null = null;
  try {
    if (config.sandbox) {
      sandbox = await startSandbox({ clock, logger });
      // No Slack app configured: patbot configures Slack itself with sandbox-only values.
      if (!config.slack) sandboxSlack = await startSandboxSlack();
      const seeded = seedDemoData({ ado: sandbox.ado, now: clock.now(), orgs: config.ado.organizations });
      logger.info({ orgs: seeded.orgs, people: seeded.pats.size }, 'sandbox: demo data seeded');
    }

    const tokensApi = new AdoTokensClient({
      baseUrl: sandbox ? sandbox.ado.url : config.ado.vsspsBaseUrl,
      logger: logger.child({ component: 'ado' }),
      clock,
    });
    const entra = sandbox
      ? entraSettingsForSimulator(sandbox.entra, config.ado.scopes)
      : entraSettingsFromConfig(config);
    if (!entra)
      throw new CodedError(
        'config.invalid',
        'patbot cannot start: the Entra app registration is not configured.',
        {
          nextStep:
            'Set AAD_APP_CLIENT_ID and AAD_APP_TENANT_ID (see docs/deploy.md), or run in sandbox mode with SANDBOX=1.',
        },
      );
    const identity = createIdentity({
      entra,
      tokenCacheKey: config.tokenCache.key,
      previousTokenCacheKey: config.tokenCache.previousKey,
      publicBaseUrl: config.http.publicBaseUrl,
      store,
      logger,
      clock,
      caPem: sandbox?.entra.caPem,
      verifySlackAccount: async (ids, account) =>
        slack ? slack.verifyLinkedAccount(ids, account) : { ok: false, reason: 'no_email' },
      onSlackLinked: async (ids) => {
        await slack?.notifySlackSignedIn(ids);
      },
      browserAuthorizeUrl: sandbox
        ? browserAuthorizeUrl(sandbox.entra, config.http.publicBaseUrl)
        : undefined,
    });
    let tokenProvider: TokenProvider = identity.tokenProvider;
    if (sandbox) {
      const sim = sandbox;
      tokenProvider = new SandboxSignInTokenProvider(
        identity.tokenProvider,
        identity,
        store.users,
        sim.entra,
        logger.child({ component: 'sandbox' }),
        async (user) => {
          // Anyone who signs in to the sandbox gets the demo organisations and PATs.
          seedDemoUser({ ado: sim.ado, now: clock.now(), user, orgs: config.ado.organizations });
        },
      );
    }

    const deps: ChannelDeps = {
      config,
      logger,
      clock,
      store,
      tokensApi,
      tokenProvider,
      identity,
      actionKey: deriveActionKey(config.tokenCache.key),
      previousActionKey: config.tokenCache.previousKey
        ? deriveActionKey(config.tokenCache.previousKey)
        : null,
      // Sandbox mode only; sweepDeps is assigned below, once the notifier exists.
      remindNow: config.sandbox
        ? (userId) => remindNow(sweepDeps, sweepOptions('remind-me'), userId)
        : undefined,
    };
    const teams = createTeamsChannel(deps, {
      endpoints: config.cloud,
      ssoResource: config.teams.ssoResource ?? undefined,
    });

    slack = config.slack
      ? createSlackChannel(deps)
      : sandboxSlack
        ? createSlackChannel(deps, {
            signingSecret: sandboxSlack.signingSecret,
            botToken: sandboxSlack.botToken,
            slackApiUrl: sandboxSlack.apiUrl,
            ...SANDBOX_BOT,
          })
        : null;
    const notifier: Notifier = new PlatformNotifier({ teams: teams.notifier, slack: slack?.notifier }, store);
    sweepDeps = {
      store,
      tokensApi,
      tokenProvider,
      notifier,
      clock,
      logger: logger.child({ component: 'reminders' }),
    };
    const scheduler = createReminderScheduler(sweepDeps, reminderSettings);
    const sweepOnce = ({ now, dryRun }: SandboxSweepRequest): Promise<TickResult> =>
      runSweepOnce(
        { ...sweepDeps, notifier: dryRun ? new LogNotifier(sweepDeps.logger) : notifier },
        { now, dryRun, settings: reminderSettings, role: 'sandbox-sweep' },
      );

    // Without BOT_ID, /api/messages would accept anyone's activities: only sandbox mode allows that
    // (loopback only). A Slack-only deployment does not serve the Teams endpoint at all.
    const teamsRoutes = config.bot.id || config.sandbox ? teams.routes : [];
    if (teamsRoutes.length === 0) logger.info('Teams endpoint off: BOT_ID is not set (Slack only).');

    const readiness: ReadinessCheck[] = [
      { name: 'store', check: () => store.ping() },
      { name: 'config', check: async () => ({ sandbox: config.sandbox, slack: slack !== null }) },
      schedulerReadiness(scheduler),
    ];
    const routes: Route[] = [
      ...healthRoutes(readiness, { detailToken: config.http.readyzDetailToken }),
      ...identityRoutes(identity),
      ...teamsRoutes,
      ...(slack?.routes ?? []),
      ...(sandbox
        ? sandboxRoutes({ entra: sandbox.entra, slack: sandboxSlack ?? null, sweep: sweepOnce })
        : []),
    ];

    const serve = options.serve ?? true;
    const http: RunningHttpServer | null = !serve
      ? null
      : await startHttpServer({
          host: config.http.host,
          port: config.http.port,
          bodyLimitBytes: config.http.bodyLimitBytes,
          logger,
          routes,
        }).catch((error: unknown) => {
          throw portInUse(error, config.http) ?? error;
        });

    if (http) sandboxSlack?.setEventsUrl(`${http.url}/slack/events`);
    if (serve) scheduler.start();
    let stopped = false;
    return {
      url: http?.url ?? '',
      config,
      store,
      identity,
      sandbox,
      sandboxSlack,
      teams,
      slack,
      notifier,
      sweepDeps,
      // Through the lease, like the cron job: never alongside another sweep, here or elsewhere.
      runSweep: (at) => runSweepOnce(sweepDeps, { now: at, role: 'manual', settings: reminderSettings }),
      sweepOnce,
      async stop() {
        if (stopped) return;
        stopped = true;
        await shutdown(
          [
            // The sweep first, with most of the budget, so it is aborted cleanly before the store closes.
            { name: 'scheduler', run: (ms) => scheduler.stop(Math.max(0, ms / 2 - 1000)) },
            { name: 'http', run: async (ms) => http?.close(ms) },
            { name: 'teams', run: () => teams.idle() },
            { name: 'store', run: () => store.close() },
            { name: 'sandbox', run: async () => sandbox?.stop() },
            { name: 'sandbox-slack', run: async () => sandboxSlack?.close() },
          ],
          logger,
          15_000,
        );
      },
    };
  } catch (error) {
    await sandbox?.stop();
    await sandboxSlack?.close();
    await store.close();
    throw error;
  }
}
