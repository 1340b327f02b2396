import { partitionKeyFor } from '../../src/identity/encrypted-cache-client';
import { startHarness, type Harness } from '../support/entra-harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

test('sign-out removes the cache partition and the link; the next command asks to sign in again', async () => {
  const oid = await h.newPerson();
  const userId = await h.teamsUser(oid);
  const other = await h.teamsUser(await h.newPerson());
  await h.identity.exchangeTeamsSsoToken({ userId, ssoToken: await h.sim.mintSsoToken(oid) });
  expect((await h.identity.tokenProvider.getAccessToken(userId)).kind).toBe('ok');
  await h.memory.tokenCache.set(partitionKeyFor(other), 'g1.untouched');

  await h.identity.signOut(userId);

  expect(await h.store.tokenCache.get(partitionKeyFor(userId))).toBeNull();
  expect(await h.store.tokenCache.get(partitionKeyFor(other))).toBe('g1.untouched');
  expect((await h.store.users.get(userId))?.entraAccount).toBeNull();
  const n = (await h.sim.requests()).length;
  const next = await h.identity.tokenProvider.getAccessToken(userId);
  expect(next).toMatchObject({ kind: 'needs_signin', error: { code: 'auth.needs_signin' } });
  expect((await h.sim.requests()).length).toBe(n);
  expect((await h.store.audit.list(userId, 10)).map((e) => e.action)).toEqual(['signin', 'signout']);

  // A second instance sharing the store sees the sign-out too.
  expect((await h.another().tokenProvider.getAccessToken(userId)).kind).toBe('needs_signin');

  // Signing in again works and clears what was remembered.
  const again = await h.identity.exchangeTeamsSsoToken({ userId, ssoToken: await h.sim.mintSsoToken(oid) });
  expect(again.kind).toBe('ok');
  expect((await h.identity.tokenProvider.getAccessToken(userId)).kind).toBe('ok');
});

test('a terminal failure is forgotten after a new sign-in', async () => {
  const oid = await h.newPerson();
  const userId = await h.teamsUser(oid);
  await h.sim.setAccessTokenLifetime(60);
  try {
    await h.identity.exchangeTeamsSsoToken({ userId, ssoToken: await h.sim.mintSsoToken(oid) });
    await h.sim.revokeSessions(oid);
    expect((await h.identity.tokenProvider.getAccessToken(userId)).kind).toBe('needs_signin');
    await h.identity.exchangeTeamsSsoToken({
      userId,
      ssoToken: await h.sim.mintSsoToken(oid, { expiresInSeconds: 1800 }),
    });
    expect((await h.identity.tokenProvider.getAccessToken(userId)).kind).toBe('ok');
  } finally {
    await h.sim.setAccessTokenLifetime(3600);
  }
});
