/**
 * A click on a long, paged list card: the answer is that same page of the list (same rows, same
 * paging), the clicked row patched, still inside Teams' 28 KB message limit, with no listing.
 */
import { CARD_MAX_BYTES } from '../../../src/channels/teams/cards/size-limits';
import {
  ALICE,
  BOB,
  cardOf,
  cardText,
  DAY_MS,
  findAction,
  NOW,
  PERSONAL_ALICE,
  startTeamsHarness,
  type TeamsHarness,
} from '../../support/teams-harness';

const at = (days: number) => new Date(NOW.getTime() + days * DAY_MS);

/** Names of the PAT rows on a list card, in order. */
const rowNames = (card: unknown): string[] =>
  ((card as { body: Array<{ type: string }> }).body ?? [])
    .filter((e) => e.type === 'Container')
    .map((e) => cardText(e).split('\n')[0]);

describe('a click on a long list card', () => {
  let h: TeamsHarness;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    h = await startTeamsHarness();
    h.ado.addOrg({ name: 'fabrikam', tenantId: h.entra.tenantId });
    h.ado.addMember('fabrikam', { oid: ALICE.oid, name: ALICE.upn });
    for (let i = 0; i < 45; i++) {
      const name = `service-connection-${String(i).padStart(2, '0')}-${'x'.repeat(60)}`;
      const org = i % 2 === 0 ? 'contoso' : 'fabrikam';
      const pat = h.ado.addPat({
        ownerOid: ALICE.oid,
        org,
        name,
        scope: 'vso.code vso.build',
        validTo: at(2 + i),
      });
      ids.set(name, pat.authorizationId);
    }
    await h.signIn(ALICE);
    await h.signIn(BOB);
    const user = await h.store.users.upsertByIdentity({
      platform: 'teams',
      tenantId: h.entra.tenantId,
      aadObjectId: ALICE.oid,
      teamsUserId: ALICE.teamsId,
    });
    await h.store.users.setOrgs(user.id, ['contoso', 'fabrikam']);
  });
  afterAll(async () => h.close());

  it('answers with the same page, the row patched, under 28 KB, in one Get and one Update', async () => {
    await h.message(ALICE, PERSONAL_ALICE, 'pat list');
    let card = cardOf(h.connector.messages().at(-1));
    // Grow the card until Teams' size limit cuts it.
    for (let i = 0; i < 3; i++)
      card = (await h.press(ALICE, PERSONAL_ALICE, findAction(card, 'Show more'))).body.value;
    const shown = rowNames(card);
    // A later page, cut to fit: "Showing a–b of 45".
    const range = /Showing \d+–\d+ of 45\./.exec(cardText(card))?.[0];
    expect(range).toBeDefined();
    expect(shown.length).toBeGreaterThan(3);
    expect(JSON.stringify(card).length).toBeLessThanOrEqual(CARD_MAX_BYTES);
    const target = shown[shown.length - 1];
    h.ado.resetRequests();
    const answer = await h.press(ALICE, PERSONAL_ALICE, findAction(card, 'Renew 90 days', target));
    expect(h.ado.requestCount()).toBe(2);
    expect(h.ado.getPat(ids.get(target)!)!.validTo.getTime()).toBe(at(90).getTime());
    const patched = answer.body.value;
    expect(rowNames(patched)).toEqual(shown);
    expect(cardText(patched)).toContain(range);
    expect(cardText(patched)).toContain(`Renewed \`${target}\` until`);
    expect(Buffer.byteLength(JSON.stringify(patched))).toBeLessThanOrEqual(CARD_MAX_BYTES);
    // Paging still continues from the card's own place.
    expect(findAction(patched, 'Show more').verb).toBe('pat.list');
  });

  it("Bob cannot use Alice's row value, and Alice's kept list is never shown to him", async () => {
    await h.message(ALICE, PERSONAL_ALICE, 'pat list');
    const card = cardOf(h.connector.messages().at(-1));
    const renew = findAction(card, 'Renew 90 days');
    h.ado.resetRequests();
    const answer = await h.press(BOB, PERSONAL_ALICE, renew);
    expect(answer.body.value).toBe('Only Alice Example can renew this PAT.');
    const revoke = await h.press(BOB, PERSONAL_ALICE, findAction(card, 'Revoke…'));
    expect(revoke.body.value).toBe('Only Alice Example can revoke this PAT.');
    expect(h.ado.requestCount()).toBe(0);
    // Cancel on Alice's question names her kept list; pressed by Bob it shows Bob's own list.
    const question = await h.press(ALICE, PERSONAL_ALICE, findAction(card, 'Revoke…'));
    const cancel = findAction(question.body.value, 'Cancel');
    const bobs = await h.press(BOB, PERSONAL_ALICE, cancel);
    expect(cardText(bobs.body.value)).toContain('PATs of Bob Example');
    expect(cardText(bobs.body.value)).not.toContain('service-connection');
  });
});
