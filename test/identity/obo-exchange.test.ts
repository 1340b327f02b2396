import { partitionKeyFor } from '../../src/identity/encrypted-cache-client';
import { ALICE, BOB, startHarness, type Harness } from '../support/entra-harness';
import { expectNoSecrets, openPartition, verifyWithJwks } from '../support/entra-secrets';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
afterEach(async () => {
  h.clock.advance(301_000); // past any circuit-breaker cool-down
  await h.sim.setFailure(null);
});

test('OBO success: an Azure DevOps user token, the account remembered, cache encrypted', async () => {
  const userId = await h.teamsUser(ALICE);
  const ssoToken = await h.sim.mintSsoToken(ALICE);
  const outcome = await h.identity.exchangeTeamsSsoToken({ userId, ssoToken });
  if (outcome.kind !== 'ok') throw new Error(`expected ok, got ${outcome.kind}`);

  const claims = await verifyWithJwks(outcome.accessToken, h.sim.jwksUri, h.sim.caPem);
  expect(claims).toMatchObject({
    aud: '499b84ac-1321-427f-aa17-267ca6975798',
    iss: `https://sts.windows.net/${h.sim.tenantId}/`,
    oid: ALICE,
    tid: h.sim.tenantId,
    scp: 'user_impersonation',
  });
  expect(outcome.expiresOn.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);

  const user = await h.store.users.get(userId);
  expect(user?.entraAccount).toEqual({
    homeAccountId: `${ALICE}.${h.sim.tenantId}`,
    tenantId: h.sim.tenantId,
    username: 'alice@contoso.example',
  });
  expect(await h.store.audit.list(userId, 10)).toEqual([
    expect.objectContaining({ action: 'signin', outcome: 'ok' }),
  ]);

  // Only this user's partition was written, and it holds ciphertext only.
  const sealed = await h.store.tokenCache.get(partitionKeyFor(userId));
  expect(sealed).toMatch(/^g1\./);
  const secrets = openPartition(sealed!, h.key, partitionKeyFor(userId));
  expect(secrets.accessTokens).toContain(outcome.accessToken);
  expect(secrets.refreshTokens).toHaveLength(1); // msal cached the OBO refresh token (offline_access)
  expectNoSecrets(sealed!, [...secrets.accessTokens, ...secrets.refreshTokens, ...secrets.idTokens]);

  // The same SSO token again is answered from the cache (no second OBO call).
  const before = (await h.sim.requests()).length;
  const again = await h.identity.exchangeTeamsSsoToken({ userId, ssoToken });
  expect(again.kind).toBe('ok');
  expect((await h.sim.requests()).length).toBe(before);

  expectNoSecrets(h.logs.text(), [
    ssoToken,
    outcome.accessToken,
    ...secrets.refreshTokens,
    h.sim.clientSecret,
  ]);
});

test('consent missing (AADSTS65001): needs_consent with the consent message', async () => {
  const userId = await h.teamsUser(BOB);
  await h.sim.setFailure({ kind: 'consent_required', grants: ['obo'] });
  const outcome = await h.identity.exchangeTeamsSsoToken({ userId, ssoToken: await h.sim.mintSsoToken(BOB) });
  expect(outcome.kind).toBe('needs_consent');
  if (outcome.kind === 'ok') return;
  expect(outcome.error.code).toBe('auth.needs_consent');
  expect(outcome.error.userText).toMatch(/hasn't allowed patbot to manage PATs.*administrator.*consent/);
  expect(outcome.error.details).toMatchObject({ aadsts: 65001 });
  expect((await h.store.users.get(userId))?.entraAccount).toBeNull();
});

test('conditional access: claims_challenge carries the claims back', async () => {
  const userId = await h.teamsUser(BOB);
  const claims = '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}';
  await h.sim.setFailure({ kind: 'claims_challenge', grants: ['obo'], claims });
  const outcome = await h.identity.exchangeTeamsSsoToken({ userId, ssoToken: await h.sim.mintSsoToken(BOB) });
  expect(outcome).toMatchObject({ kind: 'claims_challenge', claims });
  if (outcome.kind === 'ok') return;
  expect(outcome.error.code).toBe('auth.claims_challenge');
  expect(outcome.error.userText).toBe(
    'Your organisation needs you to confirm your sign-in. Open the sign-in window to continue.',
  );
});

test('Entra down (503): unavailable, and a user-facing retry message', async () => {
  const userId = await h.teamsUser(BOB);
  await h.sim.setFailure({ kind: 'unavailable', grants: ['obo'] });
  const outcome = await h.identity.exchangeTeamsSsoToken({ userId, ssoToken: await h.sim.mintSsoToken(BOB) });
  expect(outcome.kind).toBe('unavailable');
  if (outcome.kind === 'ok') return;
  expect(outcome.error.code).toBe('auth.unavailable');
  expect(outcome.error.userText).toMatch(/Try again in a minute/);
});

test('Entra too slow: unavailable after the timeout, not a hang', async () => {
  const userId = await h.teamsUser(BOB);
  await h.sim.setFailure({ kind: 'slow', delayMs: 5000, grants: ['obo'], times: 1 });
  const started = Date.now();
  const outcome = await h.identity.exchangeTeamsSsoToken({ userId, ssoToken: await h.sim.mintSsoToken(BOB) });
  expect(outcome.kind).toBe('unavailable');
  expect(Date.now() - started).toBeLessThan(4000);
});

test('an SSO token for another audience is refused: needs_signin, nothing stored', async () => {
  const userId = await h.teamsUser(BOB);
  const wrong = await h.sim.mintSsoToken(BOB, { audience: 'api://someone-else' });
  const outcome = await h.identity.exchangeTeamsSsoToken({ userId, ssoToken: wrong });
  expect(outcome.kind).toBe('needs_signin');
  expect((await h.store.users.get(userId))?.entraAccount).toBeNull();
  expect((await h.sim.requests()).at(-1)).toMatchObject({ grant: 'obo', status: 400, errorCode: 50013 });
});

test("someone else's SSO token is refused before any exchange, and nothing is linked", async () => {
  const mallory = await h.newPerson('Mallory');
  const userId = await h.teamsUser(mallory);
  const before = (await h.sim.requests()).length;
  const outcome = await h.identity.exchangeTeamsSsoToken({
    userId,
    ssoToken: await h.sim.mintSsoToken(ALICE),
  });
  expect(outcome.kind).toBe('needs_signin');
  if (outcome.kind === 'ok') return;
  expect(outcome.error.details).toMatchObject({ reason: 'account_mismatch' });
  expect((await h.sim.requests()).length).toBe(before);
  expect((await h.store.users.get(userId))?.entraAccount).toBeNull();
});
