/**
 * End-to-end harness for the Slack channel, built by `startApp` with overrides (an identity
 * double, this harness's store, clock, logger and Azure DevOps client): the REAL HTTP edge with
 * every route, a real SQLite store, the Azure DevOps simulator behind the real AdoTokensClient, a
 * fake Slack Web API on loopback, and helpers that send correctly signed Slack requests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config';
import type { Store } from '../../src/core/store';
import type { SimUser } from '../../src/sandbox/ado';
import { AdoAdminClient } from '../../src/ado';
import { startApp, type RunningApp } from '../../src/app';
import { openStore } from '../../src/store/open-store';
import type { SlackChannel, SlackChannelOptions } from '../../src/channels/slack';
import type { ChannelDeps } from '../../src/channels/deps';
import { startAdoHarness, type AdoHarness } from './ado-harness';
import { captureLogger } from './capture-logger';
import { identityDouble, type IdentityDouble } from './slack-identity-double';
import { startFakeSlackApi, type FakeSlackApi } from '../../src/sandbox/slack/fake-web-api';
import { commandForm, interactiveForm, signedHeaders } from '../../src/sandbox/slack/slack-signing';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const TEAM = 'T1';

let triggers = 0;
/** A unique trigger_id, as Slack gives every interaction. */
export function nextTrigger(): string {
  triggers += 1;
  return `trigger.${Date.now()}.${triggers}`;
}

export interface SlackHarness {
  ado: AdoHarness;
  slack: FakeSlackApi;
  server: { url: string };
  channel: SlackChannel;
  store: Store;
  /** The SQLite file behind `store` (to grep it). */
  dbPath: string;
  ids: IdentityDouble;
  deps: ChannelDeps;
  logs: ReturnType<typeof captureLogger>;
  /** The running app (its `runSweep` is the real reminder sweep through the platform notifier). */
  app: RunningApp;
  /** One audit poll now (the admin watch). */
  pollAudit: RunningApp['pollAudit'];
  /** Links a Slack user to a simulator user; returns the patbot user id. */
  link(slackUserId: string, simUser: SimUser): Promise<string>;
  userId(slackUserId: string): Promise<string>;
  /** POSTs a raw body to /slack/events. */
  post(body: string, headers: Record<string, string>): Promise<{ status: number; text: string; ms: number }>;
  /** A signed `/pat <text>` (the configured slash command) from `user` in `channel`; returns the HTTP answer and the response_url used. */
  command(
    text: string,
    options?: { user?: string; channel?: string },
  ): Promise<{ status: number; text: string; ms: number; responseUrl: string; responseId: string }>;
  /** A signed interactivity payload. */
  interact(payload: Record<string, unknown>): Promise<{ status: number; text: string; ms: number }>;
  /** A signed Events API body. */
  event(body: Record<string, unknown>): Promise<{ status: number; text: string; ms: number }>;
  close(): Promise<void>;
}

