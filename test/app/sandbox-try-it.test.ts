/**
 * "A newcomer can try everything locally", without a browser: the real app in sandbox mode with
 * its own Slack workspace, `pat remind me` through the real Teams and Slack HTTP paths, and
 * `npm run sweep` (a child process) against the running sandbox through POST /sandbox/sweep.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { PLAYGROUND_USER } from '../../src/sandbox/demo-data';
import { sandboxRoutes } from '../../src/sandbox/sandbox-routes';
import { SANDBOX_ALEX, SANDBOX_TEAM } from '../../src/sandbox/slack/people';
import { captureLogger } from '../support/capture-logger';
import { messageActivity, type TeamsPerson } from '../support/teams-activity';
import { startFakeConnector, type FakeConnector } from '../support/teams-connector';

const ROOT = path.join(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const DM = 'D0ALEXW';

function run(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, ['scripts/sweep.ts', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

/** The most recent weekday at 10:00 UTC at or before now (inside 09–17 in London and UTC). */
function lastWeekdayTen(): Date {
  const at = new Date();
  at.setUTCHours(10, 0, 0, 0);
  if (at.getTime() > Date.now()) at.setUTCDate(at.getUTCDate() - 1);
  while (at.getUTCDay() === 0 || at.getUTCDay() === 6) at.setUTCDate(at.getUTCDate() - 1);
  return at;
}

