import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from '../../src/app';
import { captureLogger } from '../support/capture-logger';
import { startFakeSlackApi, type FakeSlackApi } from '../support/slack-fake-api';
import { slackAppDriver } from '../support/slack-app-driver';

const SECRET = 'slack-signing-secret-for-tests';
const ALICE = '11111111-1111-4111-8111-111111111111'; // the Entra simulator's default sign-in user

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
    const ado = app.sandbox!.ado;
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

  /** Runs /pat list → sign-in link → Entra (auto-approves Alice) → callback; returns the callback page. */
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
    const page = await linkAs('U1', 'Alice@Contoso.example');
    expect(page.status).toBe(200);
    expect(page.text).toContain('signed in');

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
