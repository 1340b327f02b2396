/**
 * Teams SSO through the real identity module (msal-node on-behalf-of against the Entra
 * simulator): the OAuthCard, the `signin/tokenExchange` invoke (200, 412 consent, claims
 * challenge), the command re-run after sign-in, channels (deep link), verifyState and sign-out.
 */
import { invokeActivity } from '../../support/teams-activity';
import {
  activityContext,
  ALICE,
  BOB,
  CHANNEL,
  cardOf,
  cardText,
  DAY_MS,
  GROUP,
  NOW,
  PERSONAL_ALICE,
  PERSONAL_BOB,
  startTeamsHarness,
  type TeamsHarness,
} from '../../support/teams-harness';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const oauthCardOf = (activity: any) =>
  activity?.attachments?.find(
    (a: { contentType: string }) => a.contentType === 'application/vnd.microsoft.card.oauth',
  )?.content;

describe('Teams SSO', () => {
  let h: TeamsHarness;

  beforeAll(async () => {
    h = await startTeamsHarness({ auth: true });
    h.ado.addPat({
      ownerOid: ALICE.oid,
      org: 'contoso',
      name: 'nightly-build',
      validTo: new Date(NOW.getTime() + 9 * DAY_MS),
    });
  });
  afterAll(async () => h.close());
  beforeEach(() => {
    h.connector.clear();
    h.entra.setFailure(null);
  });

  const exchange = async (who = ALICE, place = PERSONAL_ALICE, token?: string) =>
    h.post(
      invokeActivity(activityContext(h), who, place, 'signin/tokenExchange', {
        id: 'exchange-1',
        connectionName: '',
        token: token ?? (await h.entra.mintSsoToken(who.oid)),
      }),
    );

  it('asks a person who is not signed in to sign in, with an SSO token exchange resource', async () => {
    await h.message(ALICE, PERSONAL_ALICE, 'pat list');
    const card = oauthCardOf(h.connector.messages().at(-1));
    expect(card.tokenExchangeResource).toMatchObject({ uri: `api://botid-${h.botId}` });
    expect(card.tokenExchangeResource.id).toEqual(expect.any(String));
    expect(card.buttons[0]).toMatchObject({
      type: 'signin',
      value: 'https://patbot.example/auth-start.html',
    });
    expect(h.ado.requestCount()).toBe(0);
  });

  it('answers 412 when consent is needed, so Teams shows the consent prompt', async () => {
    h.entra.setFailure({ kind: 'consent_required' });
    const answer = await exchange();
    expect(answer.status).toBe(412);
    expect(answer.body).toMatchObject({ id: 'exchange-1', failureDetail: 'auth.needs_consent' });
    expect(h.ado.requestCount()).toBe(0);
  });

  it('answers 412 on a conditional-access claims challenge and offers the sign-in window with the claims', async () => {
    h.entra.setFailure({ kind: 'claims_challenge' });
    const answer = await exchange();
    expect(answer.status).toBe(412);
    const card = oauthCardOf(h.connector.messages().at(-1));
    const link = new URL(card.buttons[0].value);
    expect(link.pathname).toBe('/auth-start.html');
    const claims = Buffer.from(link.searchParams.get('claims')!, 'base64url').toString('utf8');
    expect(() => JSON.parse(claims)).not.toThrow();
    expect(card.text).toMatch(/confirm your sign-in|sign in/i);
  });

  it('answers 200 on a successful exchange and runs the command that was waiting', async () => {
    await h.message(ALICE, PERSONAL_ALICE, 'pat list');
    h.connector.clear();
    const answer = await exchange();
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ id: 'exchange-1', connectionName: '' });
    await h.channel.idle();
    const text = cardText(cardOf(h.connector.messages(PERSONAL_ALICE.id).at(-1)));
    expect(text).toContain('nightly-build');
    expect(text).toContain('Expires in 9 days');
    const obo = h.entra.requests().filter((r) => r.grant === 'obo');
    expect(obo.at(-1)).toMatchObject({ status: 200 });
    // Neither the SSO token nor the Azure DevOps token is ever logged or posted.
    expect(h.logs.text()).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}\./);
    expect(JSON.stringify(h.connector.calls.map((c) => c.body))).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}\./);
  });

  it('confirms a sign-in once when several Teams clients send the same exchange', async () => {
    const first = await exchange(BOB, PERSONAL_BOB);
    const second = await exchange(BOB, PERSONAL_BOB);
    expect([first.status, second.status]).toEqual([200, 200]);
    const confirmations = h.connector
      .messages(PERSONAL_BOB.id)
      .filter((m) => /You're signed in/.test(m.text ?? ''));
    expect(confirmations).toHaveLength(1);
    await h.message(BOB, PERSONAL_BOB, 'pat signout');
  });

  it('refuses a forged SSO token with 412', async () => {
    const answer = await exchange(BOB, PERSONAL_BOB, 'eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2ln');
    expect(answer.status).toBe(412);
    await h.message(BOB, PERSONAL_BOB, 'pat list');
    expect(oauthCardOf(h.connector.messages().at(-1))).toBeDefined();
  });

  it('uses the cached sign-in in group chats and channels; without one, a channel gets a link to a 1:1 chat', async () => {
    await h.message(ALICE, GROUP, 'pat list');
    expect(cardText(cardOf(h.connector.messages().at(-1)))).toContain('Alice Example asked for their PATs.');

    await h.message(BOB, CHANNEL, 'pat list');
    const card = cardOf(h.connector.messages().at(-1));
    expect(cardText(card)).toContain('Sign in from a 1:1 chat with me');
    expect(card.actions[0]).toMatchObject({
      type: 'Action.OpenUrl',
      url: `https://teams.microsoft.com/l/chat/0/0?users=28:${h.botId}`,
    });
  });

  it('handles signin/verifyState by re-sending the card, or confirming when signed in', async () => {
    const verify = (who = BOB, place = PERSONAL_BOB) =>
      h.post(invokeActivity(activityContext(h), who, place, 'signin/verifyState', { state: 'consented' }));
    const bob = await verify();
    expect(bob.status).toBe(200);
    expect(oauthCardOf(h.connector.messages().at(-1))).toBeDefined();
    h.connector.clear();
    const alice = await verify(ALICE, PERSONAL_ALICE);
    expect(alice.status).toBe(200);
    expect(h.connector.messages().at(-1).text).toContain("You're signed in.");
  });

  it('signs out with pat signout', async () => {
    await h.message(ALICE, PERSONAL_ALICE, 'pat signout');
    expect(h.connector.messages().at(-1).text).toContain('Signed out');
    await h.message(ALICE, PERSONAL_ALICE, 'pat list');
    expect(oauthCardOf(h.connector.messages().at(-1))).toBeDefined();
  });
});
