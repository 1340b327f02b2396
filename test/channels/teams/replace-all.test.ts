/**
 * Replace all in Teams, through the real /api/messages: the list card's button opens a dialog
 * asking for the organisations once; each "Next" (`task/submit`) creates one new PAT in the
 * Azure DevOps simulator and answers `task/continue` with its secret. The secrets appear only in
 * those answers: never in a message posted to the connector, the SQLite file, the audit log or
 * the logs.
 */
import {
  activityContext,
  ALICE,
  BOB,
  cardOf,
  cardText,
  DAY_MS,
  PERSONAL_ALICE,
  PERSONAL_BOB,
  startTeamsHarness,
  type TeamsHarness,
} from '../../support/teams-harness';
import { invokeActivity } from '../../support/teams-activity';
import { SECRET_SHAPE, storeFileText } from '../../support/secret-places';

const WED = new Date('2026-12-09T10:00:00.000Z');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function walkFind(node: unknown, match: (n: Json) => boolean): Json {
  let found: Json;
  const walk = (n: unknown): void => {
    if (found) return;
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      if (match(n)) found = n;
      else Object.values(n).forEach(walk);
    }
  };
  walk(node);
  return found;
}

describe('Teams: Replace all for the dead all-organisations PATs', () => {
  let h: TeamsHarness;
  let deadIds: string[];
  let fabrikamId: string;
  let contosoId: string;
  const secrets: string[] = [];

  beforeAll(async () => {
    h = await startTeamsHarness();
    fabrikamId = h.ado.addOrg({ name: 'fabrikam', tenantId: h.entra.tenantId }).id;
    h.ado.addMember('fabrikam', { oid: ALICE.oid, name: ALICE.upn });
    const add = (name: string, scope: string) =>
      h.ado.addPat({
        ownerOid: ALICE.oid,
        global: true,
        name,
        scope,
        validTo: new Date(WED.getTime() + 100 * DAY_MS),
      }).authorizationId;
    deadIds = [add('build-agent', 'vso.build'), add('packages', 'vso.packaging')];
    h.ado.addPat({
      ownerOid: ALICE.oid,
      org: 'contoso',
      name: 'deploy-key',
      scope: 'vso.code',
      validTo: new Date(WED.getTime() + 40 * DAY_MS),
    });
    h.entra.setAccessTokenLifetime(60);
    h.clock.set(WED);
    await h.signIn(ALICE);
    await h.signIn(BOB);
    const user = await h.store.users.findByIdentity({
      platform: 'teams',
      tenantId: h.entra.tenantId,
      aadObjectId: ALICE.oid,
    });
    await h.store.users.setOrgs(user!.id, ['contoso', 'fabrikam']);
    contosoId = h.ado.patsOf(ALICE.oid).find((p) => p.displayName === 'deploy-key')!.targetAccounts![0];
  });
  afterAll(async () => h.close());

  const invoke = (who: typeof ALICE, place: typeof PERSONAL_ALICE, name: string, data: unknown) =>
    h.post(invokeActivity(activityContext(h), who, place, name, { data, context: { theme: 'default' } }));

  it('picks the organisations once, then shows one new PAT per step, each created on its own Next', async () => {
    await h.message(ALICE, PERSONAL_ALICE, 'pat list');
    const list = cardOf(h.connector.messages().at(-1));
    const button = walkFind(list.body, (n) => n.type === 'Action.Submit' && n.title === 'Replace all');
    expect(button.data.msteams).toEqual({ type: 'task/fetch' });

    // Someone else's press is refused, and nothing is created.
    const refused = await invoke(BOB, PERSONAL_BOB, 'task/fetch', button.data);
    expect(cardText(refused.body.task.value.card.content)).toMatch(/^Only .* can recreate this PAT\./);

    const choice = (await invoke(ALICE, PERSONAL_ALICE, 'task/fetch', button.data)).body.task.value.card
      .content;
    expect(cardText(choice)).toContain('2 PATs stopped working on 1 Dec 2026: `build-agent`, `packages`.');
    const set = walkFind(choice, (n) => n.type === 'Input.ChoiceSet');
    expect(set.isMultiSelect).toBe(true);
    expect(set.value).toBe('contoso,fabrikam'); // default: the organisations she looks in
    const create = walkFind(choice, (n) => n.type === 'Action.Submit' && n.title === 'Create').data;
    expect(h.ado.patsOf(ALICE.oid)).toHaveLength(3); // nothing created yet

    const wrong = await invoke(ALICE, PERSONAL_ALICE, 'task/submit', {
      ...create,
      orgs: 'contoso,elsewhere',
    });
    expect(cardText(wrong.body.task.value.card.content)).toContain('Pick one or more of your organisations.');
    expect(h.ado.patsOf(ALICE.oid)).toHaveLength(3);

    let data: Json = { ...create, orgs: set.value };
    const titles: string[] = [];
    for (let step = 1; step <= 4; step++) {
      const answer = await invoke(ALICE, PERSONAL_ALICE, 'task/submit', data);
      expect(answer.body.task.type).toBe('continue');
      titles.push(answer.body.task.value.title);
      const dialog = answer.body.task.value.card.content;
      const secret = walkFind(dialog, (n) => n.id === 'secret').text;
      expect(secret).toMatch(SECRET_SHAPE);
      secrets.push(secret);
      // Exactly one more PAT per step.
      expect(h.ado.patsOf(ALICE.oid)).toHaveLength(3 + step);
      const actions = dialog.actions.map((a: Json) => a.title);
      if (step < 4) {
        expect(actions).toEqual([`Next (${step + 1} of 4)`]);
        data = dialog.actions[0].data;
        expect(JSON.stringify(data)).not.toMatch(SECRET_SHAPE);
      } else expect(actions).toEqual(["I've copied it"]);
    }
    // An old Next pressed again (the first step's data) makes nothing more: each pair once.
    const again = await invoke(ALICE, PERSONAL_ALICE, 'task/submit', { ...create, orgs: set.value });
    expect(cardText(again.body.task.value.card.content)).toContain('I already created a replacement');
    expect(JSON.stringify(again.body)).not.toMatch(SECRET_SHAPE);
    expect(h.ado.patsOf(ALICE.oid)).toHaveLength(7);
    expect(titles).toEqual([
      'Replace all: 1 of 4',
      'Replace all: 2 of 4',
      'Replace all: 3 of 4',
      'Replace all: 4 of 4',
    ]);
    expect(new Set(secrets).size).toBe(4);
    const made = h.ado
      .patsOf(ALICE.oid)
      .filter((p) => !deadIds.includes(p.authorizationId) && p.displayName !== 'deploy-key')
      .map((p) => [p.displayName, p.scope, p.targetAccounts])
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(made).toEqual(
      [
        ['build-agent', 'vso.build', [contosoId]],
        ['build-agent', 'vso.build', [fabrikamId]],
        ['packages', 'vso.packaging', [contosoId]],
        ['packages', 'vso.packaging', [fabrikamId]],
      ].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    );
  });

  it('one organisation picked: one PAT per dead global PAT', async () => {
    h.clock.advance(1000); // a later list: new button values, so new claims
    await h.message(ALICE, PERSONAL_ALICE, 'pat list');
    const button = walkFind(cardOf(h.connector.messages().at(-1)).body, (n) => n.title === 'Replace all');
    const choice = (await invoke(ALICE, PERSONAL_ALICE, 'task/fetch', button.data)).body.task.value.card
      .content;
    const create = walkFind(choice, (n) => n.type === 'Action.Submit' && n.title === 'Create').data;
    const before = h.ado.patsOf(ALICE.oid).length;
    const first = await invoke(ALICE, PERSONAL_ALICE, 'task/submit', { ...create, orgs: 'fabrikam' });
    secrets.push(walkFind(first.body, (n) => n.id === 'secret').text);
    const dialog = first.body.task.value.card.content;
    expect(dialog.actions.map((a: Json) => a.title)).toEqual(['Next (2 of 2)']);
    const second = await invoke(ALICE, PERSONAL_ALICE, 'task/submit', dialog.actions[0].data);
    secrets.push(walkFind(second.body, (n) => n.id === 'secret').text);
    expect(h.ado.patsOf(ALICE.oid)).toHaveLength(before + 2);
  });

  it('the secrets never reached a posted message, the store file, the audit log or the logs', async () => {
    expect(secrets).toHaveLength(6);
    const posted = JSON.stringify(h.connector.calls);
    const db = storeFileText(h.config.database.url);
    const user = (await h.store.users.findByIdentity({
      platform: 'teams',
      tenantId: h.entra.tenantId,
      aadObjectId: ALICE.oid,
    }))!;
    const audit = JSON.stringify(await h.store.audit.list(user.id, 100));
    const logs = h.logs.text();
    for (const secret of secrets) {
      expect(secret).toMatch(SECRET_SHAPE);
      for (const where of [posted, db, audit, logs]) expect(where.includes(secret)).toBe(false);
    }
    for (const where of [posted, db, audit, logs]) expect(where).not.toMatch(SECRET_SHAPE);
    expect(audit.match(/"action":"create"/g)).toHaveLength(6);
  });
});
