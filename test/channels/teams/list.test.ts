/** `pat list` in personal chats and channels, driven over HTTP against the simulators. */
import {
  ALICE,
  BOB,
  CHANNEL,
  cardOf,
  cardText,
  DAY_MS,
  findAction,
  NOW,
  PERSONAL_ALICE,
  PERSONAL_BOB,
  startTeamsHarness,
  type TeamsHarness,
} from '../../support/teams-harness';

const at = (days: number) => new Date(NOW.getTime() + days * DAY_MS);

describe('pat list', () => {
  let h: TeamsHarness;

  beforeAll(async () => {
    h = await startTeamsHarness({ channel: { pageSize: 4 } });
    const seed = (name: string, days: number, extra: Partial<Parameters<typeof h.ado.addPat>[0]> = {}) =>
      h.ado.addPat({
        ownerOid: ALICE.oid,
        org: 'contoso',
        name,
        scope: 'vso.code_write vso.build',
        validTo: at(days),
        ...extra,
      });
    seed('fine-for-months', 200);
    seed('expiring-this-month', 20);
    seed('expires-this-week', 5);
    seed('already-expired', -3);
    seed('everywhere', 300, { org: undefined, global: true });
    seed('god-mode', 120, { scope: 'app_token' });
    h.ado.addPat({ ownerOid: BOB.oid, org: 'contoso', name: 'bobs-deploy-key', validTo: at(40) });
    h.ado.addOrg({ name: 'fabrikam', tenantId: h.entra.tenantId });
    h.ado.addMember('fabrikam', { oid: BOB.oid, name: BOB.upn });
    await h.signIn(ALICE);
    await h.signIn(BOB);
  });
  afterAll(async () => h.close());
  beforeEach(() => h.connector.clear());

  it('shows the PATs soonest expiry first, with status, days left and warnings', async () => {
    const answer = await h.message(ALICE, PERSONAL_ALICE, 'pat list');
    expect(answer.status).toBe(200);
    const card = cardOf(h.connector.messages(PERSONAL_ALICE.id).at(-1));
    expect(card.version).toBe('1.5');
    const text = cardText(card);
    // The global PAT stops on 2026-12-01 (3 days), before the 5-day one.
    const order = ['everywhere', 'expires-this-week', 'expiring-this-month', 'god-mode'].map((n) =>
      text.indexOf(n),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain('All organisations: stops working on Tue 1 Dec 2026');
    expect(text).toContain('Expires in 5 days');
    expect(text).not.toMatch(/Expires soon|Expiring\b/);
    expect(text).toContain('Dates in Europe/Berlin.');
    expect(text).not.toContain('bobs-deploy-key');
    // Page 1 of 6: the rest behind "Show more", not cut.
    expect(text).toContain('Showing 4 of 6.');
    expect(text).not.toContain('fine-for-months');
  });

  it('grows the list with "Show more" and marks full-access and expired PATs', async () => {
    await h.message(ALICE, PERSONAL_ALICE, 'pat list');
    const card = cardOf(h.connector.messages(PERSONAL_ALICE.id).at(-1));
    const answer = await h.press(ALICE, PERSONAL_ALICE, findAction(card, 'Show more'));
    expect(answer.status).toBe(200);
    expect(answer.body.type).toBe('application/vnd.microsoft.card.adaptive');
    const text = cardText(answer.body.value);
    expect(text).toContain('fine-for-months');
    expect(text).toContain('already-expired');
    expect(text).toContain('Full access: consider narrower scopes');
    expect(text).toContain("Expired PATs can't be extended: create a replacement.");
    expect(text).not.toContain('Show more');
  });

  it('keeps a list private in a channel: a neutral card for everyone, the list only for the asker', async () => {
    const answer = await h.message(ALICE, CHANNEL, 'pat list');
    expect(answer.status).toBe(200);
    const posted = h.connector.messages().at(-1);
    const neutral = cardOf(posted);
    expect(neutral.refresh.userIds).toEqual([ALICE.teamsId]);
    expect(cardText(neutral)).toContain('Alice Example asked for their PATs.');
    expect(JSON.stringify(posted)).not.toMatch(/everywhere|god-mode|expires-this-week/);

    // Teams asks for Alice's own view (automatic refresh); only she gets her list.
    const own = await h.press(ALICE, CHANNEL, neutral.refresh.action);
    expect(cardText(own.body.value)).toContain('expires-this-week');
    expect(own.body.value.refresh.userIds).toEqual([ALICE.teamsId]);

    // Bob pressing the button sees his own PATs, never Alice's.
    const bobs = await h.press(BOB, CHANNEL, findAction(neutral, 'Show my PATs'));
    const bobText = cardText(bobs.body.value);
    expect(bobText).toContain('bobs-deploy-key');
    expect(bobText).not.toContain('expires-this-week');
  });

  it("shows an organisation's coded error with its next step, and the others' PATs", async () => {
    // `pat orgs add` refuses an org Alice is not in, so she lost access after choosing it.
    const alice = await h.store.users.findByIdentity({
      platform: 'teams',
      tenantId: h.entra.tenantId,
      aadObjectId: ALICE.oid,
    });
    await h.store.users.setOrgs(alice!.id, ['contoso', 'fabrikam']);
    await h.message(ALICE, PERSONAL_ALICE, 'pat list');
    const text = cardText(cardOf(h.connector.messages(PERSONAL_ALICE.id).at(-1)));
    expect(text).toContain("Couldn't read 1 organisation: fabrikam (not a member).");
    expect(text).toContain('remove the wrong ones with `pat orgs remove ‹org›`');
    expect(text).toContain('expires-this-week');
    await h.store.users.setOrgs(alice!.id, null);
  });

  it('shows the empty state', async () => {
    await h.message(BOB, PERSONAL_BOB, 'pat list fabrikam');
    const text = cardText(cardOf(h.connector.messages(PERSONAL_BOB.id).at(-1)));
    expect(text).toContain('No active PATs in fabrikam.');
    expect(text).not.toContain('bobs-deploy-key');
  });
});
