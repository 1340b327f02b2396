/**
 * Hosting with BOT_ID set: every request to /api/messages must carry a Bot Framework channel
 * token that botbuilder validates against the configured OpenID metadata, issuer and audience;
 * replies get their token from the configured login URL (the Entra simulator).
 */
import { createSigningKey } from '../../../src/sandbox/signing-key';
import { messageActivity } from '../../support/teams-activity';
import {
  activityContext,
  ALICE,
  PERSONAL_ALICE,
  startTeamsHarness,
  type TeamsHarness,
} from '../../support/teams-harness';

describe('Teams hosting with Bot Framework authentication (BOT_ID set)', () => {
  let h: TeamsHarness;
  const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined); // botbuilder logs 401s

  beforeAll(async () => {
    h = await startTeamsHarness({ auth: true });
  });
  afterAll(async () => {
    errors.mockRestore();
    await h.close();
  });
  beforeEach(() => h.connector.clear());

  const activity = () => messageActivity(activityContext(h), ALICE, PERSONAL_ALICE, 'pat help');
  const handlerRan = async () =>
    (await h.store.users.findByIdentity({
      platform: 'teams',
      tenantId: h.entra.tenantId,
      aadObjectId: ALICE.oid,
    })) !== null;

  async function refusedWith(authorization: string | null): Promise<void> {
    const answer = await h.post(activity(), { authorization });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ error: 'unauthorized', message: 'The request is not authenticated.' });
    expect(answer.text).not.toMatch(/AppId|issuer|token|stack/i);
    expect(h.connector.calls).toHaveLength(0);
    expect(await handlerRan()).toBe(false);
  }

  it('refuses a request without a token', async () => {
    await refusedWith(null);
  });

  it('refuses a forged token (right kid, wrong key)', async () => {
    const forger = await createSigningKey('channel-key-1');
    const token = await h.issuer!.token({
      audience: h.botId,
      serviceUrl: h.connector.serviceUrl,
      key: forger,
    });
    await refusedWith(`Bearer ${token}`);
  });

  it('refuses an expired token', async () => {
    const token = await h.issuer!.token({
      audience: h.botId,
      serviceUrl: h.connector.serviceUrl,
      expiresInSeconds: -3600,
    });
    await refusedWith(`Bearer ${token}`);
  });

  it('refuses a token for another bot (wrong audience)', async () => {
    const token = await h.issuer!.token({
      audience: '99999999-9999-4999-8999-999999999999',
      serviceUrl: h.connector.serviceUrl,
    });
    await refusedWith(`Bearer ${token}`);
  });

  it('refuses a token from another issuer', async () => {
    const token = await h.issuer!.token({
      audience: h.botId,
      serviceUrl: h.connector.serviceUrl,
      issuer: 'https://evil.example',
    });
    await refusedWith(`Bearer ${token}`);
  });

  it('refuses a token minted for another serviceUrl', async () => {
    const token = await h.issuer!.token({ audience: h.botId, serviceUrl: 'https://smba.example/evil/' });
    await refusedWith(`Bearer ${token}`);
  });

  it('accepts a valid channel token and replies with a token from the configured login URL', async () => {
    const before = h.entra.requests().filter((r) => r.grant === 'client_credentials').length;
    const answer = await h.post(activity());
    expect(answer.status).toBe(200);
    expect(await handlerRan()).toBe(true);
    const reply = h.connector.calls.find((c) => c.kind === 'reply' || c.kind === 'send');
    expect(reply).toBeDefined();
    expect(reply!.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    const grants = h.entra.requests().filter((r) => r.grant === 'client_credentials');
    expect(grants.length).toBeGreaterThan(before);
    expect(grants.at(-1)).toMatchObject({
      status: 200,
      scope: expect.stringContaining('https://api.botframework.test/.default'),
    });
    expect(h.issuer!.fetches()).toBeGreaterThan(0);
  });

  it('refuses a token it accepted before once the activity names another serviceUrl', async () => {
    // Verified tokens are remembered per header, serviceUrl and channel: a remembered token must
    // not carry an activity whose serviceUrl its `serviceurl` claim does not name.
    const token = `Bearer ${await h.issuer!.token({ audience: h.botId, serviceUrl: h.connector.serviceUrl })}`;
    expect((await h.post(activity(), { authorization: token })).status).toBe(200);
    expect((await h.post(activity(), { authorization: token })).status).toBe(200);
    h.connector.clear();
    const elsewhere = messageActivity(
      { ...activityContext(h), serviceUrl: 'https://smba.example/evil/' },
      ALICE,
      PERSONAL_ALICE,
      'pat help',
    );
    const answer = await h.post(elsewhere, { authorization: token });
    expect(answer.status).toBe(401);
    expect(h.connector.calls).toHaveLength(0);
  });

  it('answers malformed JSON with 400 and an oversized body with 413, without internals', async () => {
    const bad = await fetch(`${h.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type":',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: 'malformed_json',
      message: 'The request body is not valid JSON.',
    });
    const big = await fetch(`${h.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'x'.repeat(h.config.http.bodyLimitBytes) }),
    });
    expect(big.status).toBe(413);
    expect(h.connector.calls).toHaveLength(0);
  });
});
