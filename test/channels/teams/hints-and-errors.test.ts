/**
 * Help, hints and errors in Teams, through /api/messages against the simulators: placeholders stay
 * visible (`‹name›`, never a dropped `<name>` or a literal `&lt;`), "did you mean" for PAT names,
 * `pat orgs add` checks the organisation first, and the expired-PAT error offers a button.
 */
import { helpEntries } from '../../../src/core/commands/help-entries';
import {
  ALICE,
  cardOf,
  cardText,
  DAY_MS,
  NOW,
  PERSONAL_ALICE,
  startTeamsHarness,
  type TeamsHarness,
} from '../../support/teams-harness';

const at = (days: number) => new Date(NOW.getTime() + days * DAY_MS);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function openUrls(card: any): Array<{ title: string; url: string }> {
  const out: Array<{ title: string; url: string }> = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.type === 'Action.OpenUrl') out.push({ title: String(o.title), url: String(o.url) });
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

describe('Teams help, hints and errors', () => {
  let h: TeamsHarness;

  beforeAll(async () => {
    h = await startTeamsHarness();
    h.ado.addPat({ ownerOid: ALICE.oid, org: 'contoso', name: 'build-agent', validTo: at(20) });
    h.ado.addPat({ ownerOid: ALICE.oid, org: 'contoso', name: 'old-ci-token', validTo: at(-4) });
    h.ado.addOrg({ name: 'fabrikam', tenantId: h.entra.tenantId });
    h.ado.addMember('fabrikam', { oid: ALICE.oid, name: ALICE.upn });
    h.ado.addOrg({ name: 'northwind', tenantId: h.entra.tenantId });
    await h.signIn(ALICE);
  });
  afterAll(async () => h.close());
  beforeEach(() => h.connector.clear());

  const last = () => h.connector.messages(PERSONAL_ALICE.id).at(-1);
  const aliceOrgs = async () =>
    (
      await h.store.users.findByIdentity({
        platform: 'teams',
        tenantId: h.entra.tenantId,
        aadObjectId: ALICE.oid,
      })
    )?.orgs ?? null;

  it('pat help shows every placeholder as ‹name›, none dropped, none escaped', async () => {
    await h.message(ALICE, PERSONAL_ALICE, 'pat help');
    const card = cardOf(last());
    const json = JSON.stringify(card);
    expect(json).not.toMatch(/<(name|days|org)>|&lt;|&gt;/);
    const text = cardText(card);
    for (const e of helpEntries()) expect(text).toContain(e.usage.replace(/<([^>]+)>/g, '‹$1›'));
    expect(text).toContain('pat renew ‹name› [30|90|max|yyyy-mm-dd]');
    expect(text).toContain('pat snooze ‹name› ‹days›');
    expect(text).toContain('pat orgs [add|remove ‹org›]');
  });

  it('pat orgs names the placeholder as ‹org›, not &lt;org&gt;', async () => {
    await h.message(ALICE, PERSONAL_ALICE, 'pat orgs');
    const text = String(last()?.text);
    expect(text).toContain('`pat orgs add ‹org›`');
    expect(text).not.toMatch(/<org>|&lt;/);
  });

  it('an unknown command is an error card with the suggestion and the next step', async () => {
    await h.message(ALICE, PERSONAL_ALICE, 'pat lsit');
    const card = cardOf(last());
    expect(card.body[0].color).toBe('Attention');
    expect(cardText(card)).toContain('Did you mean `pat list`? Type `pat help` for everything I can do.');
    await h.message(ALICE, PERSONAL_ALICE, 'pat snooze');
    const invalid = cardOf(last());
    expect(invalid.body[0].color).toBe('Attention');
    expect(cardText(invalid)).toContain('Type `pat help` for everything I can do.');
  });

  it('pat renew build-agnet: did you mean build-agent?', async () => {
    await h.message(ALICE, PERSONAL_ALICE, 'pat renew build-agnet');
    const text = cardText(cardOf(last()));
    expect(text).toContain("I can't find a PAT called `build-agnet` in contoso. Did you mean `build-agent`?");
    expect(text).toContain('Try `pat renew build-agent`.');
  });

  it('pat revoke with a name far from every PAT: no guess, check the list', async () => {
    await h.message(ALICE, PERSONAL_ALICE, 'pat revoke something-else');
    const text = cardText(cardOf(last()));
    expect(text).not.toContain('Did you mean');
    expect(text).toContain('Check the name with `pat list`.');
  });

  it('pat orgs add refuses an organisation that does not exist, and one the user is not in', async () => {
    const before = await aliceOrgs();
    const calls = h.ado.requests().length;
    await h.message(ALICE, PERSONAL_ALICE, 'pat orgs add nosuchorg');
    const refused = cardText(cardOf(last()));
    expect(refused).toContain('I couldn’t find the Azure DevOps organisation nosuchorg.');
    const made = h.ado.requests().slice(calls);
    expect(made).toHaveLength(1);
    expect(made[0].query).toContain('%24top=1');
    await h.message(ALICE, PERSONAL_ALICE, 'pat orgs add northwind');
    expect(cardText(cardOf(last()))).toContain('You don’t seem to be a member of northwind.');
    expect(await aliceOrgs()).toEqual(before);

    await h.message(ALICE, PERSONAL_ALICE, 'pat orgs add fabrikam');
    expect(String(last()?.text)).toContain('Added `fabrikam`.');
    expect(await aliceOrgs()).toEqual(['contoso', 'fabrikam']);
    await h.message(ALICE, PERSONAL_ALICE, 'pat orgs remove fabrikam');
  });

  it('an expired PAT: the answer offers Create replacement (the dialog), not a bare URL', async () => {
    await h.message(ALICE, PERSONAL_ALICE, 'pat renew old-ci-token');
    const card = cardOf(last());
    const text = cardText(card);
    expect(text).toContain('Azure DevOps no longer lets expired PATs be extended.');
    expect(text).not.toMatch(/https?:\/\//);
    expect(openUrls(card)).toEqual([]);
    const titles = ((card as { actions?: Array<{ title: string }> }).actions ?? []).map((a) => a.title);
    expect(titles).toEqual(['Create replacement']);
  });
});
