/**
 * The database file is write-locked by ANOTHER OS process for 3 s while a real patbot (startApp,
 * real HTTP, Slack configured) is busy with a command that must write. The event loop stays
 * free: signed `/pat help` slash commands are acked and `/healthz` answers within 200 ms each
 * (Slack gives an ack 3 s), and the waiting write succeeds once the lock is released.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from '../../src/app';
import { captureLogger } from '../support/capture-logger';
import { startFakeSlackApi, type FakeSlackApi } from '../../src/sandbox/slack/fake-web-api';
import { commandForm, signedHeaders } from '../../src/sandbox/slack/slack-signing';
import { holdWriteLock } from '../support/sqlite-lock';

const SECRET = 'locked-database-signing-secret-0123';
const DEADLINE_MS = 200;

describe('a database locked by another process', () => {
  let dir: string;
  let app: RunningApp;
  let slackApi: FakeSlackApi;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'patbot-app-locked-'));
    slackApi = await startFakeSlackApi();
    app = await startApp({
      env: {
        PORT: '0',
        DATABASE_URL: `sqlite:${dir}/app.db`,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_BOT_TOKEN: 'fake-slack-bot-token',
        SLACK_API_URL: slackApi.apiUrl,
        LOG_LEVEL: 'silent',
      },
      logger: captureLogger('info').logger,
    });
  });
  afterAll(async () => {
    await app?.stop();
    await slackApi?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function slash(
    text: string,
    user: string,
  ): Promise<{ status: number; text: string; ms: number; responseId: string }> {
    const responseUrl = slackApi.responseUrl();
    const body = commandForm({
      text,
      team_id: 'T1',
      user_id: user,
      channel_id: 'C1',
      trigger_id: `t.${user}.${Date.now()}`,
      response_url: responseUrl,
    });
    const started = performance.now();
    const res = await fetch(`${app.url}/slack/events`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signedHeaders(body, SECRET) },
    });
    const answer = await res.text();
    const ms = performance.now() - started;
    return { status: res.status, text: answer, ms, responseId: responseUrl.split('/').pop() ?? '' };
  }

  async function healthz(): Promise<{ status: number; ms: number }> {
    const started = performance.now();
    const res = await fetch(`${app.url}/healthz`);
    await res.text();
    return { status: res.status, ms: performance.now() - started };
  }

  it('keeps acking /pat help and answering /healthz, and the waiting write lands after the release', async () => {
    // Warm up both paths (first requests compile code), unlocked.
    expect((await slash('help', 'UWARM')).status).toBe(200);
    expect((await healthz()).status).toBe(200);

    const lock = await holdWriteLock(path.join(dir, 'app.db'), 3000);
    // A first-time user's command: creating their user row needs the write lock.
    const list = await slash('list', 'UNEWCOMER');
    expect(list.status).toBe(200);

    const seen: Array<{ what: string; ms: number }> = [];
    for (let round = 0; round < 5; round++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const [help, health] = await Promise.all([slash('help', `UHELP${round}`), healthz()]);
      expect(help.status).toBe(200);
      expect(help.text).toContain('/pat list');
      expect(health.status).toBe(200);
      seen.push({ what: 'help', ms: help.ms }, { what: 'healthz', ms: health.ms });
    }
    const stillLockedAt = Date.now();
    const releasedAt = await lock.released;
    expect(seen.filter((s) => s.ms >= DEADLINE_MS)).toEqual([]);
    expect(stillLockedAt).toBeLessThan(releasedAt); // every round above ran while the lock was held

    // The write that waited: the newcomer's command finished (its answer arrived on the
    // response_url) and their user row exists, created after the lock went away.
    await slackApi.waitFor(() => slackApi.responses(list.responseId).length > 0, 10_000);
    const user = await app.store.users.findByIdentity({
      platform: 'slack',
      teamId: 'T1',
      slackUserId: 'UNEWCOMER',
    });
    expect(user).not.toBeNull();
    expect(user!.createdAt.getTime()).toBeGreaterThanOrEqual(releasedAt - 5);
  }, 30_000);
});
