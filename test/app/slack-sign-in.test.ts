import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from '../../src/app';
import { PLAYGROUND_USER } from '../../src/sandbox/demo-data';
import { captureLogger } from '../support/capture-logger';
import { startFakeSlackApi, type FakeSlackApi } from '../../src/sandbox/slack/fake-web-api';
import { slackAppDriver } from '../support/slack-app-driver';

const SECRET = 'slack-signing-secret-for-tests';
// The sandbox's Entra simulator signs in Alex, the demo persona (src/sandbox/demo-data.ts).
const ALEX = PLAYGROUND_USER.oid;

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
        SLACK_BOT_TOKEN: 'fake-slack-bot-token',
        SLACK_API_URL: slackApi.apiUrl,
      },
      logger: logs.logger,
    });
    // Alex already has the demo PATs (nuget-feed among them).
  });
  afterAll(async () => {
    await app?.stop();
    await slackApi?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs /pat list → sign-in link → Entra (auto-approves Alex) → callback; returns the callback page. */
  async function linkAs(
    slackUserId: string,
    profileEmail: string | null,
  ): Promise<{ status: number; text: string }> {
    slackApi.answer('users.info', () => ({
      ok: true,
      user: { id: slackUserId, tz: 'Europe/Berlin', profile: profileEmail ? { email: profileEmail } : {} },
    }));
    const driver = slackAppDriver({
      url: () => app.url,
      slackApi,
      secret: SECRET,
      entraCaPem: () => app.sandbox!.entra.caPem,
    });
    const { answered } = await driver.command(slackUserId, 'list');
    const page = await driver.follow(await driver.signInLink(answered));
    expect(page.authorizeUrl).toContain('code_challenge_method=S256');
    // The browser reaches the Entra simulator's authorize step on the bot's loopback http origin.
    expect(page.authorizeUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sandbox\/entra\/authorize\?/);
    return page;
  }

  it("refuses a forwarded link: the Microsoft account is not the Slack user's, so nothing is linked", async () => {
    const page = await linkAs('UMALLORY', 'mallory@evil.example');
    expect(page.status).toBe(403);
    expect(page.text).toContain('does not match');
    const mallory = await app.store.users.findByIdentity({
      platform: 'slack',
      teamId: 'T1',
      slackUserId: 'UMALLORY',
    });
    expect(mallory?.entraAccount ?? null).toBeNull();
    expect(await app.store.tokenCache.get(`msal:${mallory!.id}`)).toBeNull();
    const noEmail = await linkAs('UNOMAIL', null);
    expect(noEmail.status).toBe(403);
    expect(noEmail.text).toContain('users:read.email');
  });

  it('links the Slack user through the real PKCE flow and then lists their PATs', async () => {
    const page = await linkAs('U1', 'AlexW@Example.com');
    expect(page.status).toBe(200);
    expect(page.text).toContain('signed in');

    // "You're signed in" DM, then the command re-runs and the list arrives
    await slackApi.waitFor(
      () => JSON.stringify([slackApi.responses(), slackApi.calls('chat.postMessage')]).includes('nuget-feed'),
      15_000,
    );
    const user = await app.store.users.findByIdentity({ platform: 'slack', teamId: 'T1', slackUserId: 'U1' });
    expect(user?.entraAccount?.homeAccountId).toContain(ALEX);
    expect(logs.text()).not.toMatch(/eyJ[\w-]{20,}\.[\w-]{20,}/);
  });
});
