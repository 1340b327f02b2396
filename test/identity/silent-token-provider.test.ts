import { randomBytes } from 'node:crypto';
import { partitionKeyFor } from '../../src/identity/encrypted-cache-client';
import { startHarness, type Harness } from '../support/entra-harness';
import { expectNoSecrets, openPartition, verifyWithJwks } from '../support/entra-secrets';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
afterEach(async () => {
  h.clock.advance(301_000); // past any circuit-breaker cool-down
  await h.sim.setFailure(null);
  await h.sim.setAccessTokenLifetime(3600);
});

/** A Teams user signed in through OBO whose cached access token is already "expired" for msal. */
async function signedInWithShortToken(
  lifetimeSeconds = 60,
): Promise<{ userId: string; first: string; oid: string }> {
  const oid = await h.newPerson();
  const userId = await h.teamsUser(oid);
  // msal treats tokens within 5 minutes of expiry as expired: 60 s tokens force a refresh.
  await h.sim.setAccessTokenLifetime(lifetimeSeconds);
  const outcome = await h.identity.exchangeTeamsSsoToken({ userId, ssoToken: await h.sim.mintSsoToken(oid) });
  if (outcome.kind !== 'ok') throw new Error(`OBO failed: ${outcome.kind}`);
  return { userId, first: outcome.accessToken, oid };
}

async function grantsSince(n: number): Promise<string[]> {
  return (await h.sim.requests()).slice(n).map((r) => `${r.grant}:${r.status}`);
}

test('after OBO, an expired access token is refreshed silently with the cached refresh token', async () => {
  const { userId, first, oid } = await signedInWithShortToken();
  const n = (await h.sim.requests()).length;
  const rtBefore = openPartition(
    (await h.store.tokenCache.get(partitionKeyFor(userId)))!,
    h.key,
    partitionKeyFor(userId),
  );

  const outcome = await h.identity.tokenProvider.getAccessToken(userId);
  if (outcome.kind !== 'ok') throw new Error(`expected ok, got ${outcome.kind}`);
  expect(outcome.accessToken).not.toBe(first);
  expect(await grantsSince(n)).toEqual(['refresh_token:200']);
  const claims = await verifyWithJwks(outcome.accessToken, h.sim.jwksUri, h.sim.caPem);
  expect(claims).toMatchObject({ oid, aud: '499b84ac-1321-427f-aa17-267ca6975798' });

  // The rotated refresh token was written back to the user's partition (encrypted).
  const rtAfter = openPartition(
    (await h.store.tokenCache.get(partitionKeyFor(userId)))!,
    h.key,
    partitionKeyFor(userId),
  );
  expect(rtAfter.refreshTokens).toHaveLength(1);
  expect(rtAfter.refreshTokens[0]).not.toBe(rtBefore.refreshTokens[0]);
  expectNoSecrets(h.logs.text(), [
    outcome.accessToken,
    first,
    ...rtBefore.refreshTokens,
    ...rtAfter.refreshTokens,
  ]);
});

test('a valid cached token is returned without calling Entra', async () => {
  const oid = await h.newPerson();
  const userId = await h.teamsUser(oid);
  await h.identity.exchangeTeamsSsoToken({ userId, ssoToken: await h.sim.mintSsoToken(oid) });
  const n = (await h.sim.requests()).length;
  expect((await h.identity.tokenProvider.getAccessToken(userId)).kind).toBe('ok');
  expect(await grantsSince(n)).toEqual([]);
});

test('a second instance sharing the store gets the token silently; with 10,000 partitions an access touches one', async () => {
  const { userId } = await signedInWithShortToken();
  const bob = await h.newPerson();
  const other = await h.teamsUser(bob);
  await h.identity.exchangeTeamsSsoToken({ userId: other, ssoToken: await h.sim.mintSsoToken(bob) });
  for (let i = 0; i < 10_000; i++) h.memory.tokenCache.values.set(partitionKeyFor(`other-${i}`), 'g1.x');
  h.memory.tokenCache.reads.length = 0;
  h.memory.tokenCache.writes.length = 0;

  const second = h.another();
  const outcome = await second.tokenProvider.getAccessToken(userId);
  expect(outcome.kind).toBe('ok');
  expect(new Set(h.memory.tokenCache.reads)).toEqual(new Set([partitionKeyFor(userId)]));
  expect(new Set(h.memory.tokenCache.writes)).toEqual(new Set([partitionKeyFor(userId)]));
});

