/**
 * Runs the Teams channel for real, built by `startApp` with overrides (this harness's own
 * simulators, clock, logger and channel options): the HTTP edge with every route, the
 * SQLite store, the Azure DevOps simulator behind the real `AdoTokensClient`, the Entra
 * simulator behind the real identity module (msal-node OBO + encrypted cache), and a fake Bot
 * Connector on loopback that records the replies. With `auth: true` the bot has a BOT_ID, a
 * local channel token issuer (OpenID metadata + JWKS) validates inbound requests and outbound
 * replies get their token from the Entra simulator (client credentials, custom login URL).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdoAdminClient, AdoTokensClient } from '../../src/ado';
import { startApp, type AppIdentity, type RunningApp } from '../../src/app';
import type { TeamsChannel, TeamsChannelOptions } from '../../src/channels/teams';
import { loadConfig, type Config } from '../../src/config';
import { deriveActionKey } from '../../src/core/action-token';
import { fixedClock } from '../../src/core/clock';
import type { Store } from '../../src/core/store';
import { entraSettingsForSimulator } from '../../src/identity';
import { HttpsNetworkClient } from '../../src/identity/https-network-client';
import { startAdoSimulator, type AdoSimulator } from '../../src/sandbox/ado';
import { startEntraSimulator, type EntraSimulator } from '../../src/sandbox/entra';
import { captureLogger } from './capture-logger';
import {
  actionActivity,
  invokeActivity,
  messageActivity,
  type ActivityJson,
  type Place,
  type TeamsPerson,
} from './teams-activity';
import { startChannelIssuer, type ChannelIssuer } from './teams-channel-issuer';
import { startFakeConnector, type FakeConnector } from './teams-connector';

export const NOW = new Date('2026-11-28T09:00:00.000Z');
export const DAY_MS = 86_400_000;

export const ALICE: TeamsPerson = {
  oid: '11111111-1111-4111-8111-111111111111',
  name: 'Alice Example',
  upn: 'alice@contoso.example',
  teamsId: '29:alice-teams-id',
};
export const BOB: TeamsPerson = {
  oid: '22222222-2222-4222-8222-222222222222',
  name: 'Bob Example',
  upn: 'bob@contoso.example',
  teamsId: '29:bob-teams-id',
};

export const PERSONAL_ALICE: Place = { kind: 'personal', id: 'a:personal-alice' };
export const PERSONAL_BOB: Place = { kind: 'personal', id: 'a:personal-bob' };
export const CHANNEL: Place = {
  kind: 'channel',
  id: '19:general@thread.tacv2',
  teamId: '19:team@thread.tacv2',
};
export const GROUP: Place = { kind: 'groupChat', id: '19:group@thread.v2' };

export interface HttpAnswer {
  status: number;
  // JSON body.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  text: string;
}

export interface TeamsHarness {
  url: string;
  config: Config;
  connector: FakeConnector;
  entra: EntraSimulator;
  ado: AdoSimulator;
  store: Store;
  identity: AppIdentity;
  /** The real Azure DevOps client the bot uses (for running the reminder sweep). */
  tokensApi: AdoTokensClient;
  /** One audit poll now (the admin watch), as the poll scheduler runs it. */
  pollAudit: RunningApp['pollAudit'];
  /** Every wait the admin client asked for (Retry-After, backoff), in ms. */
  adminWaits: number[];
  clock: ReturnType<typeof fixedClock>;
  channel: TeamsChannel;
  issuer: ChannelIssuer | null;
  logs: ReturnType<typeof captureLogger>;
  botId: string;
  /** POSTs an activity to /api/messages (with a valid channel token when `auth`, unless given). */
  post(
    activity: ActivityJson,
    options?: { authorization?: string | null; headers?: Record<string, string> },
  ): Promise<HttpAnswer>;
  message(who: TeamsPerson, place: Place, text: string): Promise<HttpAnswer>;
  press(
    who: TeamsPerson,
    place: Place,
    action: { verb: string; data: Record<string, unknown> },
  ): Promise<HttpAnswer>;
  /** Signs a person in through a real `signin/tokenExchange` invoke (SSO token from the Entra simulator). */
  signIn(who: TeamsPerson, place?: Place): Promise<HttpAnswer>;
  close(): Promise<void>;
}

