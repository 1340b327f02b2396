/**
 * Attack: a person with hundreds of organisations, or hundreds of PATs, in Teams. Real HTTP to
 * /api/messages with real activities, the fake connector on loopback and the Azure DevOps
 * simulator: `pat orgs add` stops at MAX_ORGS_PER_USER, a longer stored list is read only up to
 * the cap (and the card says so), the calls are bounded, failures are one line, an all-failed
 * list says which organisations could not be read, and every reply with 200 PATs, through every
 * "Show more", stays under Teams' 28 KB.
 */
import {
  ALICE,
  BOB,
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

const TEAMS_LIMIT = 28 * 1024;
const bytes = (value: unknown) =>
  Buffer.byteLength(typeof value === 'string' ? value : JSON.stringify(value));
const at = (days: number) => new Date(NOW.getTime() + days * DAY_MS);

describe('Teams: bounded fan-out and honest empty states', () => {
  let h: TeamsHarness;
  let alice: string;

  beforeAll(async () => {
    h = await startTeamsHarness();
    await h.signIn(ALICE);
    await h.signIn(BOB);
    const user = await h.store.users.upsertByIdentity({
      platform: 'teams',
      tenantId: h.entra.tenantId,
      aadObjectId: ALICE.oid,
      teamsUserId: ALICE.teamsId,
    });
    alice = user.id;
    h.ado.addPat({ ownerOid: ALICE.oid, org: 'contoso', name: 'alices', validTo: at(9) });
    for (let i = 0; i < 200; i++) {
      h.ado.addPat({
        ownerOid: BOB.oid,
        org: 'contoso',
        name: `bob-${String(i).padStart(3, '0')}-${'*deploy_release*'.repeat(4)}`,
        validTo: at(i + 1),
        scope: 'vso.code_write vso.build_execute vso.release_manage vso.packaging_write',
      });
    }
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    h.connector.clear();
    h.ado.setLatency(0);
    await h.store.users.setOrgs(alice, null);
    h.ado.resetRequests();
  });

  const lastCard = (place = PERSONAL_ALICE) => cardOf(h.connector.messages(place.id).at(-1));
  const lastText = (place = PERSONAL_ALICE) => String(h.connector.messages(place.id).at(-1)?.text ?? '');

  it('refuses `pat orgs add` beyond MAX_ORGS_PER_USER (10) with the next step, and stores nothing', async () => {
    const ten = Array.from({ length: 10 }, (_, i) => `org${i}`);
    await h.store.users.setOrgs(alice, ten);
    await h.message(ALICE, PERSONAL_ALICE, 'pat orgs add one-too-many');
    expect(lastText()).toContain("I didn't add `one-too-many`: you already look in 10 organisations");
    expect(lastText()).toContain('Remove one first with `pat orgs remove ‹org›`');
    expect((await h.store.users.get(alice))?.orgs).toEqual(ten);
  });

  it('reads only the first 10 of 300 stored organisations, says so, and says which could not be read', async () => {
    const many = Array.from({ length: 300 }, (_, i) => `gone${i}`);
    await h.store.users.setOrgs(alice, many);
    h.ado.setLatency(60);
    await h.message(ALICE, PERSONAL_ALICE, 'pat list');
    expect(new Set(h.ado.requests().map((r) => r.org))).toEqual(new Set(many.slice(0, 10)));
    expect(h.ado.requestCount()).toBeLessThanOrEqual(20);
    expect(h.ado.maxInFlight()).toBeLessThanOrEqual(8);

    const card = lastCard();
    const text = cardText(card);
    expect(text).toContain('You have 300 organisations saved; I read only the first 10.');
    expect(text).toContain(
      "I couldn't read any of your 10 organisations, so I can't tell which PATs you have.",
    );
    expect(text).not.toMatch(/No active PATs/);
    const failureLines = text.split('\n').filter((l) => l.includes("Couldn't read"));
    expect(failureLines).toHaveLength(1);
    expect(failureLines[0]).toMatch(
      /^Couldn't read 10 organisations: gone0, gone1, .* \(no such organisation\)\./,
    );
    expect(failureLines[0]).toContain('Check the names with `pat orgs`');
    expect(bytes(h.connector.messages(PERSONAL_ALICE.id).at(-1))).toBeLessThanOrEqual(TEAMS_LIMIT);
  });

  it('keeps every reply under 28 KB with 200 PATs, through every "Show more", and shows all of them', async () => {
    await h.message(BOB, PERSONAL_BOB, 'pat list');
    const sent = h.connector.messages(PERSONAL_BOB.id).at(-1);
    expect(bytes(sent)).toBeLessThanOrEqual(TEAMS_LIMIT);
    let card = cardOf(sent);
    const names = (c: unknown) => new Set(cardText(c).match(/bob-\d{3}/g) ?? []);
    // The size check did the cutting: fewer rows than the 10 asked for.
    expect(names(card).size).toBeGreaterThan(0);
    expect(names(card).size).toBeLessThan(10);
    const seen = new Set(names(card));
    for (let presses = 0; presses < 100; presses++) {
      let more;
      try {
        more = findAction(card, 'Show more');
      } catch {
        break;
      }
      const answer = await h.press(BOB, PERSONAL_BOB, more);
      expect(answer.status).toBe(200);
      expect(bytes(answer.text)).toBeLessThanOrEqual(TEAMS_LIMIT);
      card = answer.body.value;
      for (const n of names(card)) seen.add(n);
    }
    expect(seen.size).toBe(200);
    expect(cardText(card)).toMatch(/Showing \d+–200 of 200\./);
    // And back to the start.
    const first = await h.press(BOB, PERSONAL_BOB, findAction(card, 'Back to the first'));
    expect(cardText(first.body.value)).toContain('bob-000');
  }, 120_000);
});
