/**
 * The Slack sign-in web pages (`/auth/slack/start`, `/auth/callback`) through startApp with the
 * real identity module: every page names commands with the Slack app's slash command (SLACK_COMMAND).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from '../../src/app';
import { captureLogger } from '../support/capture-logger';
import { startFakeSlackApi, type FakeSlackApi } from '../../src/sandbox/slack/fake-web-api';
import { slackAppDriver, type SlackAppDriver } from '../support/slack-app-driver';

const SECRET = 'slack-signing-secret-for-page-tests';
const COMMAND = '/tokens';

describe('Slack sign-in pages name the configured slash command', () => {
  let dir: string;
  let app: RunningApp;
  let slackApi: FakeSlackApi;
  let driver: SlackAppDriver;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'patbot-app-slack-pages-'));
    slackApi = await startFakeSlackApi();
    app = await startApp({
      env: {
        PORT: '0',
        DATABASE_URL: `sqlite:${dir}/app.db`,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_BOT_TOKEN: 'fake-slack-bot-token',
        SLACK_API_URL: slackApi.apiUrl,
        SLACK_COMMAND: COMMAND,
      },
      logger: captureLogger('info').logger,
    });
    driver = slackAppDriver({
      url: () => app.url,
      slackApi,
      secret: SECRET,
      entraCaPem: () => app.sandbox!.entra.caPem,
      command: COMMAND,
    });
  });
  afterAll(async () => {
    await app?.stop();
    await slackApi?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** `/tokens list` as `slackUserId` (profile e-mail `email`), then the sign-in link it was given. */
  async function signInLink(slackUserId: string, email: string): Promise<string> {
    slackApi.answer('users.info', () => ({ ok: true, user: { id: slackUserId, profile: { email } } }));
    const { answered } = await driver.command(slackUserId, 'list');
    return driver.signInLink(answered);
  }

  function expectOnlyConfiguredCommand(page: string): void {
    expect(page).toContain(`\`${COMMAND} `);
    expect(page).not.toContain('pat signin');
    expect(page).not.toContain('pat list');
  }

  it('the signed-in page: `/tokens list` and `/tokens signout`', async () => {
    // The sandbox's Entra simulator signs in Alex (alexw@example.com), the demo persona.
    const page = await driver.follow(await signInLink('U1', 'alexw@example.com'));
    expect(page.status).toBe(200);
    expect(page.text).toContain(`run \`${COMMAND} list\``);
    expect(page.text).toContain(`\`${COMMAND} signout\``);
    expectOnlyConfiguredCommand(page.text);
  });

  it('a forwarded link (another Slack person): `/tokens signin`', async () => {
    const page = await driver.follow(await signInLink('UMALLORY', 'mallory@evil.example'));
    expect(page.status).toBe(403);
    expect(page.text).toContain(`\`${COMMAND} signin\``);
    expectOnlyConfiguredCommand(page.text);
  });

  it('a broken link and a sign-in Entra ended with an error: `/tokens signin`', async () => {
    const broken = await fetch(`${app.url}/auth/slack/start?state=g1.AAAA`);
    expect(broken.status).toBe(400);
    const brokenText = await broken.text();
    expect(brokenText).toContain(`\`${COMMAND} signin\``);
    expectOnlyConfiguredCommand(brokenText);

    const state = new URL(await signInLink('U2', 'u2@example.com')).searchParams.get('state')!;
    const denied = await fetch(
      `${app.url}/auth/callback?state=${encodeURIComponent(state)}&error=access_denied`,
    );
    expect(denied.status).toBe(400);
    const deniedText = await denied.text();
    expect(deniedText).toContain(`run \`${COMMAND} signin\` to try again`);
    expectOnlyConfiguredCommand(deniedText);
  });
});
