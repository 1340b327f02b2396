import { createHash } from 'node:crypto';
import { request } from 'node:https';
import { AeadCipher } from '../../src/identity/aead-cipher';
import { deriveKey, KEY_PURPOSE } from '../../src/identity/derive-key';
import type { IdentityHttpResponse } from '../../src/identity';
import { openState } from '../../src/identity/slack-state';
import { PUBLIC_BASE_URL, startHarness, type Harness } from '../support/entra-harness';
import { expectNoSecrets } from '../support/entra-secrets';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const slack = (teamId: string, slackUserId: string) => ({ platform: 'slack' as const, teamId, slackUserId });

function stateOf(url: string): string {
  return new URL(url).searchParams.get('state')!;
}

/** What a browser does at Entra: GET the authorize URL and read the redirect (no following). */
function authorize(location: string): Promise<URL> {
  return new Promise((resolve, reject) => {
    request(location, { ca: h.sim.caPem }, (res) => {
      res.resume();
      const to = res.headers.location;
      if (res.statusCode !== 302 || !to) reject(new Error(`authorize answered ${res.statusCode}`));
      else resolve(new URL(to));
    })
      .on('error', reject)
      .end();
  });
}

async function startAndAuthorize(
  teamId: string,
  slackUserId: string,
): Promise<{ state: string; callback: URL; start: IdentityHttpResponse }> {
  const link = await h.identity.slackSignInUrl({ teamId, slackUserId });
  const state = stateOf(link);
  const start = await h.identity.handleSlackStart({ query: { state }, headers: {} });
  expect(start.status).toBe(302);
  const callback = await authorize(start.headers.location!);
  return { state, callback, start };
}

function query(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}

test('round trip: start → Entra (PKCE S256) → callback links the Slack user, who then gets tokens silently', async () => {
  const oid = await h.newPerson('Carol');
  await h.sim.setSignInUser(oid);
  const link = await h.identity.slackSignInUrl({ teamId: 'T100', slackUserId: 'U100' });
  expect(link.startsWith(`${PUBLIC_BASE_URL}/auth/slack/start?state=`)).toBe(true);

  const state = stateOf(link);
  const start = await h.identity.handleSlackStart({ query: { state }, headers: {} });
  expect(start.status).toBe(302);
  const authorizeUrl = new URL(start.headers.location!);
  expect(authorizeUrl.origin + authorizeUrl.pathname).toBe(
    `${h.sim.origin}/${h.sim.tenantId}/oauth2/v2.0/authorize`,
  );
  expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorizeUrl.searchParams.get('redirect_uri')).toBe(`${PUBLIC_BASE_URL}/auth/callback`);
  expect(authorizeUrl.searchParams.get('state')).toBe(state);

  // The verifier is inside the sealed state only; the browser sees its S256 challenge.
  const payload = openState(new AeadCipher(deriveKey(h.key, KEY_PURPOSE.slackState)), state, new Date());
  if (!payload.ok) throw new Error('state does not open');
  const verifier = payload.payload.verifier;
  expect(authorizeUrl.searchParams.get('code_challenge')).toBe(
    createHash('sha256').update(verifier).digest('base64url'),
  );
  expect(start.headers.location).not.toContain(verifier);
  expect(link).not.toContain(verifier);

  const callback = await authorize(start.headers.location!);
  expect(callback.origin + callback.pathname).toBe(`${PUBLIC_BASE_URL}/auth/callback`);
  const done = await h.identity.handleAuthCallback({ query: query(callback), headers: {} });
  expect(done.status).toBe(200);
  expect(done.body).toContain('You are signed in');
  expect(done.body).toContain('/pat list');

  const user = await h.store.users.findByIdentity(slack('T100', 'U100'));
  expect(user?.entraAccount).toMatchObject({ homeAccountId: `${oid}.${h.sim.tenantId}` });
  const outcome = await h.identity.tokenProvider.getAccessToken(user!.id);
  expect(outcome.kind).toBe('ok');
  if (outcome.kind !== 'ok') return;

  // Replay of the same callback: refused, and the link is not touched.
  const replay = await h.identity.handleAuthCallback({ query: query(callback), headers: {} });
  expect(replay.status).toBe(400);
  expect(replay.body).toContain('already been used');

  expectNoSecrets(h.logs.text(), [
    callback.searchParams.get('code')!,
    verifier,
    state,
    outcome.accessToken,
    h.sim.clientSecret,
  ]);
});

