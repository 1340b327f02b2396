import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from '../../src/app';
import { captureLogger } from '../support/capture-logger';

describe('startApp in sandbox mode', () => {
  let dir: string;
  let app: RunningApp;
  const logs = captureLogger('info');

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'patbot-app-'));
    app = await startApp({
      env: { PORT: '0', DATABASE_URL: `sqlite:${dir}/app.db` },
      logger: logs.logger,
    });
  });
  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the simulators on loopback and answers health checks', async () => {
    expect(app.config.sandbox).toBe(true);
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(app.url).not.toMatch(/:0$/);
    expect(app.sandbox?.ado.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
    expect(app.sandbox?.entra.origin).toMatch(/^https:\/\/127\.0\.0\.1:/);
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
  });

  it('serves the Slack sign-in start page, refusing a missing state', async () => {
    const res = await fetch(`${app.url}/auth/slack/start`, { redirect: 'manual' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('stops everything it started', async () => {
    const other = await startApp({
      env: { PORT: '0', DATABASE_URL: `sqlite:${dir}/other.db` },
      logger: logs.logger,
    });
    const adoUrl = other.sandbox!.ado.url;
    await other.stop();
    await expect(fetch(`${other.url}/healthz`)).rejects.toThrow();
    await expect(fetch(adoUrl)).rejects.toThrow();
  });
});
