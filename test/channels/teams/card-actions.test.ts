/**
 * Renew and revoke from the list card (Action.Execute), and who may press what. Assertions are on
 * the Azure DevOps simulator's state and on what the person sees.
 */
import { formatDate } from '../../../src/core/format-date';
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
  startTeamsHarness,
  type TeamsHarness,
} from '../../support/teams-harness';

const at = (days: number) => new Date(NOW.getTime() + days * DAY_MS);

describe('card actions', () => {
  let h: TeamsHarness;
  let ids: Record<string, string>;

  beforeAll(async () => {
    h = await startTeamsHarness();
    h.ado.addOrg({ name: 'capped', tenantId: h.entra.tenantId, policies: { maxLifespanDays: 60 } });
    h.ado.addMember('capped', { oid: ALICE.oid, name: ALICE.upn });
    const seed = (name: string, days: number, org = 'contoso') =>
      h.ado.addPat({ ownerOid: ALICE.oid, org, name, scope: 'vso.code', validTo: at(days) }).authorizationId;
    ids = {
      nightly: seed('nightly-build', 5),
      deploy: seed('deploy-key', 10),
      capped: seed('policy-limited', 3, 'capped'),
      old: seed('old-one', -2),
      doomed: seed('doomed', 50),
      weekly: seed('weekly-sync', 2),
      older: seed('older-card', 6),
    };
    await h.store.users.setOrgs((await aliceId())!, ['contoso', 'capped']);
    await h.signIn(ALICE);
    await h.signIn(BOB);
  });
  afterAll(async () => h.close());

  async function aliceId(): Promise<string | undefined> {
    const user = await h.store.users.upsertByIdentity({
      platform: 'teams',
      tenantId: h.entra.tenantId,
      aadObjectId: ALICE.oid,
      teamsUserId: ALICE.teamsId,
    });
    return user.id;
  }

  async function listCard(place = PERSONAL_ALICE) {
    await h.message(ALICE, place, 'pat list');
    return cardOf(h.connector.messages().at(-1));
  }

  /** Names of the PAT rows on a list card, in order. */
  const rowNames = (card: unknown): string[] =>
    ((card as { body: Array<{ type: string; items?: unknown[] }> }).body ?? [])
      .filter((e) => e.type === 'Container')
      .map((e) => cardText(e).split('\n')[0]);

  it('one click renews for 90 days (RENEW_DEFAULT_DAYS): one Get and one Update, and the whole list comes back with that row patched', async () => {
    const card = await listCard();
    const before = rowNames(card);
    expect(before).toEqual(
      expect.arrayContaining(['nightly-build', 'deploy-key', 'policy-limited', 'old-one']),
    );
    h.ado.resetRequests();
    const answer = await h.press(ALICE, PERSONAL_ALICE, findAction(card, 'Renew 90 days', 'nightly-build'));
    expect(answer.status).toBe(200);
    // Two organisations, yet no listing: Get and Update on the signed id.
    expect(h.ado.requestCount()).toBe(2);
    expect(h.ado.requestCount({ method: 'GET' })).toBe(1);
    expect(h.ado.requestCount({ method: 'PUT' })).toBe(1);
    expect(h.ado.getPat(ids.nightly)!.validTo.getTime()).toBe(at(90).getTime());
    const patched = answer.body.value;
    const text = cardText(patched);
    expect(text).toContain('Renewed `nightly-build` until Fri 26 Feb 2027 (in 90 days).');
    // The card the person clicked on: every row (both organisations) where it was, this one patched.
    expect(rowNames(patched)).toEqual(before);
    expect(text).toMatch(/\nnightly-build\ncontoso · [^\n]*\nExpires in 90 days\nFri 26 Feb 2027/);
    expect(text).toMatch(/\npolicy-limited\ncapped · /);
    // Its buttons still work without listing: a second click on the patched card patches again.
    h.ado.resetRequests();
    const again = await h.press(ALICE, PERSONAL_ALICE, findAction(patched, '30 days', 'deploy-key'));
    expect(h.ado.requestCount()).toBeLessThanOrEqual(2);
    expect(h.ado.getPat(ids.deploy)!.validTo.getTime()).toBe(at(30).getTime());
    expect(cardText(again.body.value)).toMatch(/\nnightly-build\n[\s\S]*Expires in 90 days/);
    expect(cardText(again.body.value)).toMatch(/\ndeploy-key\n[\s\S]*Expires in 30 days/);
    expect(JSON.stringify(again.body.value).length).toBeLessThan(28 * 1024);
  });

  it('a typed `pat renew <name>` without a length renews for the default too', async () => {
    await h.message(ALICE, PERSONAL_ALICE, 'pat renew deploy-key');
    expect(h.ado.getPat(ids.deploy)!.validTo.getTime()).toBe(at(90).getTime());
    expect(cardText(cardOf(h.connector.messages().at(-1)))).toContain(
      'Renewed `deploy-key` until Fri 26 Feb 2027 (in 90 days).',
    );
  });

  it('a double-clicked Renew changes nothing the second time', async () => {
    const card = await listCard();
    const action = findAction(card, 'Renew 90 days', 'doomed');
    await h.press(ALICE, PERSONAL_ALICE, action);
    const stored = h.ado.getPat(ids.doomed)!.validTo.getTime();
    h.ado.resetRequests();
    const second = await h.press(ALICE, PERSONAL_ALICE, action);
    expect(cardText(second.body.value)).toContain('`doomed` already runs until');
    expect(rowNames(second.body.value)).toContain('nightly-build');
    expect(h.ado.getPat(ids.doomed)!.validTo.getTime()).toBe(stored);
    expect(h.ado.requestCount({ method: 'PUT' })).toBe(0);
  });

  it('one click under a lifespan policy: the card says the expiry was capped and shows what was stored', async () => {
    const card = await listCard();
    h.ado.resetRequests();
    const answer = await h.press(ALICE, PERSONAL_ALICE, findAction(card, 'Renew 90 days', 'policy-limited'));
    expect(h.ado.requestCount()).toBe(2);
    const stored = h.ado.getPat(ids.capped)!.validTo;
    expect(stored.getTime()).toBeGreaterThan(at(3).getTime());
    expect(stored.getTime()).toBeLessThan(at(90).getTime());
    const short = Math.round((at(90).getTime() - stored.getTime()) / DAY_MS);
    const text = cardText(answer.body.value);
    expect(text).toContain(
      `Renewed \`policy-limited\` until ${formatDate(stored, 'Europe/Berlin')}, ${short} days less than asked: your organisation limits PAT lifetimes.`,
    );
    expect(text).toMatch(new RegExp(`\\npolicy-limited\\n[\\s\\S]*${formatDate(stored, 'Europe/Berlin')}`));
    expect(rowNames(answer.body.value)).toContain('nightly-build');
  });

  it('Other…: 30 days and the longest allowed, each one click inside it', async () => {
    const card = await listCard();
    const other = JSON.stringify(card).split('"title":"Other…"').length - 1;
    expect(other).toBe(rowNames(card).filter((n) => n !== 'old-one').length);
    await h.press(ALICE, PERSONAL_ALICE, findAction(card, '30 days', 'weekly-sync'));
    expect(h.ado.getPat(ids.weekly)!.validTo.getTime()).toBe(at(30).getTime());
    const answer = await h.press(
      ALICE,
      PERSONAL_ALICE,
      findAction(card, 'Longest allowed', 'policy-limited'),
    );
    // The previous test already renewed it to its lifespan ceiling: Update stores no later
    // expiry, so the answer offers a replacement instead.
    const text = cardText(answer.body.value);
    expect(text).toContain('Your organisation limits PAT lifetimes, so renewing changes nothing.');
    expect(text).toContain(
      'Create replacement makes a new PAT with the same name and scopes, for capped only.',
    );
    const button = (answer.body.value.actions as Array<{ title: string; data: { msteams?: unknown } }>).find(
      (a) => a.title === 'Create replacement',
    );
    expect(button?.data.msteams).toEqual({ type: 'task/fetch' });
  });

  it('renews until a date picked on the card', async () => {
    const card = await listCard();
    const action = findAction(card, 'Renew until this date', 'doomed');
    const answer = await h.press(ALICE, PERSONAL_ALICE, {
      verb: action.verb,
      data: { ...action.data, [`renewDate-${ids.doomed}`]: '2027-03-01' },
    });
    const stored = h.ado.getPat(ids.doomed)!.validTo;
    // the end of 1 March where the person is (the activity says Europe/Berlin)
    expect(stored.toISOString()).toBe('2027-03-01T22:59:59.000Z');
    // The card shows what the service stored, in the person's zone (Europe/Berlin).
    expect(cardText(answer.body.value)).toContain(
      `Renewed \`doomed\` until ${formatDate(stored, 'Europe/Berlin')}`,
    );
  });

  it('says an expired PAT cannot be extended and offers Create replacement', async () => {
    h.ado.resetRequests();
    await h.message(ALICE, PERSONAL_ALICE, 'pat renew old-one 30');
    const card = cardOf(h.connector.messages().at(-1));
    const text = cardText(card);
    expect(text).toContain(
      'Azure DevOps no longer lets expired PATs be extended. `old-one` in contoso expired on Thu 26 Nov 2026. Create replacement makes a new PAT with the same name and scopes, for contoso only.',
    );
    const button = (card.actions as Array<{ title: string; data: { msteams?: unknown } }>).find(
      (a) => a.title === 'Create replacement',
    );
    expect(button?.data.msteams).toEqual({ type: 'task/fetch' });
    expect(h.ado.requestCount({ method: 'PUT' })).toBe(0);
    expect(h.ado.getPat(ids.old)!.validTo.getTime()).toBe(at(-2).getTime());
  });

  it('refuses someone else pressing Renew, without calling Azure DevOps', async () => {
    const card = await listCard(CHANNEL);
    const own = await h.press(ALICE, CHANNEL, card.refresh.action);
    const action = findAction(own.body.value, 'Renew 90 days', 'deploy-key');
    const before = h.ado.getPat(ids.deploy)!.validTo.getTime();
    h.ado.resetRequests();
    const answer = await h.press(BOB, CHANNEL, action);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: 'Only Alice Example can renew this PAT.',
    });
    expect(h.ado.requestCount()).toBe(0);
    expect(h.ado.getPat(ids.deploy)!.validTo.getTime()).toBe(before);
  });

  it('refuses tampered action data, without calling Azure DevOps', async () => {
    const card = await listCard();
    const action = findAction(card, '30 days', 'deploy-key');
    const token = String(action.data.t);
    const [body, sig] = token.split('.');
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    const forged = `${Buffer.from(JSON.stringify({ ...payload, p: ids.nightly })).toString('base64url')}.${sig}`;
    h.ado.resetRequests();
    for (const data of [{ ...action.data, t: forged }, { ...action.data, t: 'not-a-token' }, { t: 42 }]) {
      const answer = await h.press(ALICE, PERSONAL_ALICE, { verb: action.verb, data });
      expect(answer.body.value).toContain('was changed or is not from me');
    }
    // A genuine token used with another verb (a Renew button turned into Revoke).
    const wrongVerb = await h.press(ALICE, PERSONAL_ALICE, { verb: 'pat.confirmRevoke', data: action.data });
    expect(wrongVerb.body.value).toContain('was changed or is not from me');
    expect(h.ado.requestCount()).toBe(0);
  });

  it('revokes by the signed id after confirmation (≤ 2 calls, no listing), and says so when it is already revoked', async () => {
    const card = await listCard();
    h.ado.resetRequests();
    const confirm = await h.press(ALICE, PERSONAL_ALICE, findAction(card, 'Revoke…', 'doomed'));
    expect(cardText(confirm.body.value)).toContain('Revoke `doomed` in contoso?');
    expect(h.ado.getPat(ids.doomed)!.revoked).toBeFalsy();

    // Cancel goes back to the same list, from the kept view.
    const cancel = await h.press(ALICE, PERSONAL_ALICE, findAction(confirm.body.value, 'Cancel'));
    expect(rowNames(cancel.body.value)).toEqual(rowNames(card));

    const yes = findAction(confirm.body.value, 'Revoke');
    const done = await h.press(ALICE, PERSONAL_ALICE, yes);
    expect(h.ado.getPat(ids.doomed)!.revoked).toBe(true);
    // The whole exchange: at most one Get and one Delete; nothing was listed.
    expect(h.ado.requestCount()).toBeLessThanOrEqual(2);
    expect(h.ado.requestCount({ method: 'DELETE' })).toBe(1);
    expect(cardText(done.body.value)).toContain('Revoked `doomed` in contoso.');
    expect(rowNames(done.body.value)).toEqual(rowNames(card).filter((n) => n !== 'doomed'));

    h.ado.resetRequests();
    const again = await h.press(ALICE, PERSONAL_ALICE, yes);
    expect(cardText(again.body.value)).toContain('`doomed` in contoso is already revoked');
    expect(h.ado.requestCount()).toBe(0);
  });

  it('a click on an older card (its kept list replaced by a newer one) lists again and still shows the whole list', async () => {
    const older = await listCard();
    await listCard(); // the newer list is the one kept now
    h.ado.resetRequests();
    const answer = await h.press(ALICE, PERSONAL_ALICE, findAction(older, '30 days', 'older-card'));
    expect(h.ado.getPat(ids.older)!.validTo.getTime()).toBe(at(30).getTime());
    expect(h.ado.requestCount({ method: 'PUT' })).toBe(1);
    expect(cardText(answer.body.value)).toContain('Renewed `older-card` until');
    expect(rowNames(answer.body.value)).toEqual(expect.arrayContaining(['nightly-build', 'policy-limited']));
  });

  it('a Revoke from a typed `pat revoke` question: Get and Delete, then a short answer', async () => {
    const id = h.ado.addPat({
      ownerOid: ALICE.oid,
      org: 'contoso',
      name: 'typed-one',
      scope: 'vso.code',
      validTo: at(20),
    }).authorizationId;
    await h.message(ALICE, PERSONAL_ALICE, 'pat revoke typed-one');
    const question = cardOf(h.connector.messages().at(-1));
    h.ado.resetRequests();
    const done = await h.press(ALICE, PERSONAL_ALICE, findAction(question, 'Revoke'));
    expect(h.ado.getPat(id)!.revoked).toBe(true);
    expect(h.ado.requestCount()).toBe(2);
    expect(cardText(done.body.value)).toContain('Revoked `typed-one` in contoso.');
    expect(findAction(done.body.value, 'Show my PATs').verb).toBe('pat.list');
  });

  it('refuses someone else confirming a revocation', async () => {
    await h.message(ALICE, CHANNEL, 'pat revoke deploy-key');
    const confirm = cardOf(h.connector.messages().at(-1));
    h.ado.resetRequests();
    const answer = await h.press(BOB, CHANNEL, findAction(confirm, 'Revoke'));
    expect(answer.body.value).toBe('Only Alice Example can revoke this PAT.');
    expect(h.ado.requestCount()).toBe(0);
    expect(h.ado.getPat(ids.deploy)!.revoked).toBeFalsy();
  });
});