test('refresh token expired (AADSTS700082): needs_signin once, then no more calls to Entra; worded per channel', async () => {
  const { userId } = await signedInWithShortToken();
  await h.sim.setFailure({ kind: 'refresh_token_expired', grants: ['refresh_token'] });
  const n = (await h.sim.requests()).length;
  const outcome = await h.identity.tokenProvider.getAccessToken(userId);
  expect(outcome.kind).toBe('needs_signin');
  if (outcome.kind === 'ok') return;
  expect(outcome.error.userText).toMatch(/your sign-in expired.*Sign in again/);
  expect(outcome.error.details).toMatchObject({ aadsts: 700082 });
  expect(outcome.error.details.repeated).toBeUndefined();

  const again = await Promise.all([1, 2, 3].map(() => h.identity.tokenProvider.getAccessToken(userId)));
  expect(again.map((o) => o.kind)).toEqual(['needs_signin', 'needs_signin', 'needs_signin']);
  expect(again.every((o) => o.kind !== 'ok' && o.error.details.repeated === true)).toBe(true);
  expect(await grantsSince(n)).toEqual(['refresh_token:400']);

  // Remembered (here and on another instance sharing the store), it is still worded per channel.
  const elsewhere = await h.another().tokenProvider.getAccessToken(userId);
  for (const o of [outcome, again[0], elsewhere]) {
    if (o.kind === 'ok') throw new Error('expected needs_signin');
    expect(o.error.nextStep).toBe('Sign in again with `pat signin` to keep reminders working.');
    expect(o.error.nextStepFor('/pat')).toBe('Sign in again with `/pat signin` to keep reminders working.');
    expect(o.error.userTextFor('/tokens')).toContain('`/tokens signin`');
  }
  expect(elsewhere.kind !== 'ok' && elsewhere.error.details.repeated).toBe(true);
});

test('sessions revoked (AADSTS50173): needs_signin', async () => {
  const { userId, oid } = await signedInWithShortToken();
  await h.sim.revokeSessions(oid);
  const outcome = await h.identity.tokenProvider.getAccessToken(userId);
  expect(outcome).toMatchObject({ kind: 'needs_signin', error: { details: { aadsts: 50173 } } });
});

test('consent withdrawn: needs_consent; conditional access: claims_challenge with claims', async () => {
  const a = await signedInWithShortToken();
  await h.sim.setFailure({ kind: 'consent_required', grants: ['refresh_token'] });
  expect(await h.identity.tokenProvider.getAccessToken(a.userId)).toMatchObject({ kind: 'needs_consent' });

  const b = await signedInWithShortToken();
  await h.sim.setFailure({ kind: 'claims_challenge', grants: ['refresh_token'] });
  const outcome = await h.identity.tokenProvider.getAccessToken(b.userId);
  expect(outcome.kind).toBe('claims_challenge');
  if (outcome.kind === 'ok') return;
  expect(JSON.parse(outcome.claims ?? '{}')).toHaveProperty('access_token.capolids');
});

test('Entra unavailable: unavailable; during the cool-down no call reaches Entra but cached tokens still work', async () => {
  const first = await signedInWithShortToken();
  const second = await signedInWithShortToken();
  const cached = await signedInWithShortToken(3600); // valid for an hour
  await h.sim.setFailure({ kind: 'unavailable', grants: ['refresh_token'], times: 1 });
  const n = (await h.sim.requests()).length;
  const down = await h.identity.tokenProvider.getAccessToken(first.userId);
  expect(down).toMatchObject({ kind: 'unavailable', error: { code: 'auth.unavailable' } });
  if (down.kind !== 'ok') expect(down.error.userText).toMatch(/Try again in a minute/);
  expect((await h.identity.tokenProvider.getAccessToken(second.userId)).kind).toBe('unavailable');
  expect((await h.identity.tokenProvider.getAccessToken(cached.userId)).kind).toBe('ok');
  expect(await grantsSince(n)).toEqual(['refresh_token:503']);

  h.clock.advance(61_000); // the simulator sent Retry-After: 60
  expect((await h.identity.tokenProvider.getAccessToken(first.userId)).kind).toBe('ok');
  expect((await h.identity.tokenProvider.getAccessToken(second.userId)).kind).toBe('ok');
});

