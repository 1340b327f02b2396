/**
 * Recreate and Rotate in Teams, through the real /api/messages: a typed command answers with a
 * card whose button opens a dialog (task module); the `task/fetch` invoke creates the PAT in the
 * Azure DevOps simulator and its `task/continue` answer is the only place the secret appears:
 * never in a message posted to the connector, the SQLite file, the audit log or the logs.
 */
import { runTeamsSweep } from '../../support/teams-sweep';
import {
  activityContext,
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
import { invokeActivity } from '../../support/teams-activity';
import { SECRET_SHAPE, storeFileText } from '../../support/secret-places';

const at = (days: number) => new Date(NOW.getTime() + days * DAY_MS);
/** The simulator's secrets: 76 characters, `AZDO`, 4 more. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** The Action.Submit button with `msteams: { type: 'task/fetch' }` in a card, by title. */
function taskFetchButton(card: Json, title: string): Record<string, unknown> {
  const found = (card.actions as Json[]).find((a) => a.title === title);
  if (!found) throw new Error(`no button "${title}"`);
  expect(found.type).toBe('Action.Submit');
  expect(found.data.msteams).toEqual({ type: 'task/fetch' });
  return found.data;
}

/** The Action.Submit buttons anywhere in a dialog card, by title. */
function submitButton(card: Json, title: string): Record<string, unknown> {
  let match: Json;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Json;
      if (n.type === 'Action.Submit' && n.title === title) match = n;
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  if (!match) throw new Error(`no submit "${title}"`);
  return match.data;
}

function secretOf(dialog: Json): string {
  let secret = '';
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Json;
      if (n.id === 'secret') secret = n.text;
      Object.values(n).forEach(walk);
    }
  };
  walk(dialog);
  return secret;
}

