/**
 * Scale-out scenario: two real bot processes (A and B) on their own ports, sharing one
 * PostgreSQL database and the same Entra and Azure DevOps simulators and fake Slack API (all
 * in this process, on loopback). Each instance has its own Slack bot token, so the fake API
 * tells which one made a call.
 *
 * (a) `/pat list` on A for an unlinked person, the sign-in completed on B's callback → B runs
 *     the pending command (it is in the store, not in A's memory);
 * (b) both tick at the same instant → one sweep, each reminder sent exactly once;
 * (c) `kill -9` of one instance mid-sweep → the other takes over its claimed user after
 *     SWEEP_STALE_SECONDS and finishes: nobody's reminder lost, at most the one in-flight repeated.
 *
 * Needs TEST_DATABASE_URL (skipped loudly without it locally, failing in CI).
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import { startChild, type ChildReady, type RunningChild } from '../../bench/support/child';
import { startAdoSimulator, type AdoSimulator } from '../../src/sandbox/ado';
import { startEntraSimulator, type EntraSimulator } from '../../src/sandbox/entra';
import type { TickResult } from '../../src/scheduler';
import { createTestDatabase, describePostgres, dropTestDatabases } from '../store/support/postgres';
import { httpsGet, slackAppDriver } from '../support/slack-app-driver';
import { startFakeSlackApi, type FakeSlackApi } from '../../src/sandbox/slack/fake-web-api';

jest.setTimeout(180_000);

const SECRET = 'slack-signing-secret-for-scale-out';
const ORG = 'contoso';
const DAY = 86_400_000;
type Instance = RunningChild<ChildReady & { url: string; pid: number }>;
interface Person {
  slackUserId: string;
  oid: string;
  email: string;
  pat: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

const oidOf = (i: number): string => `c0000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

describePostgres('two bot instances on one PostgreSQL', () => {
  let entra: EntraSimulator;
  let ado: AdoSimulator;
  let slack: FakeSlackApi;
  let a: Instance;
  let b: Instance;
  let publicUrl: string;
  let nextUser = 1;
  const emails = new Map<string, string>();

  async function start(name: 'a' | 'b', port: number, env: Record<string, string>): Promise<Instance> {
    return startChild(path.join(__dirname, '..', 'support', 'scale-out-instance.ts'), {
      ...env,
      PORT: String(port),
      INSTANCE_NAME: name,
      SLACK_BOT_TOKEN: `fake-slack-bot-token-${name}`,
    });
  }

  beforeAll(async () => {
    entra = await startEntraSimulator({ users: [] });
    ado = await startAdoSimulator({ jwks: entra.jwks(), issuers: [entra.adoIssuer] });
    ado.addOrg({ name: ORG, tenantId: entra.tenantId });
    slack = await startFakeSlackApi();
    slack.answer('users.info', (args) => ({
      ok: true,
      user: { id: args.user, tz: 'UTC', profile: { email: emails.get(String(args.user)) } },
    }));
    const [portA, portB] = [await freePort(), await freePort()];
    publicUrl = `http://127.0.0.1:${portA}`; // both behind one public address, as behind a load balancer
    const env: Record<string, string> = {
      SANDBOX: '0',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PUBLIC_BASE_URL: publicUrl,
      DATABASE_URL: (await createTestDatabase()).url,
      AAD_APP_OAUTH_AUTHORITY_HOST: entra.origin,
      AAD_APP_CLIENT_ID: entra.clientId,
      AAD_APP_CLIENT_SECRET: entra.clientSecret,
      AAD_APP_TENANT_ID: entra.tenantId,
      NODE_EXTRA_CA_CERTS: entra.caPath,
      ADO_VSSPS_BASE_URL: ado.url,
      ADO_ORGANIZATIONS: ORG,
      TOKEN_CACHE_KEY: randomBytes(32).toString('base64'),
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      REMINDER_WORKING_HOURS: 'Sun-Sat 00:00-24:00',
      REMINDER_CONCURRENCY: '1',
      SWEEP_STALE_SECONDS: '2',
    };
    [a, b] = await Promise.all([start('a', portA, env), start('b', portB, env)]);
  });

  afterAll(async () => {
    await Promise.allSettled([a?.stop(5_000), b?.stop(5_000)]);
    await slack?.close();
    await ado?.close();
    await entra?.close();
    await dropTestDatabases();
  });

  /** `n` people in Entra and Azure DevOps, each with one PAT expiring within a day. */
  async function people(n: number, prefix: string): Promise<Person[]> {
    const list: Person[] = [];
    for (let k = 0; k < n; k += 1) {
      const i = nextUser++;
      const oid = oidOf(i);
      entra.addUser({ oid, username: `user${i}@contoso.example`, name: `User ${i}` });
      ado.addMember(ORG, { oid, name: `user${i}@contoso.example` });
      const pat = `${prefix}-pat-${i}`;
      ado.addPat({ ownerOid: oid, org: ORG, name: pat, validTo: new Date(Date.now() + 0.4 * DAY) });
      list.push({
        slackUserId: `U${prefix.toUpperCase()}${i}`,
        oid,
        email: `user${i}@contoso.example`,
        pat,
      });
    }
    return list;
  }

  /** chat.postMessage calls whose text names `pat`, by instance. */
  function remindersOf(pat: string): Array<'a' | 'b'> {
    return slack
      .calls('chat.postMessage')
      .filter((c) => JSON.stringify(c.args).includes(pat))
      .map((c) => (c.authorization?.endsWith('-a') ? 'a' : 'b'));
  }

  /** Links a person's Slack account: `/pat list` on A, the browser's callback sent to `callbackOn`. */
  async function link(person: Person, callbackOn: Instance): Promise<() => string> {
    entra.setSignInUser(person.oid);
    emails.set(person.slackUserId, person.email);
    const driver = slackAppDriver({
      url: () => a.ready.url,
      slackApi: slack,
      secret: SECRET,
      entraCaPem: () => entra.caPem,
    });
    const { answered } = await driver.command(person.slackUserId, 'list');
    const link = await driver.signInLink(answered);
    expect(link.startsWith(`${publicUrl}/auth/slack/start`)).toBe(true);
    const started = await fetch(link.replace(publicUrl, a.ready.url), { redirect: 'manual' });
    expect(started.status).toBe(302);
    const approved = await httpsGet(started.headers.get('location')!, entra.caPem);
    const callback = approved.location!;
    expect(callback.startsWith(`${publicUrl}/auth/callback`)).toBe(true);
    // The load balancer sends the browser's callback to `callbackOn`.
    const page = await fetch(callback.replace(publicUrl, callbackOn.ready.url), { redirect: 'manual' });
    expect(page.status).toBe(200);
    return answered;
  }

  it('(a) a sign-in started on A completes on B, and B runs the pending command', async () => {
    const [alice] = await people(1, 'link');
    const answered = await link(alice, b);
    await slack.waitFor(() => answered().includes(alice.pat), 20_000);
    const signedIn = slack
      .calls('chat.postMessage')
      .find(
        (c) => String(c.args.text).includes("You're signed in") && String(c.args.text).includes('/pat list'),
      );
    expect(signedIn?.authorization).toBe('Bearer fake-slack-bot-token-b');
  });

  it('(b) both instances tick at the same instant: one sweep, each reminder exactly once', async () => {
    const crowd = await people(12, 'both');
    for (const [k, person] of crowd.entries()) await link(person, k % 2 === 0 ? a : b);
    const at = new Date().toISOString();
    const startAt = Date.now() + 500;
    // Sends take a moment, as Slack's do: otherwise the lease holder can finish the 12 people before
    // the other instance has looked for the open sweep (it then rightly finds nothing to join).
    slack.slow('chat.postMessage', 250);
    const [ra, rb] = await Promise.all([
      a.request<TickResult>('tick', { at, startAt }),
      b.request<TickResult>('tick', { at, startAt }),
    ]).finally(() => slack.slow('chat.postMessage', 0));
    expect([ra.kind, rb.kind]).toEqual(['ran', 'ran']);
    const ran = [ra, rb] as Array<Extract<TickResult, { kind: 'ran' }>>;
    expect(ran.filter((r) => r.joined === true)).toHaveLength(1);
    for (const person of crowd) expect(remindersOf(person.pat)).toHaveLength(1);
    const byInstance = crowd.map((p) => remindersOf(p.pat)[0]);
    expect(byInstance).toContain('a');
    expect(byInstance).toContain('b');
  });

  it('(c) kill -9 of one instance mid-sweep: the other finishes it, 0 lost, at most the in-flight one repeated', async () => {
    const crowd = await people(10, 'kill');
    for (const person of crowd) await link(person, a);
    slack.slow('chat.postMessage', 400);
    const callsOfB = (): number =>
      slack.calls('chat.postMessage').filter((c) => c.authorization?.endsWith('-b')).length;
    const before = callsOfB();
    const at = new Date(Date.now() + 60_000).toISOString();
    const startAt = Date.now() + 500;
    const survivor = a.request<TickResult>('tick', { at, startAt });
    const victim = b.request<TickResult>('tick', { at, startAt }).catch((e: Error) => e);
    // B's second reminder of this sweep has reached Slack and is waiting for its answer: kill now.
    await slack.waitFor(() => callsOfB() >= before + 2, 60_000);
    process.kill(b.pid, 'SIGKILL');
    expect(await victim).toBeInstanceOf(Error);
    const result = await survivor;
    expect(result.kind).toBe('ran');
    slack.slow('chat.postMessage', 0);
    const counts = crowd.map((p) => remindersOf(p.pat).length);
    expect(counts.every((n) => n >= 1)).toBe(true); // nothing lost
    expect(counts.reduce((s, n) => s + n, 0) - crowd.length).toBeLessThanOrEqual(1); // ≤ 1 repeated
    expect(crowd.some((p) => remindersOf(p.pat).includes('b'))).toBe(true);
  });
});