test('a user who never signed in: needs_signin without calling Entra', async () => {
  const userId = (
    await h.store.users.upsertByIdentity({ platform: 'slack', teamId: 'T1', slackUserId: 'Unew' })
  ).id;
  const n = (await h.sim.requests()).length;
  const outcome = await h.identity.tokenProvider.getAccessToken(userId);
  expect(outcome).toMatchObject({ kind: 'needs_signin', error: { code: 'auth.needs_signin' } });
  if (outcome.kind !== 'ok') expect(outcome.error.userText).toMatch(/haven't linked your Microsoft account/);
  expect(await grantsSince(n)).toEqual([]);
});

test('concurrent calls for one user share one refresh', async () => {
  const { userId } = await signedInWithShortToken();
  const n = (await h.sim.requests()).length;
  const outcomes = await Promise.all([1, 2, 3, 4].map(() => h.identity.tokenProvider.getAccessToken(userId)));
  expect(outcomes.map((o) => o.kind)).toEqual(['ok', 'ok', 'ok', 'ok']);
  expect(await grantsSince(n)).toEqual(['refresh_token:200']);
});

test('key rotation: the previous key still decrypts, and the refresh re-encrypts with the new key', async () => {
  const { userId } = await signedInWithShortToken();
  const newKey = randomBytes(32);
  const rotated = h.another({ tokenCacheKey: newKey, previousTokenCacheKey: h.key });
  expect((await rotated.tokenProvider.getAccessToken(userId)).kind).toBe('ok');
  const sealed = (await h.store.tokenCache.get(partitionKeyFor(userId)))!;
  expect(openPartition(sealed, newKey, partitionKeyFor(userId)).refreshTokens).toHaveLength(1);
  expect(() => openPartition(sealed, h.key, partitionKeyFor(userId))).toThrow();
  // Without the previous key the old value would not open: the user would have to sign in again.
  const other = await signedInWithShortToken();
  const withoutPrevious = h.another({ tokenCacheKey: newKey });
  expect((await withoutPrevious.tokenProvider.getAccessToken(other.userId)).kind).toBe('needs_signin');
});

test('a token is reused from memory until 5 minutes before it expires, without decrypting the partition again', async () => {
  const oid = await h.newPerson();
  const userId = await h.teamsUser(oid);
  await h.identity.exchangeTeamsSsoToken({ userId, ssoToken: await h.sim.mintSsoToken(oid) });
  const first = await h.identity.tokenProvider.getAccessToken(userId);
  if (first.kind !== 'ok') throw new Error(`expected ok, got ${first.kind}`);
  h.memory.tokenCache.reads.length = 0;
  const n = (await h.sim.requests()).length;
  const again = await h.identity.tokenProvider.getAccessToken(userId);
  expect(again).toEqual(first);
  // Just outside msal's 5-minute margin: still the same token, from memory.
  h.clock.advance(first.expiresOn.getTime() - Date.now() - 5 * 60_000 - 5000);
  expect(await h.identity.tokenProvider.getAccessToken(userId)).toEqual(first);
  expect(h.memory.tokenCache.reads).toEqual([]);
  expect(await grantsSince(n)).toEqual([]);
  // Inside the margin: no longer served from memory; msal reads the partition (and decides).
  h.clock.advance(10_000);
  expect((await h.identity.tokenProvider.getAccessToken(userId)).kind).toBe('ok');
  expect(new Set(h.memory.tokenCache.reads)).toEqual(new Set([partitionKeyFor(userId)]));
});

test('a sign-out and a new sign-in on another instance replace the remembered token at once', async () => {
  const oid = await h.newPerson();
  const userId = await h.teamsUser(oid);
  await h.identity.exchangeTeamsSsoToken({ userId, ssoToken: await h.sim.mintSsoToken(oid) });
  const before = await h.identity.tokenProvider.getAccessToken(userId);
  if (before.kind !== 'ok') throw new Error(`expected ok, got ${before.kind}`);
  h.clock.advance(1000); // the other instance writes the user row a moment later
  const other = h.another();
  await other.signOut(userId);
  const signedInAgain = await other.exchangeTeamsSsoToken({
    userId,
    ssoToken: await h.sim.mintSsoToken(oid, { expiresInSeconds: 3000 }),
  });
  if (signedInAgain.kind !== 'ok') throw new Error(`expected ok, got ${signedInAgain.kind}`);
  expect(signedInAgain.accessToken).not.toBe(before.accessToken);
  h.memory.tokenCache.reads.length = 0;
  const after = await h.identity.tokenProvider.getAccessToken(userId);
  expect(after).toMatchObject({ kind: 'ok', accessToken: signedInAgain.accessToken });
  expect(new Set(h.memory.tokenCache.reads)).toEqual(new Set([partitionKeyFor(userId)]));
});

test('a terminal failure another instance remembered is answered without calling Entra', async () => {
  const { userId } = await signedInWithShortToken();
  await h.sim.setFailure({ kind: 'refresh_token_expired', grants: ['refresh_token'] });
  // Another instance tried to refresh and remembered the terminal failure for everyone.
  expect((await h.another().tokenProvider.getAccessToken(userId)).kind).toBe('needs_signin');
  const n = (await h.sim.requests()).length;
  const here = await h.identity.tokenProvider.getAccessToken(userId);
  expect(here).toMatchObject({ kind: 'needs_signin', error: { details: { repeated: true } } });
  expect(await grantsSince(n)).toEqual([]);
});

test('a sign-out on another instance takes effect at once, despite the remembered token', async () => {
  const oid = await h.newPerson();
  const userId = await h.teamsUser(oid);
  await h.identity.exchangeTeamsSsoToken({ userId, ssoToken: await h.sim.mintSsoToken(oid) });
  expect((await h.identity.tokenProvider.getAccessToken(userId)).kind).toBe('ok');
  await h.another().signOut(userId);
  expect((await h.identity.tokenProvider.getAccessToken(userId)).kind).toBe('needs_signin');
});