/** `env`: extra configuration variables (e.g. `MAX_ORGS_PER_USER`). */
export async function startSlackHarness(
  options: SlackChannelOptions = {},
  extraEnv: Record<string, string> = {},
  /** `scp` of the users' Azure DevOps tokens (default: the ado harness's `vso.pats vso.pats_manage`). */
  harness: { scp?: string } = {},
): Promise<SlackHarness> {
  const ado = await startAdoHarness();
  const slack = await startFakeSlackApi();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patbot-slack-'));
  const dbPath = path.join(dir, 'slack.db');
  const store = await openStore(`sqlite:${dbPath}`);
  const logs = captureLogger('debug');
  const env: Record<string, string> = {
    PORT: '0',
    SANDBOX: '1',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'sandbox-not-a-slack-token-test',
    SLACK_API_URL: slack.apiUrl,
    ADO_ORGANIZATIONS: 'contoso',
    PUBLIC_BASE_URL: 'https://patbot.example.com',
    ...extraEnv,
  };
  const ids = identityDouble(
    store,
    (u) => ado.token(u, { scp: harness.scp }),
    loadConfig(env).http.publicBaseUrl,
  );
  const { client } = ado.client({ timeoutMs: 15_000 });
  const app = await startApp({
    env,
    overrides: {
      store,
      clock: ado.clock,
      logger: logs.logger,
      tokensApi: client,
      orgAdminApi: new AdoAdminClient({
        vsspsBaseUrl: ado.sim.url,
        auditBaseUrl: ado.sim.url,
        devBaseUrl: ado.sim.url,
        clock: ado.clock,
        sleep: async () => undefined,
      }),
      identity: ids,
      // The harness runs its own Azure DevOps simulator and Slack Web API, not the sandbox's.
      simulators: false,
      scheduler: false,
      actionKey: randomBytes(32),
      slack: { botId: 'BBOT', botUserId: 'UBOT', ...options },
    },
  });
  const channel = app.slack as SlackChannel;
  const server = { url: app.url };
  const deps: ChannelDeps = channel.services.deps;
  const userId = async (slackUserId: string): Promise<string> =>
    (await store.users.upsertByIdentity({ platform: 'slack', teamId: TEAM, slackUserId })).id;

  const post = async (body: string, headers: Record<string, string>) => {
    const started = Date.now();
    const res = await fetch(`${server.url}/slack/events`, { method: 'POST', body, headers });
    const text = await res.text();
    return { status: res.status, text, ms: Date.now() - started };
  };
  const form = 'application/x-www-form-urlencoded';

  return {
    ado,
    slack,
    server,
    channel,
    store,
    dbPath,
    ids,
    deps,
    logs,
    app,
    pollAudit: () => app.pollAudit(),
    userId,
    async link(slackUserId, simUser) {
      const id = await userId(slackUserId);
      await ids.link(id, simUser, ado.tenantId);
      return id;
    },
    post,
    async command(text, opts = {}) {
      const responseUrl = slack.responseUrl();
      const body = commandForm({
        command: options.command ?? '/pat',
        text,
        team_id: TEAM,
        team_domain: 'contoso',
        user_id: opts.user ?? 'UALICE',
        user_name: 'alice',
        channel_id: opts.channel ?? 'C1',
        channel_name: (opts.channel ?? 'C1').startsWith('D') ? 'directmessage' : 'general',
        response_url: responseUrl,
        trigger_id: nextTrigger(),
      });
      const res = await post(body, { 'content-type': form, ...signedHeaders(body, SIGNING_SECRET) });
      return { ...res, responseUrl, responseId: responseUrl.split('/').pop() as string };
    },
    interact(payload) {
      const body = interactiveForm(payload);
      return post(body, { 'content-type': form, ...signedHeaders(body, SIGNING_SECRET) });
    },
    event(body) {
      const text = JSON.stringify(body);
      return post(text, { 'content-type': 'application/json', ...signedHeaders(text, SIGNING_SECRET) });
    },
    async close() {
      await app.stop();
      await slack.close();
      await ado.close();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A block_actions payload for a button click on a message. */
export function buttonClick(input: {
  user: string;
  actionId: string;
  value: string;
  responseUrl?: string;
  blocks?: unknown[];
  home?: boolean;
  /** The message is ephemeral (default true: lists in channels are); false for a normal channel message. */
  ephemeral?: boolean;
  channel?: string;
}): Record<string, unknown> {
  const payload: Record<string, unknown> = {
    type: 'block_actions',
    team: { id: TEAM, domain: 'contoso' },
    user: { id: input.user, username: input.user.toLowerCase(), team_id: TEAM },
    api_app_id: 'A1',
    token: 'deprecated',
    trigger_id: nextTrigger(),
    container: input.home
      ? { type: 'view', view_id: 'VHOME' }
      : {
          type: 'message',
          message_ts: '1.2',
          channel_id: input.channel ?? 'C1',
          is_ephemeral: input.ephemeral ?? true,
        },
    actions: [
      {
        type: 'button',
        action_id: input.actionId,
        block_id: 'b1',
        value: input.value,
        action_ts: '1.3',
        text: { type: 'plain_text', text: 'x' },
      },
    ],
  };
  if (input.home) {
    payload.view = {
      id: 'VHOME',
      type: 'home',
      team_id: TEAM,
      blocks: input.blocks ?? [],
      private_metadata: '',
      callback_id: '',
      state: { values: {} },
      hash: 'h',
    };
  } else {
    payload.response_url = input.responseUrl;
    payload.channel = { id: input.channel ?? 'C1', name: 'general' };
    payload.message = { type: 'message', ts: '1.2', blocks: input.blocks ?? [] };
  }
  return payload;
}

/** All button elements (action_id, value) in a list of blocks. */
export function buttonsIn(blocks: unknown): Array<{ action_id: string; value?: string; block_id: string }> {
  const out: Array<{ action_id: string; value?: string; block_id: string }> = [];
  if (!Array.isArray(blocks)) return out;
  for (const b of blocks as Array<Record<string, unknown>>) {
    if (b.type !== 'actions' || !Array.isArray(b.elements)) continue;
    for (const e of b.elements as Array<Record<string, unknown>>) {
      out.push({
        action_id: String(e.action_id),
        value: e.value as string | undefined,
        block_id: String(b.block_id),
      });
    }
  }
  return out;
}