async function until<T>(what: string, probe: () => T | undefined | false, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('sandbox config', () => {
  it('counts any Slack token as a real credential unless the Web API is a loopback fake', () => {
    expect(() =>
      loadConfig({ SANDBOX: '1', SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-sandbox-1' }),
    ).toThrow(/real credentials are set \(SLACK_BOT_TOKEN\)/);
    expect(loadConfig({}).slack).toBeNull(); // sandbox with no Slack settings: patbot runs its own Slack
  });
});

describe('the sandbox sweep endpoint', () => {
  it('refuses callers that are not on this machine, without sweeping', async () => {
    const swept: unknown[] = [];
    const routes = sandboxRoutes({
      entra: {} as never,
      slack: null,
      sweep: async (r) => {
        swept.push(r);
        return { kind: 'ran' };
      },
    });
    const route = routes.find((r) => r.path === '/sandbox/sweep')!;
    const request = (remoteAddress: string) =>
      route.handle!({
        method: 'POST',
        path: route.path,
        query: {},
        headers: {},
        body: Buffer.from('{"now":"2027-01-04T10:00:00Z"}'),
        correlationId: 'c',
        log: captureLogger().logger,
        remoteAddress,
      });
    expect((await request('192.0.2.10')).status).toBe(403);
    expect(swept).toEqual([]);
    expect((await request('::ffff:127.0.0.1')).status).toBe(200);
    expect(swept).toEqual([{ now: new Date('2027-01-04T10:00:00Z'), dryRun: false }]);
  });
});

describe('npm run sweep against a sandbox nobody has used yet', () => {
  it('says that nobody has signed in yet and what to do first', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'patbot-sweep-nobody-'));
    const app = await startApp({
      env: { PORT: '0', DATABASE_URL: `sqlite:${dir}/app.db` },
      logger: captureLogger().logger,
    });
    try {
      const result = await run(['--now', lastWeekdayTen().toISOString()], { PORT: new URL(app.url).port });
      expect(result.code).toBe(0);
      expect(JSON.parse(result.out)).toMatchObject({ users: 0, remindersSent: 0 });
      expect(result.err).toContain('Nobody has signed in to the sandbox yet');
      expect(result.err).toContain('/sandbox/slack');
    } finally {
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('trying patbot in the sandbox: both channels, a reminder', () => {
  let dir: string;
  let app: RunningApp;
  let connector: FakeConnector;
  const logs = captureLogger('info');
  const alex: TeamsPerson = {
    oid: PLAYGROUND_USER.oid,
    name: PLAYGROUND_USER.name,
    teamsId: PLAYGROUND_USER.teamsId,
    upn: PLAYGROUND_USER.upn,
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'patbot-try-it-'));
    connector = await startFakeConnector();
    app = await startApp({ env: { PORT: '0', DATABASE_URL: `sqlite:${dir}/app.db` }, logger: logs.logger });
  });
  afterAll(async () => {
    await app?.stop();
    await connector?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const slackPosts = (): string =>
    JSON.stringify(app.sandboxSlack!.api.calls('chat.postMessage').filter((c) => c.args.channel === DM));

  it('pat remind me in Teams sends the due reminders to the chat now, then says how many', async () => {
    const ctx = {
      serviceUrl: connector.serviceUrl,
      botId: 'sandbox-bot',
      tenantId: 'aaaaaaaa-0000-4000-8000-00000000000a',
    };
    const res = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(messageActivity(ctx, alex, { kind: 'personal', id: 'a:alex' }, 'pat remind me')),
    });
    expect(res.status).toBeLessThan(300);
    const text = await until('the Teams answer', () => {
      const all = JSON.stringify(connector.messages('a:alex'));
      return /Sent you \d+ reminders just now/.test(all) && all;
    });
    expect(text).toContain('build-agent'); // expires in 2 days: the 3d reminder
    expect(text).toContain('nuget-feed');
    // a second time: the ledger already has them
    connector.clear();
    await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(messageActivity(ctx, alex, { kind: 'personal', id: 'a:alex' }, 'pat remind me')),
    });
    const again = await until('the second answer', () => {
      const all = JSON.stringify(connector.messages('a:alex'));
      return all.includes('Nothing new is due') && all;
    });
    expect(again).not.toContain('build-agent');
  });

  it('/pat remind me in Slack: signed in as Alex through the link, the reminders arrive in the DM', async () => {
    const slack = app.sandboxSlack!;
    expect(slack.botToken).not.toMatch(/^xox/);
    expect(await slack.command(DM, 'remind me')).toEqual({ ok: true });
    const link = await until('the sign-in link', () => {
      const m = JSON.stringify(slack.snapshot().messages).match(
        /http:\/\/127\.0\.0\.1:\d+\/auth\/slack\/start\?state=[\w.-]+/,
      );
      return m?.[0];
    });
    const page = await fetch(link); // → /sandbox/entra/authorize → /auth/callback (plain http, loopback)
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`linked to ${PLAYGROUND_USER.upn}`);
    // the remembered command runs after sign-in
    await until(
      'the Slack reminders',
      () =>
        /nuget-feed/.test(slackPosts()) &&
        /Sent you \d+ reminders/.test(JSON.stringify(slack.snapshot().messages)),
    );
    const user = await app.store.users.findByIdentity({
      platform: 'slack',
      teamId: SANDBOX_TEAM.id,
      slackUserId: SANDBOX_ALEX.id,
    });
    expect(user?.entraAccount?.username).toBe(PLAYGROUND_USER.upn);
    // Alex is a member with the demo PATs: no "no PATs" + "not a member" pair
    await slack.command(DM, 'list');
    const list = await until('the list', () =>
      slack.snapshot().messages.find((m) => m.text.startsWith('Your PATs (')),
    );
    expect(JSON.stringify(list)).not.toMatch(/no active or expired PATs|member/);
  });

  it('npm run sweep -- --help prints the usage and exits 0', async () => {
    const help = await run(['--help'], {});
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: npm run sweep -- [--now <ISO time>] [--dry-run] [--help]');
    expect(help.out).toMatch(/--dry-run\s+log the reminders that would be sent/);
  });

  it('npm run sweep -- --now … runs in the running sandbox bot; --dry-run sends nothing', async () => {
    const port = new URL(app.url).port;
    const dryPat = app.sandbox!.ado.addPat({
      ownerOid: PLAYGROUND_USER.oid,
      org: 'fabrikam',
      name: 'only-in-a-dry-run',
      scope: 'vso.build',
      validTo: new Date(Date.now() + 86_400_000),
    });
    const before = slackPosts();
    const dry = await run(['--now', lastWeekdayTen().toISOString(), '--dry-run'], { PORT: port });
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.out)).toMatchObject({ users: expect.any(Number) });
    expect(logs.text()).toContain(dryPat.authorizationId); // the dry run logged it…
    expect(slackPosts()).toBe(before); // …and sent nothing
    // The other reminders due now were sent by `remind me` above: one more PAT expiring soon.
    app.sandbox!.ado.addPat({
      ownerOid: PLAYGROUND_USER.oid,
      org: 'contoso',
      name: 'swept-by-the-cli',
      scope: 'vso.build',
      validTo: new Date(Date.now() + 2 * 86_400_000),
    });
    const real = await run(['--now', lastWeekdayTen().toISOString()], { PORT: port });
    expect(real.code).toBe(0);
    const summary = JSON.parse(real.out) as { remindersSent: number; users: number };
    expect(summary.users).toBeGreaterThanOrEqual(1);
    expect(summary.remindersSent).toBeGreaterThanOrEqual(1);
    await until(
      'the swept reminder',
      () => slackPosts().includes('swept-by-the-cli') && slackPosts().includes('only-in-a-dry-run'),
    );
  });
});
