/**
 * The dead all-organisations PAT notice in Teams: the REAL reminder sweep with the Teams notifier
 * (SQLite ledger, Azure DevOps and Entra simulators, fake Bot Connector) sends its owner one card
 * about each global PAT the 1 Dec 2026 retirement stopped, weeks after the date, once across
 * sweeps, with Create replacement (the dialog; the secret only in its answer).
 */
import {
  activityContext,
  ALICE,
  cardOf,
  cardText,
  DAY_MS,
  PERSONAL_ALICE,
  startTeamsHarness,
  type TeamsHarness,
} from '../../support/teams-harness';
import { invokeActivity } from '../../support/teams-activity';
import { runTeamsSweep } from '../../support/teams-sweep';
import { SECRET_SHAPE, storeFileText } from '../../support/secret-places';

/** Thursday 7 Jan 2027, 10:00 UTC: five weeks after the retirement, in working hours. */
const THU = new Date('2027-01-07T10:00:00.000Z');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

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

describe('Teams: the sweep tells the owner of a dead global PAT once', () => {
  let h: TeamsHarness;
  let globalId: string;
  let reminder: Json;

  beforeAll(async () => {
    h = await startTeamsHarness();
    h.ado.addOrg({ name: 'fabrikam', tenantId: h.entra.tenantId });
    h.ado.addMember('fabrikam', { oid: ALICE.oid, name: ALICE.upn });
    globalId = h.ado.addPat({
      ownerOid: ALICE.oid,
      global: true,
      name: 'everywhere',
      scope: 'vso.code',
      validTo: new Date(THU.getTime() + 200 * DAY_MS),
    }).authorizationId;
    // Expired by its own date six weeks ago: past the 7-day window, so it stays quiet.
    h.ado.addPat({
      ownerOid: ALICE.oid,
      org: 'contoso',
      name: 'long-gone',
      scope: 'vso.code',
      validTo: new Date(THU.getTime() - 40 * DAY_MS),
    });
    h.entra.setAccessTokenLifetime(60);
    h.clock.set(THU);
    await h.message(ALICE, PERSONAL_ALICE, 'pat help'); // the personal chat the sweep writes to
    await h.signIn(ALICE);
    const user = await h.store.users.findByIdentity({
      platform: 'teams',
      tenantId: h.entra.tenantId,
      aadObjectId: ALICE.oid,
    });
    // Both organisations list the global PAT: still one notice.
    await h.store.users.setOrgs(user!.id, ['contoso', 'fabrikam']);
    h.connector.clear();
  });
  afterAll(async () => h.close());

  it('one card with Create replacement, and none on the next sweeps', async () => {
    const summary = await runTeamsSweep(h);
    expect(summary.remindersSent).toBe(1);
    const posted = h.connector.messages(PERSONAL_ALICE.id).map(cardOf);
    expect(posted).toHaveLength(1);
    reminder = posted[0];
    const text = cardText(posted[0]);
    expect(text).toContain('everywhere stopped working on 1 Dec 2026');
    expect(text).toContain('worked in all your organisations and stopped working on Tue 1 Dec 2026');
    expect(text).toContain('Organisation\nall organisations');
    expect(text).not.toContain('long-gone');
    expect(posted[0].actions.map((a: Json) => a.title)).toEqual([
      'Create replacement',
      'Replace all',
      'Show all my PATs',
    ]);
    const replaceAll = posted[0].actions[1];
    expect(replaceAll.data).toEqual({
      msteams: { type: 'task/fetch' },
      verb: 'pat.replaceAll',
      t: expect.any(String),
    });

    for (const days of [0, 1, 30]) {
      h.clock.set(new Date(THU.getTime() + days * DAY_MS));
      h.connector.clear();
      expect((await runTeamsSweep(h)).remindersSent).toBe(0);
      expect(h.connector.messages()).toHaveLength(0);
    }
    h.clock.set(THU);
  });

  it('its Create replacement asks which organisation, then shows the secret only in the dialog', async () => {
    await h.signIn(ALICE); // a token minted on the clock moved back
    const button = reminder.actions.find((a: Json) => a.title === 'Create replacement').data;
    const ctx = activityContext(h);
    const choice = await h.post(invokeActivity(ctx, ALICE, PERSONAL_ALICE, 'task/fetch', { data: button }));
    const form = choice.body.task.value.card.content;
    expect(cardText(form)).toContain('worked in all your organisations');
    const create = findSubmit(form, 'Create');
    const made = await h.post(
      invokeActivity(ctx, ALICE, PERSONAL_ALICE, 'task/submit', { data: { ...create, org: 'fabrikam' } }),
    );
    const secret = secretOf(made.body.task.value.card.content);
    expect(secret).toMatch(SECRET_SHAPE);
    // Replace all from the reminder opens the organisations choice (nothing created by opening it).
    const count = h.ado.patsOf(ALICE.oid).length;
    const all = await h.post(
      invokeActivity(ctx, ALICE, PERSONAL_ALICE, 'task/fetch', { data: reminder.actions[1].data }),
    );
    expect(cardText(all.body.task.value.card.content)).toContain(
      '1 PAT stopped working on 1 Dec 2026: `everywhere`.',
    );
    expect(h.ado.patsOf(ALICE.oid)).toHaveLength(count);
    const made1 = h.ado
      .patsOf(ALICE.oid)
      .filter((p) => p.displayName === 'everywhere' && p.authorizationId !== globalId);
    expect(made1.map((p) => p.targetAccounts?.length)).toEqual([1]);

    const db = storeFileText(h.config.database.url);
    for (const where of [JSON.stringify(h.connector.calls), db, h.logs.text()]) {
      expect(where.includes(secret)).toBe(false);
      expect(where).not.toMatch(SECRET_SHAPE);
    }
  });
});

function findSubmit(card: Json, title: string): Record<string, unknown> {
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
