import { request as httpsRequest } from 'node:https';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from '../../src/app';
import { captureLogger } from '../support/capture-logger';
import { startFakeSlackApi, type FakeSlackApi } from '../support/slack-fake-api';
import { commandForm, signedHeaders } from '../support/slack-signing';

const SECRET = 'slack-signing-secret-for-tests';
const ALICE = '11111111-1111-4111-8111-111111111111'; // the Entra simulator's default sign-in user

/** GET over https trusting exactly the sandbox CA; returns status and Location. */
function httpsGet(url: string, ca: string): Promise<{ status: number; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    httpsRequest(url, { ca }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, location: res.headers.location });
    })
      .on('error', reject)
      .end();
  });
}

describe('Slack through startApp: not linked → sign in with Microsoft → the command runs', () => {
  let dir: string;
  let app: RunningApp;
  let slackApi: FakeSlackApi;
  const logs = captureLogger('debug');

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'patbot-app-slack-'));
    slackApi = await startFakeSlackApi();
    app = await startApp({
      env: {
        PORT: '0',
        DATABASE_URL: `sqlite:${dir}/app.db`,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_API_URL: slackApi.apiUrl,
      },
      logger: logs.logger,
    });
    const ado = app.sandbox!.ado;
    ado.addOrg({ name: 'contoso' });
    ado.addOrg({ name: 'fabrikam' });
    ado.addMember('contoso', { oid: ALICE, name: 'Alice Example' });
    ado.addPat({
      ownerOid: ALICE,
      org: 'contoso',
      name: 'nuget-feed',
      validTo: new Date(Date.now() + 6 * 86_400_000),
    });
  });
  afterAll(async () => {
    await app?.stop();
    await slackApi?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('links the Slack user through the real PKCE flow and then lists their PATs', async () => {
    const responseUrl = slackApi.responseUrl();
    const body = commandForm({
      text: 'list',
      team_id: 'T1',
      user_id: 'U1',
      user_name: 'alice',
      channel_id: 'C1',
      trigger_id: 't.1',
      response_url: responseUrl,
    });
    const ack = await fetch(`${app.url}/slack/events`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signedHeaders(body, SECRET) },
    });
    expect(ack.status).toBe(200);
    const ackText = await ack.text();

    // the sign-in prompt (ephemeral, only for U1) carries the one-time link
    const prompt = await slackApi.waitFor(() => {
      const text = JSON.stringify([ackText, slackApi.responses(), slackApi.calls()]);
      const m = text.match(/http:\/\/127\.0\.0\.1:\d+\/auth\/slack\/start\?[^"\\]+/);
      return m ? m[0] : undefined;
    }, 10_000);
    expect(prompt).toContain('/auth/slack/start');

    const start = await fetch(prompt.replace(/\\u0026/g, '&'), { redirect: 'manual' });
    expect(start.status).toBe(302);
    const authorize = start.headers.get('location')!;
    expect(authorize).toContain(`${app.sandbox!.entra.origin}/`);
    expect(authorize).toContain('code_challenge_method=S256');

    const approved = await httpsGet(authorize, app.sandbox!.entra.caPem);
    expect(approved.status).toBe(302);
    const callback = await fetch(approved.location!, { redirect: 'manual' });
    expect(callback.status).toBe(200);
    expect(await callback.text()).toContain('signed in');

    // "You're signed in" DM, then the command re-runs and the list arrives
    await slackApi.waitFor(
      () => JSON.stringify([slackApi.responses(), slackApi.calls('chat.postMessage')]).includes('nuget-feed'),
      15_000,
    );
    const user = await app.store.users.findByIdentity({ platform: 'slack', teamId: 'T1', slackUserId: 'U1' });
    expect(user?.entraAccount?.homeAccountId).toContain(ALICE);
    expect(logs.text()).not.toMatch(/eyJ[\w-]{20,}\.[\w-]{20,}/);
  });
});