describe('Teams: recreate and rotate in a dialog', () => {
  let h: TeamsHarness;
  let ids: Record<string, string>;
  const secrets: string[] = [];

  beforeAll(async () => {
    h = await startTeamsHarness();
    const seed = (name: string, days: number, extra: { scope?: string; allOrgs?: boolean } = {}) =>
      h.ado.addPat({
        ownerOid: ALICE.oid,
        org: 'contoso',
        name,
        scope: extra.scope ?? 'vso.code vso.build',
        validTo: at(days),
        ...(extra.allOrgs ? { targetAccounts: null } : {}),
      }).authorizationId;
    ids = {
      expired: seed('nightly-build', -3),
      active: seed('deploy-key', 40),
      full: seed('everything', -1, { scope: 'app_token' }),
      other: seed('other-build', -3),
      policy: seed('policy-one', -3),
      lifespan: seed('lifespan-one', -3),
      dead: seed('old-runner', -5),
    };
    await h.signIn(ALICE);
    await h.signIn(BOB);
  });
  afterAll(async () => h.close());

  function fetchTask(who = ALICE, place = PERSONAL_ALICE, data: Record<string, unknown>) {
    return h.post(
      invokeActivity(activityContext(h), who, place, 'task/fetch', { data, context: { theme: 'default' } }),
    );
  }
  function submitTask(who = ALICE, place = PERSONAL_ALICE, data: Record<string, unknown>) {
    return h.post(
      invokeActivity(activityContext(h), who, place, 'task/submit', { data, context: { theme: 'default' } }),
    );
  }

  async function offer(text: string, title: string) {
    await h.message(ALICE, PERSONAL_ALICE, text);
    return taskFetchButton(cardOf(h.connector.messages().at(-1)), title);
  }

  it('pat recreate: the card offers the button; the click creates a PAT and shows the secret only in the dialog', async () => {
    const before = h.ado.patsOf(ALICE.oid).length;
    const button = await offer('pat recreate nightly-build', 'Create replacement');
    expect(cardText(cardOf(h.connector.messages().at(-1)))).toContain(
      '`nightly-build` in contoso expired on',
    );
    expect(h.ado.patsOf(ALICE.oid)).toHaveLength(before); // nothing created yet

    const answer = await fetchTask(ALICE, PERSONAL_ALICE, button);
    expect(answer.status).toBe(200);
    expect(answer.body.task.type).toBe('continue');
    const dialog = answer.body.task.value.card.content;
    const secret = secretOf(dialog);
    expect(secret).toMatch(SECRET_SHAPE);
    secrets.push(secret);

    const created = h.ado.patsOf(ALICE.oid).filter((p) => !Object.values(ids).includes(p.authorizationId));
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ displayName: 'nightly-build', scope: 'vso.code vso.build' });
    expect(created[0].targetAccounts).toHaveLength(1);
    expect(created[0].validTo.getTime()).toBe(at(90).getTime());
    expect(cardText(dialog)).toContain(
      'Created `nightly-build` in contoso, valid until Fri 26 Feb 2027 (in 90 days).',
    );
    expect(cardText(dialog)).toContain('This is the only time it is shown');

    // "I've copied it" closes the dialog with no message.
    const closed = await submitTask(ALICE, PERSONAL_ALICE, submitButton(dialog, "I've copied it"));
    expect(closed.status).toBe(200);
    expect(closed.body).toBeUndefined();
    const audit = await h.store.audit.list(
      (await h.store.users.findByIdentity({
        platform: 'teams',
        tenantId: h.entra.tenantId,
        aadObjectId: ALICE.oid,
      }))!.id,
      10,
    );
    expect(audit.find((e) => e.action === 'create')).toMatchObject({
      outcome: 'ok',
      patName: 'nightly-build',
      org: 'contoso',
    });
  });

  it("someone else's button is refused without creating anything", async () => {
    const button = await offer('pat recreate other-build', 'Create replacement');
    const before = h.ado.patsOf(ALICE.oid).length;
    h.ado.resetRequests();
    const answer = await fetchTask(BOB, PERSONAL_BOB, button);
    expect(cardText(answer.body.task.value.card.content)).toContain(
      'Only Alice Example can recreate this PAT.',
    );
    expect(h.ado.requestCount({ method: 'POST' })).toBe(0);
    expect(h.ado.patsOf(ALICE.oid)).toHaveLength(before);
  });

  it('in a channel it says to run it in the personal chat, and the button there creates nothing', async () => {
    await h.message(ALICE, CHANNEL, 'pat recreate other-build');
    const reply = h.connector.messages().at(-1);
    expect(reply.text).toContain('run `pat recreate other-build` in your personal chat with me');
    const button = await offer('pat recreate other-build', 'Create replacement');
    h.ado.resetRequests();
    const answer = await fetchTask(ALICE, CHANNEL, button);
    expect(cardText(answer.body.task.value.card.content)).toContain('in your personal chat with me');
    expect(h.ado.requestCount({ method: 'POST' })).toBe(0);
  });

  it('a full-access PAT under the full-scope policy: the refusal names what to do', async () => {
    h.ado.setPolicies('contoso', { restrictFullScope: true });
    try {
      const button = await offer('pat recreate everything', 'Create replacement');
      const answer = await fetchTask(ALICE, PERSONAL_ALICE, button);
      const text = cardText(answer.body.task.value.card.content);
      expect(text).toContain(
        '`everything` has full access, and your organisation no longer allows new full-access PATs.',
      );
      expect(text).toContain(
        'Create one with only the scopes you need in contoso: https://dev.azure.com/contoso/_usersSettings/tokens',
      );
    } finally {
      h.ado.setPolicies('contoso', { restrictFullScope: false });
    }
  });

  it('the PAT creation policy: the refusal names the administrator to ask', async () => {
    h.ado.setPolicies('contoso', { disablePatCreation: true });
    try {
      const button = await offer('pat recreate policy-one', 'Create replacement');
      const text = cardText((await fetchTask(ALICE, PERSONAL_ALICE, button)).body.task.value.card.content);
      expect(text).toContain('contoso restricts who may create PATs, and you are not on its allowlist.');
      expect(text).toContain('Ask a Project Collection Administrator of contoso to add you');
    } finally {
      h.ado.setPolicies('contoso', { disablePatCreation: false });
    }
  });

  it('a lifespan policy caps the new PAT and the dialog says what was stored', async () => {
    h.ado.setPolicies('contoso', { maxLifespanDays: 30 });
    try {
      const button = await offer('pat recreate lifespan-one', 'Create replacement');
      const dialog = (await fetchTask(ALICE, PERSONAL_ALICE, button)).body.task.value.card.content;
      secrets.push(secretOf(dialog));
      const text = cardText(dialog);
      expect(text).toContain('valid until Mon 28 Dec 2026 (in 30 days)');
      expect(text).toContain(
        'You asked for 90 days; your organisation limits PAT lifetimes, so it is 60 days shorter.',
      );
    } finally {
      h.ado.setPolicies('contoso', { maxLifespanDays: undefined });
    }
  });

  it('pat rotate: creates the replacement, then "Remind me" stores a due item and the sweep sends one reminder', async () => {
    const button = await offer('pat rotate deploy-key', 'Rotate');
    const dialog = (await fetchTask(ALICE, PERSONAL_ALICE, button)).body.task.value.card.content;
    secrets.push(secretOf(dialog));
    expect(cardText(dialog)).toContain('Created `deploy-key 2026-11-28` in contoso');
    const remind = submitButton(dialog, 'Remind me to revoke it');
    const closed = await submitTask(ALICE, PERSONAL_ALICE, { ...remind, remindDays: '3' });
    expect(closed.body).toBeUndefined();
    expect(h.connector.messages().at(-1).attachments[0].content.body[0].text).toContain(
      "I'll remind you on Tue 1 Dec 2026 to revoke `deploy-key`.",
    );
    const user = (await h.store.users.findByIdentity({
      platform: 'teams',
      tenantId: h.entra.tenantId,
      aadObjectId: ALICE.oid,
    }))!;
    expect(await h.store.revokeReminders.listFor(user.id)).toEqual([
      expect.objectContaining({ patId: ids.active, patName: 'deploy-key', dueAt: at(3) }),
    ]);

    // Monday noon (working hours): not due yet; Tuesday noon: due, sent once.
    h.entra.setAccessTokenLifetime(60);
    h.connector.clear();
    const reminders = () =>
      h.connector
        .messages(PERSONAL_ALICE.id)
        .filter((m) => cardText(cardOf(m)).includes('Reminder: you replaced'));
    try {
      h.clock.set(new Date('2026-11-30T12:00:00.000Z'));
      await runTeamsSweep(h);
      expect(reminders()).toHaveLength(0);
      h.clock.set(new Date('2026-12-01T12:00:00.000Z'));
      await runTeamsSweep(h);
      await runTeamsSweep(h);
      const due = reminders();
      expect(due).toHaveLength(1);
      expect(cardText(cardOf(due[0]))).toContain(
        'Reminder: you replaced `deploy-key` in contoso with `deploy-key 2026-11-28`.',
      );
      expect(await h.store.revokeReminders.listFor(user.id)).toEqual([]);
      // Its button is the usual Revoke (which asks first), for the old PAT only.
      const revoke = findAction(cardOf(due[0]), 'Revoke the old one');
      expect(revoke.verb).toBe('pat.revoke');
    } finally {
      h.clock.set(NOW);
    }
  });

  it('pat rotate: "Revoke the old one now" revokes it and says so; a rotate of an expired PAT points to recreate', async () => {
    const oldId = h.ado.addPat({
      ownerOid: ALICE.oid,
      org: 'contoso',
      name: 'ci-runner',
      scope: 'vso.build',
      validTo: at(20),
    }).authorizationId;
    const button = await offer('pat rotate ci-runner', 'Rotate');
    const dialog = (await fetchTask(ALICE, PERSONAL_ALICE, button)).body.task.value.card.content;
    secrets.push(secretOf(dialog));
    const revoke = submitButton(dialog, 'Revoke the old one now');
    // Bob cannot use Alice's revoke choice.
    const refused = await submitTask(BOB, PERSONAL_BOB, revoke);
    expect(cardText(refused.body.task.value.card.content)).toContain(
      'Only Alice Example can revoke this PAT.',
    );
    expect(h.ado.getPat(oldId)!.revoked).toBe(false);
    const closed = await submitTask(ALICE, PERSONAL_ALICE, revoke);
    expect(closed.body).toBeUndefined();
    expect(h.ado.getPat(oldId)!.revoked).toBe(true);
    expect(cardText(cardOf(h.connector.messages().at(-1)))).toContain('Revoked `ci-runner`');

    await h.message(ALICE, PERSONAL_ALICE, 'pat rotate old-runner');
    expect(cardText(cardOf(h.connector.messages().at(-1)))).toContain(
      '`old-runner` no longer works, so there is nothing to rotate.',
    );
  });

  it('a dead global PAT: its list row has Create replacement, which makes an organisation-scoped PAT', async () => {
    const globalId = h.ado.addPat({
      ownerOid: ALICE.oid,
      global: true,
      name: 'everywhere',
      scope: 'vso.packaging',
      validTo: at(100),
    }).authorizationId;
    h.entra.setAccessTokenLifetime(60);
    h.clock.set(new Date('2026-12-02T10:00:00.000Z'));
    try {
      await h.signIn(ALICE); // a token minted on the moved clock
      await h.message(ALICE, PERSONAL_ALICE, 'pat list');
      const list = cardOf(h.connector.messages().at(-1));
      let row: Json;
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === 'object') {
          const n = node as Json;
          if (n.type === 'Container' && cardText(n).includes('everywhere') && !row) row = n;
          Object.values(n).forEach(walk);
        }
      };
      walk(list.body);
      const actions = row.items.find((i: Json) => i.type === 'ActionSet').actions;
      expect(actions.map((a: Json) => a.title)).toEqual(['Create replacement', 'Revoke…']);
      const dialog = (await fetchTask(ALICE, PERSONAL_ALICE, actions[0].data)).body.task.value.card.content;
      secrets.push(secretOf(dialog));
      const made = h.ado
        .patsOf(ALICE.oid)
        .find((p) => p.displayName === 'everywhere' && p.authorizationId !== globalId)!;
      expect(made.scope).toBe('vso.packaging');
      expect(made.targetAccounts).toEqual([expect.any(String)]);
      expect(cardText(dialog)).toContain('Created `everywhere` in contoso');
      // A live PAT's row offers Rotate.
      expect(cardText(list)).toMatch(/deploy-key[\s\S]*Rotate/);
    } finally {
      h.clock.set(NOW);
    }
  });

  it('the secrets never reached a posted message, the store file, the audit log or the logs', async () => {
    expect(secrets.length).toBeGreaterThanOrEqual(4);
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
    expect(audit).toContain('"action":"create"');
  });
});

