/**
 * End to end with the REAL identity module (msal-node against the Entra simulator): an unlinked
 * person runs `/pat list`, gets the real one-time sign-in link, completes authorization code +
 * PKCE, `notifySlackSignedIn` DMs them and re-runs the list with a token the Azure DevOps
 * simulator verifies against the Entra simulator's keys.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { request } from 'node:https';
import { AdoTokensClient } from '../../../src/ado';
import { createSlackChannel, type SlackChannel } from '../../../src/channels/slack';
import { loadConfig } from '../../../src/config';
import type { Store } from '../../../src/core/store';
import { startHttpServer, type RunningHttpServer } from '../../../src/http/server';
import { startAdoSimulator, type AdoSimulator, type SimJwks } from '../../../src/sandbox/ado';
import { openStore } from '../../../src/store/open-store';
import { PUBLIC_BASE_URL, startHarness, type Harness } from '../../support/entra-harness';
import { startFakeSlackApi, type FakeSlackApi } from '../../../src/sandbox/slack/fake-web-api';
import { commandForm, signedHeaders } from '../../../src/sandbox/slack/slack-signing';

const SECRET = 'real-identity-signing-secret-0123456789';
const DAY = 86_400_000;

function httpsGet(url: string, ca: string): Promise<{ status: number; location?: string; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { ca }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          location: res.headers.location,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    })
      .on('error', reject)
      .end();
  });
}

describe('Slack sign-in with the real identity module', () => {
  let dir: string;
  let store: Store;
  let entra: Harness;
  let ado: AdoSimulator;
  let slack: FakeSlackApi;
  let channel: SlackChannel;
  let server: RunningHttpServer;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patbot-slack-real-'));
    store = await openStore(`sqlite:${path.join(dir, 'x.db')}`);
    entra = await startHarness({ store });
    const keys = await httpsGet(entra.sim.jwksUri, entra.sim.caPem);
    ado = await startAdoSimulator({ jwks: JSON.parse(keys.body) as SimJwks, issuers: [entra.sim.adoIssuer] });
    ado.addOrg({ name: 'contoso', tenantId: entra.sim.tenantId });
    slack = await startFakeSlackApi();
    const config = loadConfig({
      SANDBOX: '1',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: 'sandbox-not-a-slack-token-real',
      SLACK_API_URL: slack.apiUrl,
      ADO_ORGANIZATIONS: 'contoso',
      PUBLIC_BASE_URL,
    });
    channel = createSlackChannel(
      {
        config,
        logger: entra.logs.logger,
        clock: entra.clock,
        store,
        tokensApi: new AdoTokensClient({ baseUrl: ado.url }),
        tokenProvider: entra.identity.tokenProvider,
        identity: entra.identity,
        actionKey: randomBytes(32),
      },
      { botId: 'BBOT', botUserId: 'UBOT' },
    );
    server = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      bodyLimitBytes: 65536,
      logger: entra.logs.logger,
      routes: channel.routes,
    });
  }, 60_000);

  afterAll(async () => {
    await server?.close(2000);
    await slack?.close();
    await ado?.close();
    await entra?.close();
    await store?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('links the Slack user through Entra, DMs them and runs the list they asked for', async () => {
    const oid = await entra.newPerson('Carol');
    ado.addMember('contoso', { oid, name: 'carol@contoso.example' });
    ado.addPat({
      ownerOid: oid,
      org: 'contoso',
      name: 'carol-build',
      validTo: new Date(Date.now() + 12 * DAY),
    });

    const responseUrl = slack.responseUrl();
    const body = commandForm({
      text: 'list',
      team_id: 'T9',
      user_id: 'UCAROL',
      channel_id: 'C9',
      response_url: responseUrl,
      trigger_id: 't',
    });
    const res = await fetch(`${server.url}/slack/events`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signedHeaders(body, SECRET) },
    });
    expect(res.status).toBe(200);
    const id = responseUrl.split('/').pop() as string;
    const prompt = await slack.waitFor(() => slack.responses(id)[0], 15_000);
    expect(prompt.body.response_type).toBe('ephemeral');
    const link = JSON.stringify(prompt.body.blocks).match(/"url":"([^"]+)"/)?.[1] ?? '';
    expect(link.startsWith(`${PUBLIC_BASE_URL}/auth/slack/start?state=`)).toBe(true);
    expect(ado.requestCount()).toBe(0);

    // The browser: /auth/slack/start → Entra authorize (PKCE) → /auth/callback.
    await entra.sim.setSignInUser(oid);
    const state = new URL(link).searchParams.get('state') ?? '';
    const start = await entra.identity.handleSlackStart({ query: { state }, headers: {} });
    expect(start.status).toBe(302);
    const authorized = await httpsGet(start.headers?.location ?? '', entra.sim.caPem);
    expect(authorized.status).toBe(302);
    const callback = new URL(authorized.location ?? '');
    const done = await entra.identity.handleAuthCallback({
      query: Object.fromEntries(callback.searchParams),
      headers: {},
    });
    expect(done.status).toBe(200);

    // What the lead wires to the identity module's success: the DM and the re-run.
    const result = await channel.notifySlackSignedIn({ teamId: 'T9', slackUserId: 'UCAROL' });
    expect(result).toEqual({ dmSent: true, reran: 'list' });
    expect(String(slack.calls('chat.postMessage')[0].args.text)).toContain("You're signed in");
    const listed = slack.responses(id)[1];
    expect(JSON.stringify(listed.body.blocks)).toContain('carol-build');
    expect(ado.requests({ method: 'GET' }).every((r) => r.oid === oid && r.status === 200)).toBe(true);
  }, 60_000);
});