test('tampered state: clear error page and no link', async () => {
  const { state, callback } = await startAndAuthorize('T200', 'U200');
  const flipped = state.slice(0, -3) + (state.at(-3) === 'A' ? 'B' : 'A') + state.slice(-2);
  const start = await h.identity.handleSlackStart({ query: { state: flipped }, headers: {} });
  expect(start.status).toBe(400);
  expect(start.body).toContain('This sign-in link is not valid');
  const cb = await h.identity.handleAuthCallback({
    query: { ...query(callback), state: flipped },
    headers: {},
  });
  expect(cb.status).toBe(400);
  expect(cb.body).toContain('/pat signin');
  expect(await h.store.users.findByIdentity(slack('T200', 'U200'))).toBeNull();
  const missing = await h.identity.handleSlackStart({ query: {}, headers: {} });
  expect(missing.status).toBe(400);
});

test('expired state (after 10 minutes): refused at start and at callback', async () => {
  const { state, callback } = await startAndAuthorize('T300', 'U300');
  h.clock.advance(10 * 60_000 + 1000);
  try {
    const start = await h.identity.handleSlackStart({ query: { state }, headers: {} });
    expect(start.status).toBe(400);
    expect(start.body).toContain('has expired');
    const cb = await h.identity.handleAuthCallback({ query: query(callback), headers: {} });
    expect(cb.status).toBe(400);
    expect(cb.body).toContain('has expired');
    expect(await h.store.users.findByIdentity(slack('T300', 'U300'))).toBeNull();
  } finally {
    h.clock.advance(-(10 * 60_000 + 1000));
  }
});

test("a code redeemed with another link's state fails PKCE at Entra: no link", async () => {
  const first = await startAndAuthorize('T400', 'U400');
  const other = await h.identity.slackSignInUrl({ teamId: 'T401', slackUserId: 'U401' });
  const n = (await h.sim.requests()).length;
  const cb = await h.identity.handleAuthCallback({
    query: { code: first.callback.searchParams.get('code')!, state: stateOf(other) },
    headers: {},
  });
  expect(cb.status).toBe(400);
  expect(cb.body).toContain('Sign-in did not finish');
  expect((await h.sim.requests()).slice(n)).toEqual([
    expect.objectContaining({ grant: 'authorization_code', errorCode: 501481 }),
  ]);
  expect((await h.store.users.findByIdentity(slack('T401', 'U401')))?.entraAccount ?? null).toBeNull();
});

test('Entra returns an error instead of a code: a page that says what to do', async () => {
  const link = await h.identity.slackSignInUrl({ teamId: 'T500', slackUserId: 'U500' });
  const cb = await h.identity.handleAuthCallback({
    query: { state: stateOf(link), error: 'access_denied', error_description: 'AADSTS50126: nope' },
    headers: {},
  });
  expect(cb.status).toBe(400);
  expect(cb.body).toContain('run `/pat signin` to try again');
});

test('pages are small and self-contained (no script, no external resources) and not cacheable', async () => {
  const { callback } = await startAndAuthorize('T600', 'U600');
  const ok = await h.identity.handleAuthCallback({ query: query(callback), headers: {} });
  const bad = await h.identity.handleSlackStart({ query: { state: 'g1.AAAA' }, headers: {} });
  for (const page of [ok, bad]) {
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).not.toMatch(/<script|<link|<img|src=|https?:\/\//i);
    expect(page.body.length).toBeLessThan(2000);
  }
});
