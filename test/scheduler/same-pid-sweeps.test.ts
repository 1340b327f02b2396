/**
 * Two `npm run sweep` processes (scripts/sweep.ts, real OS processes) that look like two
 * containers from one image: same host name, both PID 1 (injected by a preload). They run at
 * once against one SQLite file, with the real identity (msal-node, refresh tokens in the
 * encrypted cache) against the Entra simulator, the Azure DevOps simulator and a fake Slack
 * Web API that counts messages. Every reminder is sent once: holder ids carry a random part, so
 * neither process mistakes the other's lease or ledger claims for its own.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import type { Store } from '../../src/core/store';
import { startAdoSimulator, type AdoSimulator, type SimJwks } from '../../src/sandbox/ado';
import { openStore } from '../../src/store/open-store';
import { startHarness, type Harness } from '../support/entra-harness';
import { startFakeSlackApi, type FakeSlackApi } from '../../src/sandbox/slack/fake-web-api';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');
const PRELOAD = path.join(ROOT, 'test', 'support', 'same-host-pid-preload.js');
const PEOPLE = 24;
const DAY = 86_400_000;

function httpsJson(url: string, ca: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    request(url, { ca }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
    })
      .on('error', reject)
      .end();
  });
}

describe('two sweep processes with the same host and pid', () => {
  let dir: string;
  let file: string;
  let store: Store;
  let entra: Harness;
  let ado: AdoSimulator;
  let slack: FakeSlackApi;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'patbot-same-pid-'));
    file = path.join(dir, 'patbot.db');
    store = await openStore(`sqlite:${file}`);
    entra = await startHarness({ store });
    const jwks = (await httpsJson(entra.sim.jwksUri, entra.sim.caPem)) as SimJwks;
    // Azure DevOps answers slowly, so the two sweeps overlap for seconds.
    ado = await startAdoSimulator({ jwks, issuers: [entra.sim.adoIssuer], latencyMs: 400 });
    ado.addOrg({ name: 'contoso', tenantId: entra.sim.tenantId });
    slack = await startFakeSlackApi();
    const slackIdentities: Array<[string, string]> = [];
    for (let i = 0; i < PEOPLE; i++) {
      const oid = await entra.newPerson(`Person ${i}`);
      ado.addMember('contoso', { oid, name: `person${i}@contoso.example` });
      ado.addPat({
        ownerOid: oid,
        org: 'contoso',
        name: `build-${i}`,
        validTo: new Date(Date.now() + 2.5 * DAY),
      });
      // A real sign-in (Teams SSO, on-behalf-of): the refresh token lands in the encrypted cache.
      const userId = await entra.teamsUser(oid);
      const signedIn = await entra.identity.exchangeTeamsSsoToken({
        userId,
        ssoToken: await entra.sim.mintSsoToken(oid),
      });
      expect(signedIn.kind).toBe('ok');
      slackIdentities.push([userId, `UP${i}`]);
    }
    // The same people also use patbot from Slack, where they have a DM with it (and no Teams
    // chat), so their reminders go out as Slack DMs the fake Slack API counts.
    const db = new Database(file);
    const link = db.prepare(
      `INSERT INTO user_identities (platform, scope_id, subject_id, teams_user_id, user_id, created_at)
       VALUES ('slack', 'T1', ?, NULL, ?, ?)`,
    );
    for (const [userId, slackUserId] of slackIdentities) link.run(slackUserId, userId, Date.now());
    db.close();
    for (const [userId, slackUserId] of slackIdentities) {
      await store.conversations.upsert({
        key: `slack:T1:D${slackUserId}`,
        platform: 'slack',
        kind: 'personal',
        userId,
        reference: { teamId: 'T1', channelId: `D${slackUserId}`, slackUserId },
      });
    }
  }, 120_000);

  afterAll(async () => {
    await slack?.close();
    await ado?.close();
    await entra?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function sweepProcess(): Promise<{ stdout: string; stderr: string }> {
    return run(process.execPath, ['--require', PRELOAD, '--import', 'tsx', 'scripts/sweep.ts'], {
      cwd: ROOT,
      timeout: 90_000,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_EXTRA_CA_CERTS: entra.sim.caPath,
        SANDBOX: '0',
        AAD_APP_OAUTH_AUTHORITY_HOST: entra.sim.origin,
        AAD_APP_CLIENT_ID: entra.sim.clientId,
        AAD_APP_CLIENT_SECRET: entra.sim.clientSecret,
        AAD_APP_TENANT_ID: entra.sim.tenantId,
        ADO_VSSPS_BASE_URL: ado.url,
        ADO_ORGANIZATIONS: 'contoso',
        TOKEN_CACHE_KEY: entra.key.toString('base64'),
        DATABASE_URL: `sqlite:${file}`,
        SLACK_SIGNING_SECRET: 'same-pid-signing-secret',
        SLACK_BOT_TOKEN: 'fake-slack-bot-token',
        SLACK_API_URL: slack.apiUrl,
        REMINDER_WORKING_HOURS: 'Sun-Sat 00:00-24:00',
        LOG_LEVEL: 'warn',
      },
    });
  }

  it('send each reminder once', async () => {
    const outputs = await Promise.all([sweepProcess(), sweepProcess()]);
    // stdout: one-line log entries, then the pretty-printed summary (or skip reason).
    const results = outputs.map(
      (o) =>
        JSON.parse(/^\{\n[\s\S]*?\n\}$/m.exec(o.stdout)?.[0] ?? 'null') as {
          remindersSent?: number;
          kind?: string;
        },
    );

    const posts = slack.calls('chat.postMessage');
    const channels = posts.map((p) => String(p.args.channel));
    expect(new Set(channels).size).toBe(PEOPLE);
    expect(posts.length).toBe(PEOPLE); // not up to 2 × PEOPLE
    // Each process either swept (sending what the other had not) or found the lease taken.
    for (const r of results) expect(r.remindersSent !== undefined || r.kind === 'skipped').toBe(true);
    expect(results.reduce((sum, r) => sum + (r.remindersSent ?? 0), 0)).toBe(PEOPLE);

    const db = new Database(file, { readonly: true });
    try {
      const rows = db.prepare('SELECT status, claimed_by FROM reminder_ledger').all() as Array<{
        status: string;
        claimed_by: string;
      }>;
      expect(rows).toHaveLength(PEOPLE);
      expect(rows.every((r) => r.status === 'sent')).toBe(true);
      // The injected look-alike: both would have been `sweep-cli:1` under host+pid ids.
      for (const r of rows) expect(r.claimed_by).toMatch(/^sweep-cli:patbot:1:[0-9a-f]{8}$/);
    } finally {
      db.close();
    }
  }, 180_000);
});
