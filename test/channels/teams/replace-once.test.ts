/**
 * One PAT per Create replacement / Rotate value in Teams, through the real /api/messages and the
 * Azure DevOps simulator: a replayed `task/fetch` (the same data sent again, a double click, a
 * retry) creates nothing more; Create in another organisation is only for all-organisations
 * PATs; Rotate from a button refuses a PAT that no longer works. Counted in the simulator's POSTs.
 */
import { randomBytes } from 'node:crypto';
import { deriveActionKey, signAction } from '../../../src/core/action-token';
import {
  activityContext,
  ALICE,
  cardOf,
  cardText,
  DAY_MS,
  NOW,
  PERSONAL_ALICE,
  startTeamsHarness,
  type TeamsHarness,
} from '../../support/teams-harness';
import { invokeActivity } from '../../support/teams-activity';

const at = (days: number) => new Date(NOW.getTime() + days * DAY_MS);
const ACTION_KEY = deriveActionKey(randomBytes(32));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('Teams: a Create replacement / Rotate value creates one PAT', () => {
  let h: TeamsHarness;
  let aliceId: string;
  const seed = (name: string, days: number, extra: { revoked?: boolean } = {}) =>
    h.ado.addPat({
      ownerOid: ALICE.oid,
      org: 'contoso',
      name,
      scope: 'vso.code',
      validTo: at(days),
      ...extra,
    }).authorizationId;

  beforeAll(async () => {
    h = await startTeamsHarness({ actionKey: ACTION_KEY });
    h.ado.addOrg({ name: 'fabrikam', tenantId: h.entra.tenantId });
    h.ado.addMember('fabrikam', { oid: ALICE.oid, name: ALICE.upn });
    await h.signIn(ALICE);
    const user = await h.store.users.findByIdentity({
      platform: 'teams',
      tenantId: h.entra.tenantId,
      aadObjectId: ALICE.oid,
    });
    aliceId = user!.id;
    await h.store.users.setOrgs(aliceId, ['contoso', 'fabrikam']);
  });
  afterAll(async () => h.close());

  const invoke = (name: 'task/fetch' | 'task/submit', data: Record<string, unknown>) =>
    h.post(
      invokeActivity(activityContext(h), ALICE, PERSONAL_ALICE, name, {
        data,
        context: { theme: 'default' },
      }),
    );
  const dialogText = (answer: Json): string => cardText(answer.body.task.value.card.content);
  const named = (name: string) => h.ado.patsOf(ALICE.oid).filter((p) => p.displayName.startsWith(name));

  async function button(command: string, title: string): Promise<Record<string, unknown>> {
    await h.message(ALICE, PERSONAL_ALICE, command);
    const found = (cardOf(h.connector.messages().at(-1)).actions as Json[]).find((a) => a.title === title);
    if (!found) throw new Error(`no button "${title}"`);
    return found.data;
  }

  it('the same Create replacement data sent three times creates one PAT; the others say so', async () => {
    seed('nightly', -3);
    const data = await button('pat recreate nightly', 'Create replacement');
    h.ado.resetRequests();
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push(await invoke('task/fetch', data));
    expect(dialogText(answers[0])).toContain('Created `nightly` in contoso');
    for (const replay of answers.slice(1)) {
      expect(dialogText(replay)).toContain('I already created a replacement for `nightly` from this button.');
      expect(dialogText(replay)).toContain('See `pat list`.');
      expect(JSON.stringify(replay.body)).not.toMatch(/AZDO/);
    }
    expect(h.ado.requestCount({ method: 'POST' })).toBe(1);
    expect(named('nightly')).toHaveLength(2); // the old one and one replacement
  });

  it('a double click (three at once) creates one PAT', async () => {
    seed('racing', -3);
    const data = await button('pat recreate racing', 'Create replacement');
    h.ado.resetRequests();
    const answers = await Promise.all([1, 2, 3].map(() => invoke('task/fetch', data)));
    const texts = answers.map(dialogText);
    expect(texts.filter((t) => t.includes('Created `racing` in contoso'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('I already created a replacement for `racing`'))).toHaveLength(2);
    expect(h.ado.requestCount({ method: 'POST' })).toBe(1);
    expect(named('racing')).toHaveLength(2);
  });

  it('a refused Create gives the button back: after the policy is lifted the same button works', async () => {
    seed('gated', -3);
    const data = await button('pat recreate gated', 'Create replacement');
    h.ado.setPolicies('contoso', { disablePatCreation: true });
    try {
      expect(dialogText(await invoke('task/fetch', data))).not.toContain('Created');
    } finally {
      h.ado.setPolicies('contoso', { disablePatCreation: false });
    }
    h.ado.resetRequests();
    expect(dialogText(await invoke('task/fetch', data))).toContain('Created `gated` in contoso');
    expect(h.ado.requestCount({ method: 'POST' })).toBe(1);
  });

  it("a contoso-only PAT's value is refused for Create in fabrikam, with nothing created", async () => {
    seed('scoped', -3);
    const data = await button('pat recreate scoped', 'Create replacement');
    h.ado.resetRequests();
    const answer = await invoke('task/submit', { verb: 'pat.recreateIn', t: data.t, org: 'fabrikam' });
    expect(dialogText(answer)).toContain(
      "`scoped` works only in contoso, so I can't recreate it in fabrikam.",
    );
    expect(dialogText(answer)).toContain('Create its replacement in contoso.');
    expect(h.ado.requestCount({ method: 'POST' })).toBe(0);
    expect(named('scoped')).toHaveLength(1);
    // The value was not used up: its own organisation still works.
    expect(dialogText(await invoke('task/fetch', data))).toContain('Created `scoped` in contoso');
  });

  it('Rotate from a button refuses a revoked or expired PAT, with nothing created', async () => {
    const rotateValue = (patId: string) =>
      signAction(ACTION_KEY, {
        v: 'rotate',
        o: aliceId,
        g: 'contoso',
        p: patId,
        x: NOW.getTime() / 1000 + 3600,
      });
    const revoked = seed('revoked-live', 40, { revoked: true });
    const expired = seed('expired-one', -2);
    h.ado.resetRequests();
    const a = await invoke('task/fetch', { verb: 'pat.rotate', t: rotateValue(revoked) });
    expect(dialogText(a)).toContain('`revoked-live` no longer works, so there is nothing to rotate.');
    expect(dialogText(a)).toContain('Create a replacement with `pat recreate revoked-live`.');
    const b = await invoke('task/fetch', { verb: 'pat.rotate', t: rotateValue(expired) });
    expect(dialogText(b)).toContain('`expired-one` no longer works, so there is nothing to rotate.');
    expect(h.ado.requestCount({ method: 'POST' })).toBe(0);
    // A live PAT's Rotate value still rotates.
    const live = seed('live-one', 40);
    expect(dialogText(await invoke('task/fetch', { verb: 'pat.rotate', t: rotateValue(live) }))).toContain(
      'Created `live-one 2026-11-28` in contoso',
    );
    expect(h.ado.requestCount({ method: 'POST' })).toBe(1);
  });
});

describe('Teams: a Create cancelled at the invoke deadline gives its button back', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness({ channel: { dialogDeadlineMs: 300 } });
    await h.signIn(ALICE);
  });
  afterAll(async () => h.close());

  it('the late PAT is revoked, and the same button then creates the replacement', async () => {
    const oldId = h.ado.addPat({
      ownerOid: ALICE.oid,
      org: 'contoso',
      name: 'slow',
      scope: 'vso.code',
      validTo: at(-3),
    }).authorizationId;
    await h.message(ALICE, PERSONAL_ALICE, 'pat recreate slow');
    const data = (cardOf(h.connector.messages().at(-1)).actions as Json[]).find(
      (a) => a.title === 'Create replacement',
    ).data;
    const fetch = () =>
      h.post(
        invokeActivity(activityContext(h), ALICE, PERSONAL_ALICE, 'task/fetch', {
          data,
          context: { theme: 'default' },
        }),
      );
    h.ado.inject({ match: { method: 'POST' }, latencyMs: 1500, times: 1 });
    expect(cardText((await fetch()).body.task.value.card.content)).toContain(
      "Azure DevOps is slow, so I'm cancelling this.",
    );
    await h.channel.idle();
    const made = () =>
      h.ado.patsOf(ALICE.oid).filter((p) => p.displayName === 'slow' && p.authorizationId !== oldId);
    expect(made().map((p) => p.revoked)).toEqual([true]);
    const again = cardText((await fetch()).body.task.value.card.content);
    expect(again).toContain('Created `slow` in contoso');
    expect(
      made()
        .map((p) => p.revoked)
        .sort(),
    ).toEqual([false, true]);
  });
});