export interface TeamsHarnessOptions {
  /** Set BOT_ID and validate inbound JWTs (default false: sandbox, anonymous). */
  auth?: boolean;
  channel?: TeamsChannelOptions;
  /** Extra environment for loadConfig (e.g. ALLOWED_TENANT_IDS). */
  env?: Record<string, string>;
  /** Action-signing keys (default: a random key, no previous key). */
  actionKey?: Buffer;
  previousActionKey?: Buffer;
  /** People one `pat admin expiring` reads at most (default: the production cap). */
  adminExpiringMaxUsers?: number;
}

export async function startTeamsHarness(options: TeamsHarnessOptions = {}): Promise<TeamsHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'patbot-teams-'));
  const clock = fixedClock(NOW);
  const logs = captureLogger('debug');
  const connector = await startFakeConnector();
  const entra = await startEntraSimulator({
    users: [
      { oid: ALICE.oid, username: ALICE.upn, name: ALICE.name },
      { oid: BOB.oid, username: BOB.upn, name: BOB.name },
    ],
    now: () => clock.now(),
  });
  const ado = await startAdoSimulator({ jwks: entra.jwks(), issuers: [entra.adoIssuer], clock });
  ado.addOrg({ name: 'contoso', tenantId: entra.tenantId });
  ado.addMember('contoso', { oid: ALICE.oid, name: ALICE.upn });
  ado.addMember('contoso', { oid: BOB.oid, name: BOB.upn });

  const botId = entra.clientId;
  const issuer = options.auth ? await startChannelIssuer() : null;
  const env: Record<string, string> = {
    PORT: '0',
    PUBLIC_BASE_URL: 'https://patbot.example',
    ADO_ORGANIZATIONS: 'contoso',
    HOST: '127.0.0.1',
    DATABASE_URL: `sqlite:${join(dir, 'teams.db')}`,
  };
  if (issuer) {
    Object.assign(env, {
      BOT_ID: botId,
      BOT_PASSWORD: entra.clientSecret,
      BOT_TENANT_ID: entra.tenantId,
      AAD_APP_CLIENT_ID: entra.clientId,
      AAD_APP_CLIENT_SECRET: entra.clientSecret,
      AAD_APP_TENANT_ID: entra.tenantId,
      AAD_APP_OAUTH_AUTHORITY_HOST: entra.origin,
      TOKEN_CACHE_KEY: randomBytes(32).toString('base64'),
      // The bot's cloud, pointed at the local channel issuer and the Entra simulator.
      AZURE_CLOUD: 'public',
      BOT_OPENID_METADATA_URL: issuer.openIdMetadataUrl,
      BOT_EMULATOR_OPENID_METADATA_URL: issuer.openIdMetadataUrl,
      BOT_TOKEN_ISSUER: issuer.issuer,
      BOT_LOGIN_URL: `${entra.origin}/${entra.tenantId}`,
      BOT_OAUTH_SCOPE: 'https://api.botframework.test',
      BOT_OAUTH_URL: 'https://token.botframework.test',
    });
  } else {
    env.SANDBOX = '1';
  }
  const appEnv = { ...env, ...options.env };
  const adminWaits: number[] = [];
  const { scopes } = loadConfig(appEnv).ado;
  const app = await startApp({
    env: appEnv,
    overrides: {
      clock,
      logger: logs.logger,
      // The harness runs its own simulators (known people, a fixed clock), not the sandbox's.
      simulators: false,
      scheduler: false,
      entra: { settings: entraSettingsForSimulator(entra, scopes), caPem: entra.caPem },
      tokensApi: new AdoTokensClient({
        baseUrl: ado.url,
        clock,
        sleep: async () => undefined,
        random: () => 0.5,
      }),
      orgAdminApi: new AdoAdminClient({
        vsspsBaseUrl: ado.url,
        auditBaseUrl: ado.url,
        devBaseUrl: ado.url,
        clock,
        sleep: async (ms) => {
          adminWaits.push(ms);
        },
        random: () => 0.5,
      }),
      actionKey: options.actionKey ?? deriveActionKey(randomBytes(32)),
      previousActionKey: options.previousActionKey ?? null,
      adminExpiringMaxUsers: options.adminExpiringMaxUsers,
      teams: { msalNetworkClient: new HttpsNetworkClient({ ca: entra.caPem }), ...options.channel },
    },
  });
  const { config, store, identity, teams: channel } = app;
  const tokensApi = app.tokensApi as AdoTokensClient;
  const ctx = { serviceUrl: connector.serviceUrl, botId, tenantId: entra.tenantId };

  const post: TeamsHarness['post'] = async (activity, o = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...o.headers };
    let authorization = o.authorization;
    if (authorization === undefined && issuer) {
      authorization = `Bearer ${await issuer.token({ audience: botId, serviceUrl: String(activity.serviceUrl) })}`;
    }
    if (authorization) headers.authorization = authorization;
    const res = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    let body: unknown = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return { status: res.status, body, text };
  };

  return {
    url: app.url,
    config,
    connector,
    entra,
    ado,
    store,
    identity,
    tokensApi,
    pollAudit: () => app.pollAudit(),
    adminWaits,
    clock,
    channel,
    issuer,
    logs,
    botId,
    post,
    message: (who, place, text) => post(messageActivity(ctx, who, place, text)),
    press: (who, place, action) => post(actionActivity(ctx, who, place, action)),
    signIn: async (who, place = who === BOB ? PERSONAL_BOB : PERSONAL_ALICE) => {
      const token = await entra.mintSsoToken(who.oid);
      const answer = await post(
        invokeActivity(ctx, who, place, 'signin/tokenExchange', { id: 'x-1', connectionName: '', token }),
      );
      await channel.idle();
      return answer;
    },
    async close() {
      await app.stop();
      await connector.close();
      await issuer?.close();
      await ado.close();
      await entra.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The activity context the harness uses (for building activities by hand). */
export function activityContext(h: TeamsHarness): { serviceUrl: string; botId: string; tenantId: string } {
  return { serviceUrl: h.connector.serviceUrl, botId: h.botId, tenantId: h.entra.tenantId };
}

/** The Adaptive Card of the n-th recorded message (default: the last). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function cardOf(activity: any): any {
  return activity?.attachments?.find(
    (a: { contentType: string }) => a.contentType === 'application/vnd.microsoft.card.adaptive',
  )?.content;
}

/** Every text in a card (TextBlocks, facts, action titles), for asserting what people see. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (n.type === 'TextBlock' && typeof n.text === 'string') out.push(n.text);
      if (typeof n.title === 'string') out.push(n.title);
      if (typeof n.value === 'string' && n.type === undefined) out.push(n.value);
      for (const [k, v] of Object.entries(n)) if (k !== 'data') walk(v);
    }
  };
  walk(card);
  return out.join('\n').replace(/\\([\\*_[\]])/g, '$1');
}

/** Finds an Action.Execute in a card by title (searching ShowCards too). */
export function findAction(
  card: unknown,
  title: string,
  near?: string,
): { verb: string; data: Record<string, unknown> } {
  const found: Array<{ verb: string; data: Record<string, unknown>; context: string }> = [];
  const walk = (node: unknown, context: string): void => {
    if (Array.isArray(node)) node.forEach((n) => walk(n, context));
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      const here = n.type === 'Container' ? cardText(n) : context;
      if (n.type === 'Action.Execute' && n.title === title) {
        found.push({ verb: String(n.verb), data: n.data as Record<string, unknown>, context: here });
      }
      for (const v of Object.values(n)) walk(v, here);
    }
  };
  walk(card, '');
  const match = found.find((f) => near === undefined || f.context.includes(near));
  if (!match) throw new Error(`no action "${title}"${near ? ` near "${near}"` : ''}`);
  return { verb: match.verb, data: match.data };
}
