import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from '../../src/app';
import { captureLogger } from '../support/capture-logger';

describe('a Slack-only deployment (no BOT_ID, not sandbox)', () => {
  let dir: string;
  let app: RunningApp;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'patbot-slack-only-'));
    app = await startApp({
      env: {
        SANDBOX: '0',
        PORT: '0',
        DATABASE_URL: `sqlite:${dir}/app.db`,
        AAD_APP_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
        AAD_APP_CLIENT_SECRET: 'secret',
        AAD_APP_TENANT_ID: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
        TOKEN_CACHE_KEY: randomBytes(32).toString('base64'),
        SLACK_SIGNING_SECRET: 'sig',
        SLACK_BOT_TOKEN: 'fake-slack-bot-token',
        SLACK_API_URL: 'http://127.0.0.1:9/api/',
      },
      logger: captureLogger().logger,
    });
  });
  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('does not serve the unauthenticated Teams endpoint, but serves Slack', async () => {
    const teams = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'pat list', serviceUrl: 'http://169.254.169.254/' }),
    });
    expect(teams.status).toBe(404);
    const slack = await fetch(`${app.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'command=%2Fpat&text=list',
    });
    expect(slack.status).toBe(401);
  });
});
