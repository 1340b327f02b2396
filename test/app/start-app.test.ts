import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from '../../src/app';
import { PLAYGROUND_USER } from '../../src/sandbox/demo-data';
import { SWEEP_LEASE_NAME } from '../../src/scheduler';
import { openStore } from '../../src/store/open-store';
import { captureLogger } from '../support/capture-logger';
import { messageActivity, type TeamsPerson } from '../support/teams-activity';
import { startFakeConnector, type FakeConnector } from '../support/teams-connector';

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

  it('a manual sweep takes the sweep lease: it skips while another instance sweeps, then runs and releases it', async () => {
    // Another patbot instance on the same database file (its own connection) is sweeping.
    const other = await openStore(`sqlite:${dir}/app.db`);
    try {
      expect(await other.leases.tryAcquire(SWEEP_LEASE_NAME, 'other-instance', new Date(), 60_000)).toBe(
        true,
      );
      expect(await app.runSweep()).toEqual({ kind: 'skipped', reason: 'lease-held' });
      await other.leases.release(SWEEP_LEASE_NAME, 'other-instance');
      expect((await app.runSweep()).kind).toBe('ran');
      // It released the lease afterwards.
      expect(await other.leases.tryAcquire(SWEEP_LEASE_NAME, 'other-instance', new Date(), 60_000)).toBe(
        true,
      );
      await other.leases.release(SWEEP_LEASE_NAME, 'other-instance');
    } finally {
      await other.close();
    }
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

describe('sandbox mode, Teams end to end through startApp', () => {
  let dir: string;
  let app: RunningApp;
  let connector: FakeConnector;
  const logs = captureLogger('info');
  const alex: TeamsPerson = {
    oid: '9c1f3a52-5b8e-4f0e-9a55-0d6f1b2c3d4e',
    name: 'Alex Wilber',
    teamsId: '29:alex',
    upn: 'alex@sandbox.example',
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'patbot-app-teams-'));
    connector = await startFakeConnector();
    app = await startApp({ env: { PORT: '0', DATABASE_URL: `sqlite:${dir}/app.db` }, logger: logs.logger });
    const ado = app.sandbox!.ado;
    ado.addPat({
      ownerOid: alex.oid,
      org: 'contoso',
      name: 'build-agent',
      scope: 'vso.build_execute',
      validTo: new Date(Date.now() + 2 * 86_400_000),
    });
  });
  afterAll(async () => {
    await app?.stop();
    await connector?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs a new Teams user in through the real OBO path on their first command and lists their PATs', async () => {
    // a Teams tenant other than the Entra simulator's own: sandbox sign-in must still work
    const ctx = {
      serviceUrl: connector.serviceUrl,
      botId: 'sandbox-bot',
      tenantId: '7e57a9f1-0000-4000-8000-0000000000f1',
    };
    const res = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(messageActivity(ctx, alex, { kind: 'personal', id: 'a:alex' }, 'pat list')),
    });
    expect(res.status).toBeLessThan(300);
    await app.teams.idle();
    const deadline = Date.now() + 10_000;
    let text = '';
    while (Date.now() < deadline) {
      text = JSON.stringify(connector.messages('a:alex'));
      if (text.includes('build-agent')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(text).toContain('build-agent');
    expect(text).toContain('contoso');
    // the sign-in really went through msal-node OBO against the Entra simulator
    expect(app.sandbox!.entra.requests().some((r) => r.grant === 'obo' && r.status === 200)).toBe(true);
    const user = await app.store.users.findByIdentity({
      platform: 'teams',
      tenantId: ctx.tenantId,
      aadObjectId: alex.oid,
    });
    expect(user?.entraAccount?.homeAccountId).toContain(alex.oid);
  });
});

describe('sandbox demo data', () => {
  let dir: string;
  let app: RunningApp;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'patbot-app-demo-'));
    app = await startApp({
      env: { PORT: '0', DATABASE_URL: `sqlite:${dir}/app.db` },
      logger: captureLogger().logger,
      now: () => new Date('2026-11-28T09:00:00Z'),
    });
  });
  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('seeds the Playground users with PATs expiring in 2, 6 and 13 days, an expired, a global and a full-access one', () => {
    const pats = app.sandbox!.ado.patsOf(PLAYGROUND_USER.oid);
    const days = pats.map((p) =>
      Math.round((p.validTo.getTime() - Date.parse('2026-11-28T09:00:00Z')) / 86_400_000),
    );
    expect(days).toEqual(expect.arrayContaining([2, 6, 13]));
    expect(days.some((d) => d < 0)).toBe(true);
    expect(days.some((d) => d > 60)).toBe(true);
    expect(pats.some((p) => p.targetAccounts === null)).toBe(true);
    expect(pats.some((p) => p.scope === 'app_token')).toBe(true);
  });
});