describe('Teams: recreate without vso.pats_manage consent', () => {
  let h: TeamsHarness;

  beforeAll(async () => {
    // The sign-in holds only vso.pats (read): Azure DevOps refuses the Create with 403.
    h = await startTeamsHarness({ env: { ADO_SCOPES: '499b84ac-1321-427f-aa17-267ca6975798/vso.pats' } });
    h.ado.addPat({
      ownerOid: ALICE.oid,
      org: 'contoso',
      name: 'read-only',
      scope: 'vso.code',
      validTo: at(-2),
    });
    await h.signIn(ALICE);
  });
  afterAll(async () => h.close());

  it('says patbot may not create PATs and names the administrator who can grant consent', async () => {
    await h.message(ALICE, PERSONAL_ALICE, 'pat recreate read-only');
    const button = taskFetchButton(cardOf(h.connector.messages().at(-1)), 'Create replacement');
    const answer = await h.post(
      invokeActivity(activityContext(h), ALICE, PERSONAL_ALICE, 'task/fetch', { data: button }),
    );
    const text = cardText(answer.body.task.value.card.content);
    expect(text).toContain(
      'patbot may read your PATs in contoso but not create them: it has no consent for vso.pats_manage.',
    );
    expect(text).toContain(
      'Ask your Microsoft Entra administrator (Cloud Application Administrator or Global Administrator) to grant patbot admin consent',
    );
    expect(h.ado.requestCount({ method: 'POST' })).toBe(1);
    expect(h.ado.patsOf(ALICE.oid)).toHaveLength(1);
  });
});

