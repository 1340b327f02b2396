/**
 * Proactive reminders in Teams: the REAL reminder sweep (core `runSweep`, injected clock) with
 * the Teams notifier, against the SQLite store, the Azure DevOps and Entra simulators and the
 * fake Bot Connector. The reminder card's buttons are pressed over HTTP like Teams does.
 */
import {
  ALICE,
  BOB,
  cardOf,
  cardText,
  DAY_MS,
  findAction,
  PERSONAL_ALICE,
  PERSONAL_BOB,
  startTeamsHarness,
  type TeamsHarness,
} from '../../support/teams-harness';
import { runTeamsSweep } from '../../support/teams-sweep';

/** Monday 30 Nov 2026, 10:30 in Berlin: inside working hours. */
const MON = new Date('2026-11-30T09:30:00.000Z');
const at = (days: number) => new Date(MON.getTime() + days * DAY_MS);

// Adaptive Card JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Card = any;

describe('Teams reminders from the sweep', () => {
  let h: TeamsHarness;
  let ids: Record<string, string>;
  let aliceId: string;
  let firstCards: Card[];

  const cardAbout = (cards: Card[], name: string): Card => {
    const found = cards.find((c) => cardText(c).includes(name));
    if (!found) throw new Error(`no card about ${name}`);
    return found;
  };

  beforeAll(async () => {
    h = await startTeamsHarness();
    h.clock.set(MON);
    // msal-node judges token expiry by the real clock; short-lived tokens make it refresh every
    // time, so the simulators (on the test clock) always see a fresh token.
    h.entra.setAccessTokenLifetime(60);
    const seed = (name: string, days: number) =>
      h.ado.addPat({ ownerOid: ALICE.oid, org: 'contoso', name, scope: 'vso.code', validTo: at(days) })
        .authorizationId;
    ids = {
      nightly: seed('nightly-build', 3),
      snoozy: seed('snoozy', 8),
      control: seed('control', 8),
      old: seed('old-one', -2),
      later: seed('much-later', 60),
    };
    await h.message(ALICE, PERSONAL_ALICE, 'pat help');
    await h.message(BOB, PERSONAL_BOB, 'pat help');
    await h.signIn(ALICE);
    await h.signIn(BOB);
    aliceId = (await h.store.users.findByIdentity({
      platform: 'teams',
      tenantId: h.entra.tenantId,
      aadObjectId: ALICE.oid,
    }))!.id;
    h.connector.clear();
  });
  afterAll(async () => h.close());

  it("sends each due reminder once, as a card in the owner's personal chat", async () => {
    const summary = await runTeamsSweep(h);
    expect(summary.remindersSent).toBe(4);
    expect(h.connector.messages(PERSONAL_BOB.id)).toHaveLength(0);
    firstCards = h.connector.messages(PERSONAL_ALICE.id).map(cardOf);
    expect(firstCards).toHaveLength(4);
    expect(firstCards.every((c) => c.version === '1.5')).toBe(true);
    expect(firstCards.some((c) => cardText(c).includes('much-later'))).toBe(false);

    const nightly = cardText(cardAbout(firstCards, 'nightly-build'));
    expect(nightly).toContain('nightly-build expires in 3 days');
    expect(nightly).toContain('Organisation\ncontoso');
    expect(nightly).toContain('Expires\nThu 3 Dec 2026 (in 3 days)');
    expect(nightly).toContain('Days left\n3 days');
    expect(nightly).toContain('Dates in Europe/Berlin.');
    expect(nightly).not.toContain('vso.code');
    const card = cardAbout(firstCards, 'nightly-build');
    for (const title of [
      'Renew 90 days',
      '30 days',
      'Longest allowed',
      'Renew until this date',
      'Snooze 1 day',
      'Snooze 3 days',
      'Show all my PATs',
    ])
      expect(findAction(card, title).verb).toMatch(/^pat\./);

    const snoozy = cardText(cardAbout(firstCards, 'snoozy'));
    expect(snoozy).toContain('snoozy expires in 8 days');

    const expired = cardAbout(firstCards, 'old-one');
    expect(cardText(expired)).toContain("Expired PATs can't be extended: create a replacement.");
    expect(cardText(expired)).toContain('Expired\nSat 28 Nov 2026 (2 days ago)');
    expect(() => findAction(expired, 'Renew 90 days')).toThrow();
    expect(() => findAction(expired, '30 days')).toThrow();
    expect(() => findAction(expired, 'Snooze 1 day')).toThrow();
    // One click opens the dialog that creates the replacement (the secret shows only there).
    expect(expired.actions).toContainEqual({
      type: 'Action.Submit',
      title: 'Create replacement',
      data: { msteams: { type: 'task/fetch' }, verb: 'pat.recreate', t: expect.any(String) },
    });

    // The ledger makes it exactly once: the same sweep again sends nothing.
    h.connector.clear();
    const again = await runTeamsSweep(h);
    expect(again.remindersSent).toBe(0);
    expect(h.connector.messages()).toHaveLength(0);
  });

  it("one click on the reminder's Renew renews the PAT for 90 days with the owner's own sign-in", async () => {
    h.ado.resetRequests();
    const answer = await h.press(
      ALICE,
      PERSONAL_ALICE,
      findAction(cardAbout(firstCards, 'nightly-build'), 'Renew 90 days'),
    );
    expect(answer.status).toBe(200);
    expect(h.ado.requestCount()).toBe(2);
    expect(h.ado.getPat(ids.nightly)!.validTo.getTime()).toBe(at(90).getTime());
    expect(cardText(answer.body.value)).toContain(
      'Renewed `nightly-build` until Sun 28 Feb 2027 (in 90 days).',
    );
  });

  it("refuses someone else's Snooze and changes nothing", async () => {
    const snooze = findAction(cardAbout(firstCards, 'snoozy'), 'Snooze 3 days');
    const answer = await h.press(BOB, PERSONAL_BOB, snooze);
    expect(answer.body).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: 'Only Alice Example can snooze this PAT.',
    });
    expect(await h.store.snoozes.get(aliceId, ids.snoozy)).toBeNull();
  });

  it('Snooze by the owner suppresses the next reminder of that PAT only', async () => {
    const answer = await h.press(
      ALICE,
      PERSONAL_ALICE,
      findAction(cardAbout(firstCards, 'snoozy'), 'Snooze 3 days'),
    );
    const text = cardText(answer.body.value);
    expect(text).toContain('Snoozed reminders for `snoozy` until Thu 3 Dec 2026.');
    expect(findAction(answer.body.value, 'Show all my PATs').verb).toBe('pat.list');
    expect((await h.store.snoozes.get(aliceId, ids.snoozy))?.getTime()).toBe(at(3).getTime());

    // Tuesday: both 8-day PATs reach their 7-day threshold; only the snoozed one stays quiet.
    h.connector.clear();
    h.clock.set(at(1));
    await runTeamsSweep(h);
    const cards = h.connector.messages(PERSONAL_ALICE.id).map(cardOf);
    expect(cards.map((c) => cardText(c).split('\n')[0])).toEqual(['control expires in 7 days']);
  });

  it('"Show all my PATs" lists the PATs of whoever presses it', async () => {
    const show = findAction(cardAbout(firstCards, 'nightly-build'), 'Show all my PATs');
    const own = await h.press(ALICE, PERSONAL_ALICE, show);
    expect(cardText(own.body.value)).toContain('PATs of Alice Example');
    expect(cardText(own.body.value)).toContain('much-later');

    const other = await h.press(BOB, PERSONAL_BOB, show);
    expect(cardText(other.body.value)).toContain('PATs of Bob Example');
    expect(cardText(other.body.value)).not.toContain('nightly-build');
  });

  it('tells a person once when their PATs can no longer be read, and how to sign in again', async () => {
    h.entra.revokeSessions(BOB.oid);
    h.connector.clear();
    h.clock.set(at(2));
    await runTeamsSweep(h);
    const [notice, ...rest] = h.connector.messages(PERSONAL_BOB.id).map(cardOf);
    expect(rest).toHaveLength(0);
    const text = cardText(notice);
    expect(text).toContain(
      "I can't check your Azure DevOps PATs any more, so I can't warn you before one expires.",
    );
    expect(text).toContain('Type `pat signin` in this chat to sign in again');

    h.connector.clear();
    h.clock.set(new Date(at(2).getTime() + 3_600_000));
    await runTeamsSweep(h);
    expect(h.connector.messages(PERSONAL_BOB.id)).toHaveLength(0);
  });
});
