/**
 * With the real SQLite store: a sign-in leaves no token or secret in clear text in the database
 * files, and a second, fresh process (standard NODE_EXTRA_CA_CERTS trust) gets a token silently.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../../src/core/store';
import { partitionKeyFor } from '../../src/identity/encrypted-cache-client';
import { openStore } from '../../src/store/open-store';
import { ADO_SCOPE, startHarness, type Harness } from '../support/entra-harness';
import { expectNoSecrets, openPartition } from '../support/entra-secrets';

let dir: string;
let dbPath: string;
let store: Store;
let h: Harness;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'patbot-identity-'));
  dbPath = join(dir, 'patbot.db');
  store = await openStore(`sqlite:${dbPath}`);
  h = await startHarness({ store });
});
afterAll(async () => {
  await h.close();
  await store.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

function dbFilesText(): string {
  return ['', '-wal', '-shm', '-journal']
    .map((s) => `${dbPath}${s}`)
    .filter((p) => existsSync(p))
    .map((p) => readFileSync(p).toString('latin1'))
    .join('\n');
}

function runFreshProcess(userId: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(__dirname, '../support/entra-fresh-process.ts')],
      {
        env: {
          ...process.env,
          NODE_EXTRA_CA_CERTS: h.sim.caPath,
          PATBOT_TEST_DB: `sqlite:${dbPath}`,
          PATBOT_TEST_KEY: h.key.toString('hex'),
          PATBOT_TEST_SIM: JSON.stringify(h.sim),
          PATBOT_TEST_SCOPE: ADO_SCOPE,
          PATBOT_TEST_USER: userId,
        },
        timeout: 30_000,
      },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`child failed: ${stderr || err.message}`));
        else resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>);
      },
    );
  });
}

test('after Teams and Slack sign-ins the database holds no token or secret in clear text; a fresh process refreshes silently', async () => {
  // Teams: OBO with short-lived access tokens, so the fresh process must use the refresh token.
  const oid = await h.newPerson('Dana');
  const userId = await h.teamsUser(oid);
  await h.sim.setAccessTokenLifetime(60);
  const ssoToken = await h.sim.mintSsoToken(oid);
  const obo = await h.identity.exchangeTeamsSsoToken({ userId, ssoToken });
  if (obo.kind !== 'ok') throw new Error(`OBO failed: ${obo.kind}`);

  // Slack: link through the authorization code flow.
  await h.sim.setSignInUser(oid);
  const link = await h.identity.slackSignInUrl({ teamId: 'TDB', slackUserId: 'UDB' });
  const start = await h.identity.handleSlackStart({
    query: { state: new URL(link).searchParams.get('state')! },
    headers: {},
  });
  const { request } = await import('node:https');
  const callback = await new Promise<URL>((resolve, reject) =>
    request(start.headers.location!, { ca: h.sim.caPem }, (res) => {
      res.resume();
      resolve(new URL(res.headers.location ?? 'https://invalid'));
    })
      .on('error', reject)
      .end(),
  );
  const code = callback.searchParams.get('code')!;
  const done = await h.identity.handleAuthCallback({
    query: Object.fromEntries(callback.searchParams),
    headers: {},
  });
  expect(done.status).toBe(200);
  const slackUser = await store.users.findByIdentity({
    platform: 'slack',
    teamId: 'TDB',
    slackUserId: 'UDB',
  });

  const teamsSecrets = openPartition(
    (await store.tokenCache.get(partitionKeyFor(userId)))!,
    h.key,
    partitionKeyFor(userId),
  );
  const slackSecrets = openPartition(
    (await store.tokenCache.get(partitionKeyFor(slackUser!.id)))!,
    h.key,
    partitionKeyFor(slackUser!.id),
  );
  expect(teamsSecrets.refreshTokens).toHaveLength(1);
  expect(slackSecrets.refreshTokens).toHaveLength(1);

  // A second, fresh process reading the same file gets a token silently (refresh grant).
  const n = (await h.sim.requests()).length;
  const child = await runFreshProcess(userId);
  expect(child).toMatchObject({ kind: 'ok', oid });
  expect((await h.sim.requests()).slice(n).map((r) => `${r.grant}:${r.status}`)).toEqual([
    'refresh_token:200',
  ]);
  const rotated = openPartition(
    (await store.tokenCache.get(partitionKeyFor(userId)))!,
    h.key,
    partitionKeyFor(userId),
  );

  await store.close();
  const secrets = [
    ssoToken,
    code,
    h.sim.clientSecret,
    h.key.toString('hex'),
    h.key.toString('base64'),
    ...[teamsSecrets, slackSecrets, rotated].flatMap((s) => [
      ...s.accessTokens,
      ...s.refreshTokens,
      ...s.idTokens,
    ]),
  ];
  const text = dbFilesText();
  expect(text.length).toBeGreaterThan(1000);
  expect(text).toContain(partitionKeyFor(userId)); // the file is readable: the check can fail
  expectNoSecrets(text, secrets);
  expectNoSecrets(h.logs.text(), secrets);
});
