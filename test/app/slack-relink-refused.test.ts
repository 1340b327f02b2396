/**
 * Attacks on the Slack account link, through startApp (real HTTP, Bolt with signed requests, the
 * real msal-node against the sandbox's Entra simulator, a real SQLite file):
 * - a refused re-link (someone opens Alice's link with another Microsoft account) must not sign
 *   Alice out: her partition and account stay, and her next `/pat list` works without sign-in;
 * - a Slack profile e-mail spelled with a look-alike compatibility character (Kelvin sign) must
 *   not match the victim's Microsoft account.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from '../../src/app';
import { captureLogger } from '../support/capture-logger';
import { slackAppDriver, type SlackAppDriver } from '../support/slack-app-driver';
import { startFakeSlackApi, type FakeSlackApi } from '../../src/sandbox/slack/fake-web-api';

const SECRET = 'slack-signing-secret-for-relink-tests';
const ALICE = '11111111-1111-4111-8111-111111111111'; // alice@contoso.example in the Entra simulator
const BOB = '22222222-2222-4222-8222-222222222222'; // bob@contoso.example
const KATE = '33333333-3333-4333-8333-333333333333';

describe('Slack account link attacks through startApp', () => {
  let dir: string;
  let app: RunningApp;
  let slackApi: FakeSlackApi;
  let driver: SlackAppDriver;
  let offsetMs = 0;
  const emails: Record<string, string> = {
    UALICE: 'Alice@Contoso.example',
    UMALLORY: '\u212Aate@contoso.example', // KELVIN SIGN + "ate": lower-cases to "kate"
  };
  const logs = captureLogger('debug');

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'patbot-relink-'));
    slackApi = await startFakeSlackApi();
    slackApi.answer('users.info', (args) => ({
      ok: true,
      user: { id: args.user, tz: 'Europe/Berlin', profile: { email: emails[String(args.user)] } },
    }));
    app = await startApp({
      env: {
        PORT: '0',
        DATABASE_URL: `sqlite:${dir}/app.db`,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_BOT_TOKEN: 'fake-slack-bot-token',
        SLACK_API_URL: slackApi.apiUrl,
      },
      logger: logs.logger,
      now: () => new Date(Date.now() + offsetMs),
    });
    // The sandbox's Entra simulator knows the demo people; Alice and Bob are this test's own.
    app.sandbox!.entra.addUser({ oid: ALICE, username: 'alice@contoso.example', name: 'Alice Example' });
    app.sandbox!.entra.addUser({ oid: BOB, username: 'bob@contoso.example', name: 'Bob Example' });
    app.sandbox!.entra.addUser({ oid: KATE, username: 'kate@contoso.example', name: 'Kate Example' });
    app.sandbox!.ado.addMember('contoso', { oid: ALICE, name: 'Alice Example' });
    app.sandbox!.ado.addPat({
      ownerOid: ALICE,
      org: 'contoso',
      name: 'nuget-feed',
      validTo: new Date(Date.now() + 6 * 86_400_000),
    });
    driver = slackAppDriver({
      url: () => app.url,
      slackApi,
      secret: SECRET,
      entraCaPem: () => app.sandbox!.entra.caPem,
    });
  });
  afterAll(async () => {
    await app?.stop();
    await slackApi?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const slackUser = (slackUserId: string) =>
    app.store.users.findByIdentity({ platform: 'slack', teamId: 'T1', slackUserId });

  /** `/pat list` as `slackUserId`; resolves with everything answered once the list or a sign-in prompt is there. */
  async function list(slackUserId: string): Promise<string> {
    const { answered } = await driver.command(slackUserId, 'list');
    return slackApi.waitFor(() => {
      const all = answered();
      return /nuget-feed|auth\/slack\/start/.test(all) ? all : undefined;
    }, 15_000);
  }

  it('a refused re-link with another Microsoft account leaves Alice signed in: her next /pat list needs no sign-in', async () => {
    app.sandbox!.entra.setSignInUser(ALICE);
    const first = await driver.command('UALICE', 'signin');
    expect((await driver.follow(await driver.signInLink(first.answered))).status).toBe(200);
    expect(await list('UALICE')).toContain('nuget-feed');
    const alice = (await slackUser('UALICE'))!;
    const partitionBefore = await app.store.tokenCache.get(`msal:${alice.id}`);
    expect(partitionBefore).not.toBeNull();

    // Someone holding Alice's fresh link (or Alice picking the wrong account) signs in as Bob.
    const relink = await driver.command('UALICE', 'signin');
    app.sandbox!.entra.setSignInUser(BOB);
    const refused = await driver.follow(await driver.signInLink(relink.answered));
    app.sandbox!.entra.setSignInUser(ALICE);
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('does not match');
    expect(refused.text).toContain('an existing sign-in stays as it was');

    const after = (await slackUser('UALICE'))!;
    expect(after.entraAccount).toEqual(alice.entraAccount);
    // Byte-identical (compared as a boolean so a failure does not print the sealed cache).
    expect((await app.store.tokenCache.get(`msal:${alice.id}`)) === partitionBefore).toBe(true);

    // Past the token provider's 60-second in-memory reuse: the list must come from the cache partition.
    offsetMs += 2 * 60_000;
    const next = await list('UALICE');
    expect(next).toContain('nuget-feed');
    expect(next).not.toContain('/auth/slack/start');
  });

  it('a Slack e-mail spelled with the Kelvin sign does not match kate@contoso.example: nothing is linked', async () => {
    const { answered } = await driver.command('UMALLORY', 'signin');
    app.sandbox!.entra.setSignInUser(KATE); // Kate opens the link Mallory sent her
    const page = await driver.follow(await driver.signInLink(answered));
    app.sandbox!.entra.setSignInUser(ALICE);
    expect(page.status).toBe(403);
    expect(page.text).toContain('does not match');
    const mallory = (await slackUser('UMALLORY'))!;
    expect(mallory.entraAccount).toBeNull();
    expect(await app.store.tokenCache.get(`msal:${mallory.id}`)).toBeNull();
  });
});
