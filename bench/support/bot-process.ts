/**
 * The bot under test, in its own process: `startApp` (the composition root) with the REAL,
 * non-sandbox configuration the parent passes in the environment (simulators on loopback,
 * NODE_EXTRA_CA_CERTS for the Entra simulator's CA). Answers the parent's IPC requests.
 *
 * startApp mounts `/api/messages` only when BOT_ID is set (or in sandbox mode), and the bench runs
 * with BOT_ID empty (no inbound JWT): a route the app's server does not answer is mounted by the
 * bench on a second loopback server, using the channel object the app built (`RunningApp.teams` /
 * `.slack`) when there is one. The report's `composition` says what ran.
 */
import { randomBytes } from 'node:crypto';
import { startApp, type RunningApp } from '../../src/app';
import { AdoTokensClient } from '../../src/ado';
import type { ChannelDeps, SlackChannelConfig, TeamsChannelConfig } from '../../src/channels/deps';
import { createSlackChannel } from '../../src/channels/slack';
import { createTeamsChannel } from '../../src/channels/teams';
import { deriveActionKey } from '../../src/core/action-token';
import { systemClock } from '../../src/core/clock';
import { startHttpServer, type Route, type RunningHttpServer } from '../../src/http/server';
import { createLogger } from '../../src/logger';
import { announceReady, serveParent } from './child';

/** Whether the app's server routes `path` (restify answers 405 to a GET on a POST-only route, 404 when unknown). */
async function routeMounted(url: string, path: string): Promise<boolean> {
  const res = await fetch(`${url}${path}`, { method: 'GET', signal: AbortSignal.timeout(5000) });
  await res.text();
  return res.status !== 404;
}

/** The channel object the composition root built, if any (`RunningApp.teams` / `.slack`). */
function channelOf(app: RunningApp, name: 'teams' | 'slack'): { routes: Route[] } | null {
  const channel = (app as unknown as Record<string, unknown>)[name] as
    { routes?: Route[] } | null | undefined;
  return channel && Array.isArray(channel.routes) ? (channel as { routes: Route[] }) : null;
}

async function main(): Promise<void> {
  const env = process.env as Record<string, string | undefined>;
  const app: RunningApp = await startApp({ env });
  let extra: RunningHttpServer | null = null;
  let teamsUrl = app.url;
  let slackUrl = app.url;
  const teamsMounted = await routeMounted(app.url, '/api/messages');
  const slackMounted = app.config.slack === null || (await routeMounted(app.url, '/slack/events'));
  let composition = 'startApp';
  if (!teamsMounted || !slackMounted) {
    const logger = createLogger({ level: app.config.log.level });
    const deps: ChannelDeps<TeamsChannelConfig & SlackChannelConfig> = {
      config: app.config,
      logger,
      clock: systemClock,
      store: app.store,
      tokensApi: new AdoTokensClient({
        baseUrl: app.config.ado.vsspsBaseUrl,
        logger: logger.child({ component: 'ado' }),
      }),
      tokenProvider: app.identity.tokenProvider,
      identity: app.identity,
      actionKey: deriveActionKey(randomBytes(32)),
    };
    // Prefer the channel the app built (same deps and notifier); build one only when there is none.
    const teams = channelOf(app, 'teams');
    const slack = channelOf(app, 'slack');
    const routes: Route[] = [];
    const mountedHow: string[] = [];
    if (!teamsMounted) {
      routes.push(...(teams ?? createTeamsChannel(deps)).routes);
      mountedHow.push(teams ? "the app's own Teams channel" : 'a bench-built Teams channel');
    }
    if (!slackMounted) {
      routes.push(...(slack ?? createSlackChannel(deps)).routes);
      mountedHow.push(slack ? "the app's own Slack channel" : 'a bench-built Slack channel');
    }
    extra = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      bodyLimitBytes: app.config.http.bodyLimitBytes,
      logger,
      routes,
    });
    if (!teamsMounted) teamsUrl = extra.url;
    if (!slackMounted) slackUrl = extra.url;
    composition = `startApp, with ${mountedHow.join(' and ')} mounted by the bench on a second loopback server`;
  }

  serveParent({
    mem: async () => process.memoryUsage(),
    stop: async () => {
      await extra?.close(5000);
      await app.stop();
      setImmediate(() => process.exit(0));
      return null;
    },
  });
  announceReady({ url: app.url, teamsUrl, slackUrl, composition, pid: process.pid });
}

main().catch((e: unknown) => {
  process.stderr.write(
    `bench bot failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exit(1);
});
