/**
 * `/readyz` tells strangers whether patbot is ready and which checks pass, nothing more. The
 * checks' details (instance id = host name and pid, the scheduler's next run and last sweep)
 * go only to a caller with `Authorization: Bearer <READYZ_DETAIL_TOKEN>` or on loopback.
 *
 * Driven through the real bot (startApp, sandbox mode, its real store, config and scheduler
 * checks) over HTTP. Sandbox mode binds loopback only, so a stranger there is a request relayed
 * by a reverse proxy (`X-Forwarded-For`), as every request through App Service's front end is;
 * a last test binds the HTTP edge to this machine's non-loopback address for a direct stranger.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from '../../src/app';
import { healthRoutes } from '../../src/http/health';
import { startHttpServer } from '../../src/http/server';
import { schedulerReadiness } from '../../src/scheduler';
import { captureLogger } from '../support/capture-logger';

const TOKEN = 'readyz-detail-token-for-tests-only';
const STRANGER = { 'x-forwarded-for': '203.0.113.9' };

interface Readyz {
  status: string;
  checks: Array<Record<string, unknown>>;
}

describe('/readyz through the real bot', () => {
  let dir: string;
  let app: RunningApp;
  const logs = captureLogger();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'patbot-readyz-'));
    app = await startApp({
      env: { PORT: '0', DATABASE_URL: `sqlite:${dir}/app.db`, READYZ_DETAIL_TOKEN: TOKEN },
      logger: logs.logger,
    });
  });
  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function readyz(
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: Readyz; text: string }> {
    const res = await fetch(`${app.url}/readyz`, { headers });
    const text = await res.text();
    return { status: res.status, body: JSON.parse(text) as Readyz, text };
  }

  it('shows a stranger only ok and each check’s name and state', async () => {
    const { status, body, text } = await readyz(STRANGER);
    expect(status).toBe(200);
    expect(body).toEqual({
      status: 'ready',
      checks: [
        { name: 'store', ok: true },
        { name: 'config', ok: true },
        { name: 'scheduler', ok: true },
      ],
    });
    expect(text).not.toContain(os.hostname());
    expect(text).not.toContain(String(process.pid));
    expect(text).not.toMatch(/instanceId|lastSweep|nextRunAt|sandbox/);
  });

  it('shows a stranger with a wrong or malformed token the same', async () => {
    for (const authorization of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, TOKEN, 'Bearer ']) {
      const { body } = await readyz({ ...STRANGER, authorization });
      expect(body.checks.map((c) => Object.keys(c).sort())).toEqual([
        ['name', 'ok'],
        ['name', 'ok'],
        ['name', 'ok'],
      ]);
    }
  });

  it('shows the details with the bearer token', async () => {
    const { body } = await readyz({ ...STRANGER, authorization: `Bearer ${TOKEN}` });
    const scheduler = body.checks.find((c) => c.name === 'scheduler')!;
    expect(scheduler.instanceId).toEqual(expect.stringContaining(`${os.hostname()}:${process.pid}:`));
    expect(scheduler).toHaveProperty('nextRunAt');
    expect(scheduler).toHaveProperty('lastSweep');
    expect(body.checks.find((c) => c.name === 'config')).toEqual({
      name: 'config',
      ok: true,
      sandbox: true,
      // sandbox mode serves its own local Slack workspace (/sandbox/slack)
      slack: true,
    });
  });

  it('shows the details to a caller on this machine (loopback, not relayed)', async () => {
    const { body } = await readyz();
    expect(body.checks.find((c) => c.name === 'scheduler')).toHaveProperty('instanceId');
  });
});

describe('/readyz to a caller that is not on loopback', () => {
  const external = Object.values(os.networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

  (external ? it : it.skip)('hides the details unless the bearer token is given', async () => {
    const logs = captureLogger();
    const scheduler = { status: () => ({ running: false, started: true, instanceId: 'web-7:4242:abc123' }) };
    const server = await startHttpServer({
      host: external!,
      port: 0,
      bodyLimitBytes: 1024,
      logger: logs.logger,
      // SDK-free stand-in for the scheduler's status(); the check and the route are the real ones.
      routes: healthRoutes([schedulerReadiness(scheduler as never)], { detailToken: TOKEN }),
    });
    try {
      const plain = await (await fetch(`${server.url}/readyz`)).json();
      expect(plain).toEqual({ status: 'ready', checks: [{ name: 'scheduler', ok: true }] });
      const detailed = (await (
        await fetch(`${server.url}/readyz`, { headers: { authorization: `Bearer ${TOKEN}` } })
      ).json()) as Readyz;
      expect(detailed.checks[0]).toMatchObject({ instanceId: 'web-7:4242:abc123' });
    } finally {
      await server.close(1000);
    }
  });
});
