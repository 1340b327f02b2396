/**
 * TOKEN_CACHE_KEY rotation end to end, through startApp on one real SQLite file (real HTTP, Bolt
 * with signed Slack requests, real msal-node against the Entra simulator, the Azure DevOps
 * simulator behind the real client), restarting the app between the steps:
 *   key A: three people linked, Slack buttons issued, a Slack sign-in link pending;
 *   key B + previous A: the old buttons work, the pending link works, cached users get tokens
 *     silently (their partition is re-encrypted on that read); `npm run rotate-key` re-encrypts
 *     the rest and reports counts, twice (idempotent);
 *   key B alone: every partition opens, a person nobody touched since key A needs no sign-in,
 *     and the old key opens no partition.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { globalAgent } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rootCertificates } from 'node:tls';
import { startApp, type RunningApp } from '../../src/app';
import type { Env } from '../../src/config';
import { cipherFor, KEY_PURPOSE } from '../../src/identity/derive-key';
import { startAdoSimulator, type AdoSimulator } from '../../src/sandbox/ado';
import { startEntraSimulator, type EntraSimulator } from '../../src/sandbox/entra/entra-simulator';
import { captureLogger } from '../support/capture-logger';
import { slackAppDriver, type SlackAppDriver } from '../support/slack-app-driver';
import { startFakeSlackApi, type FakeSlackApi } from '../../src/sandbox/slack/fake-web-api';
import { buttonClick, buttonsIn } from '../support/slack-harness';
import { interactiveForm, signedHeaders } from '../../src/sandbox/slack/slack-signing';

const SECRET = 'slack-signing-secret-for-rotation-tests';
const DAY = 86_400_000;
const PEOPLE = {
  UALICE: { oid: '11111111-1111-4111-8111-111111111111', username: 'alice@contoso.example', name: 'Alice' },
  UBOB: { oid: '22222222-2222-4222-8222-222222222222', username: 'bob@contoso.example', name: 'Bob' },
  UCAROL: { oid: '33333333-3333-4333-8333-333333333333', username: 'carol@contoso.example', name: 'Carol' },
} as const;
type SlackUser = keyof typeof PEOPLE;

function runCli(env: Env): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, '../../scripts/rotate-key.ts')],
      { env: { PATH: process.env.PATH, ...env, LOG_LEVEL: 'error' }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({
          code: error ? Number(error.code ?? 1) : 0,
          stdout: String(stdout),
          stderr: String(stderr),
        }),
    );
  });
}

describe('TOKEN_CACHE_KEY rotation that really completes', () => {
  const keyA = randomBytes(32);
  const keyB = randomBytes(32);
  let dir: string;
  let entra: EntraSimulator;
  let ado: AdoSimulator;
  let slackApi: FakeSlackApi;
  let app: RunningApp | null = null;
  let driver: SlackAppDriver;
  let baseEnv: Env;
  let patId: string;
  const hadCa = 'ca' in globalAgent.options;
  const savedCa = globalAgent.options.ca;
  const logs = captureLogger('debug');

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'patbot-rotation-'));
    entra = await startEntraSimulator({ users: Object.values(PEOPLE) });
    // What NODE_EXTRA_CA_CERTS does for a deployment: trust the simulator's CA next to the public ones.
    globalAgent.options.ca = [...rootCertificates, entra.caPem];
    ado = await startAdoSimulator({ jwks: entra.jwks(), issuers: [entra.adoIssuer] });
    ado.addOrg({ name: 'contoso', tenantId: entra.tenantId });
    ado.addMember('contoso', { oid: PEOPLE.UALICE.oid, name: 'Alice' });
    patId = ado.addPat({
      ownerOid: PEOPLE.UALICE.oid,
      org: 'contoso',
      name: 'nuget-feed',
      validTo: new Date(Date.now() + 6 * DAY),
    }).authorizationId;
    slackApi = await startFakeSlackApi();
    slackApi.answer('users.info', (args) => {
      const person = PEOPLE[String(args.user) as SlackUser];
      return { ok: true, user: { id: args.user, tz: 'Europe/Berlin', profile: { email: person?.username } } };
    });
    baseEnv = {
      SANDBOX: '0',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${dir}/app.db`,
      AAD_APP_CLIENT_ID: entra.clientId,
      AAD_APP_CLIENT_SECRET: entra.clientSecret,
      AAD_APP_TENANT_ID: entra.tenantId,
      AAD_APP_OAUTH_AUTHORITY_HOST: entra.origin,
      ADO_VSSPS_BASE_URL: ado.url,
      ADO_ORGANIZATIONS: 'contoso',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: 'fake-slack-bot-token',
      SLACK_API_URL: slackApi.apiUrl,
    };
    driver = slackAppDriver({ url: () => app!.url, slackApi, secret: SECRET, entraCaPem: () => entra.caPem });
  });
  afterAll(async () => {
    await app?.stop();
    // Restore exactly (a present-but-undefined `ca` would override the `ca` of later requests).
    if (hadCa) globalAgent.options.ca = savedCa;
    else delete globalAgent.options.ca;
    await slackApi?.close();
    await ado?.close();
    await entra?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const envWith = (key: Buffer, previous: Buffer | null): Env => ({
    ...baseEnv,
    TOKEN_CACHE_KEY: key.toString('base64'),
    ...(previous ? { TOKEN_CACHE_KEY_PREVIOUS: previous.toString('base64') } : {}),
  });

  async function restart(key: Buffer, previous: Buffer | null): Promise<RunningApp> {
    await app?.stop();
    app = await startApp({ env: envWith(key, previous), logger: logs.logger });
    return app;
  }

  async function userId(slackUserId: SlackUser): Promise<string> {
    const u = await app!.store.users.findByIdentity({ platform: 'slack', teamId: 'T1', slackUserId });
    return u!.id;
  }

  /** `/pat <text>`; resolves with the first answer posted to its response_url. */
  async function command(slackUserId: SlackUser, text: string): Promise<Record<string, unknown>> {
    const { responseId } = await driver.command(slackUserId, text);
    const [reply] = await slackApi.waitFor(() => {
      const r = slackApi.responses(responseId);
      return r.length > 0 && r;
    }, 15_000);
    return reply!.body;
  }

  async function signIn(slackUserId: SlackUser, link?: string): Promise<number> {
    entra.setSignInUser(PEOPLE[slackUserId].oid);
    const url = link ?? (await driver.signInLink((await driver.command(slackUserId, 'signin')).answered));
    return (await driver.follow(url)).status;
  }

  /** Which key opens each stored partition: 'A', 'B' or 'neither'. */
  async function partitionKeys(): Promise<Record<string, string>> {
    const onlyA = cipherFor(KEY_PURPOSE.tokenCache, keyA, null);
    const onlyB = cipherFor(KEY_PURPOSE.tokenCache, keyB, null);
    const out: Record<string, string> = {};
    for (const key of await app!.store.tokenCache.keys(null, 100)) {
      const sealed = (await app!.store.tokenCache.get(key))!;
      out[key] = onlyB.open(sealed, key) ? 'B' : onlyA.open(sealed, key) ? 'A' : 'neither';
    }
    return out;
  }

  it('old buttons, a pending sign-in link and cached users survive the rotation; rotate-key finishes it', async () => {
    // Key A: Alice, Bob and Carol are linked; Alice gets buttons; Bob asks for a new sign-in link.
    await restart(keyA, null);
    for (const who of ['UALICE', 'UBOB', 'UCAROL'] as const) expect(await signIn(who)).toBe(200);
    const list = await command('UALICE', 'list');
    const renew = buttonsIn(list.blocks).find(
      (b) => b.block_id === `pat_actions:${patId}` && b.action_id === 'pat_renew',
    );
    expect(renew?.value).toBeDefined();
    const pendingLink = await driver.signInLink((await driver.command('UBOB', 'signin')).answered);
    const ids = { alice: await userId('UALICE'), bob: await userId('UBOB'), carol: await userId('UCAROL') };
    expect(Object.values(await partitionKeys())).toEqual(['A', 'A', 'A']);

    // Key B with previous A: the old button renews for real, not "changed or not from me".
    await restart(keyB, keyA);
    const responseUrl = slackApi.responseUrl();
    const body = interactiveForm(
      buttonClick({ user: 'UALICE', actionId: 'pat_renew', value: renew!.value!, responseUrl }),
    );
    const click = await fetch(`${app!.url}/slack/events`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signedHeaders(body, SECRET) },
    });
    expect(click.status).toBe(200);
    const [clicked] = await slackApi.waitFor(() => {
      const r = slackApi.responses(responseUrl.split('/').pop());
      return r.length > 0 && r;
    }, 15_000);
    expect(JSON.stringify(clicked!.body)).not.toMatch(/not from me|sign in/i);
    expect(ado.getPat(patId)!.validTo.getTime()).toBeGreaterThan(Date.now() + 20 * DAY);
    // Bob's pending link (state sealed with A) still signs him in (the restarted app has a new port).
    expect(await signIn('UBOB', pendingLink.replace(/^http:\/\/127\.0\.0\.1:\d+/, app!.url))).toBe(200);
    // Alice's partition was re-encrypted on that read; Bob's was written with B; Carol's is untouched.
    expect(await partitionKeys()).toEqual({
      [`msal:${ids.alice}`]: 'B',
      [`msal:${ids.bob}`]: 'B',
      [`msal:${ids.carol}`]: 'A',
    });

    // npm run rotate-key (a real child process on the same file), twice: idempotent.
    const rotated = await runCli(envWith(keyB, keyA));
    expect([rotated.code, JSON.parse(rotated.stdout)]).toEqual([
      0,
      { reencrypted: 1, alreadyCurrent: 2, unreadable: 0 },
    ]);
    const again = await runCli(envWith(keyB, keyA));
    expect(JSON.parse(again.stdout)).toEqual({ reencrypted: 0, alreadyCurrent: 3, unreadable: 0 });

    // Key B alone: every partition opens with B and none with A; Carol needs no sign-in.
    await restart(keyB, null);
    expect(Object.values(await partitionKeys())).toEqual(['B', 'B', 'B']);
    const onlyA = cipherFor(KEY_PURPOSE.tokenCache, keyA, null);
    for (const key of await app!.store.tokenCache.keys(null, 100)) {
      expect(onlyA.open((await app!.store.tokenCache.get(key))!, key)).toBeNull();
    }
    const outcome = await app!.sweepDeps.tokenProvider.getAccessToken(ids.carol);
    expect(outcome.kind).toBe('ok');
    const aliceList = JSON.stringify(await command('UALICE', 'list'));
    expect(aliceList).toContain('nuget-feed');
    expect(aliceList).not.toContain('/auth/slack/start');
  });

  it('rotate-key refuses to run without TOKEN_CACHE_KEY_PREVIOUS and says what to set', async () => {
    const result = await runCli(envWith(keyB, null));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('TOKEN_CACHE_KEY_PREVIOUS is not set');
    expect(result.stderr).toContain('Rotating TOKEN_CACHE_KEY');
  });
});