describe('Teams: a dead all-organisations PAT with two organisations', () => {
  let h: TeamsHarness;
  let globalId: string;
  let fabrikamId: string;

  beforeAll(async () => {
    h = await startTeamsHarness();
    fabrikamId = h.ado.addOrg({ name: 'fabrikam', tenantId: h.entra.tenantId }).id;
    h.ado.addMember('fabrikam', { oid: ALICE.oid, name: ALICE.upn });
    globalId = h.ado.addPat({
      ownerOid: ALICE.oid,
      global: true,
      name: 'everywhere',
      scope: 'vso.code',
      validTo: at(100),
    }).authorizationId;
    h.entra.setAccessTokenLifetime(60);
    h.clock.set(new Date('2026-12-02T10:00:00.000Z'));
    await h.signIn(ALICE);
    const user = await h.store.users.findByIdentity({
      platform: 'teams',
      tenantId: h.entra.tenantId,
      aadObjectId: ALICE.oid,
    });
    await h.store.users.setOrgs(user!.id, ['contoso', 'fabrikam']);
  });
  afterAll(async () => h.close());

  it('asks which organisation, then creates the replacement there (one organisation-scoped PAT)', async () => {
    await h.message(ALICE, PERSONAL_ALICE, 'pat recreate everywhere');
    const button = taskFetchButton(cardOf(h.connector.messages().at(-1)), 'Create replacement');
    const ctx = activityContext(h);
    const choice = await h.post(invokeActivity(ctx, ALICE, PERSONAL_ALICE, 'task/fetch', { data: button }));
    const card = choice.body.task.value.card.content;
    expect(cardText(card)).toContain('worked in all your organisations');
    const set = card.body.find((b: Json) => b.type === 'Input.ChoiceSet');
    expect(set.choices.map((c: Json) => c.value)).toEqual(['contoso', 'fabrikam']);
    expect(h.ado.patsOf(ALICE.oid)).toHaveLength(1); // nothing created yet

    // An organisation that is not hers is refused.
    const create = submitButton(card, 'Create');
    const wrong = await h.post(
      invokeActivity(ctx, ALICE, PERSONAL_ALICE, 'task/submit', { data: { ...create, org: 'elsewhere' } }),
    );
    expect(cardText(wrong.body.task.value.card.content)).toContain('Pick one of your organisations.');

    const made = await h.post(
      invokeActivity(ctx, ALICE, PERSONAL_ALICE, 'task/submit', { data: { ...create, org: 'fabrikam' } }),
    );
    expect(made.body.task.type).toBe('continue');
    const dialog = made.body.task.value.card.content;
    expect(cardText(dialog)).toContain('Created `everywhere` in fabrikam');
    expect(secretOf(dialog)).toMatch(SECRET_SHAPE);
    const created = h.ado.patsOf(ALICE.oid).filter((p) => p.authorizationId !== globalId);
    expect(created).toHaveLength(1);
    expect(created[0].targetAccounts).toEqual([fabrikamId]);
    expect(JSON.stringify(h.connector.calls)).not.toMatch(SECRET_SHAPE);
  });
});
