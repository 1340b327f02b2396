/**
 * One PAT per Create replacement / Rotate value in Slack, through the real /slack/events and the
 * Azure DevOps simulator: the same button value pressed three times (a double click, a replayed
 * payload) creates one PAT and the later modals say so; Rotate refuses a PAT that no longer works.
 */
import { signedValue } from '../../../src/channels/slack/pat-action-values';
import { buttonClick, startSlackHarness, type SlackHarness } from '../../support/slack-harness';

const DAY = 86_400_000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('Slack: a Create replacement / Rotate value creates one PAT', () => {
  let h: SlackHarness;
  let now: number;

  beforeAll(async () => {
    h = await startSlackHarness();
    now = h.ado.clock.now().getTime();
    await h.link('UALICE', h.ado.alice);
  });
  afterAll(() => h.close());

  const seed = (name: string, days: number, revoked = false) =>
    h.ado.sim.addPat({
      ownerOid: h.ado.alice.oid,
      org: 'contoso',
      name,
      scope: 'vso.code',
      validTo: new Date(now + days * DAY),
      revoked,
    }).authorizationId;

  async function valueFor(id: string, verb: 'recreate' | 'rotate'): Promise<string> {
    const signing = {
      key: h.deps.actionKey,
      ownerId: await h.userId('UALICE'),
      now: h.ado.clock.now(),
      renewDays: 90,
    };
    return signedValue(signing, { id, org: 'contoso' }, verb);
  }

  /** Presses the button and returns the text of the modal's final view. */
  async function press(actionId: string, value: string): Promise<string> {
    const updates = h.slack.calls('views.update').length;
    await h.interact(buttonClick({ user: 'UALICE', actionId, value, responseUrl: h.slack.responseUrl() }));
    const update = await h.slack.waitFor(() => h.slack.calls('views.update').slice(updates)[0]);
    return JSON.stringify((update.args.view as Json).blocks);
  }

  it('the same Create replacement value pressed three times creates one PAT; the others say so', async () => {
    const value = await valueFor(seed('nightly', -3), 'recreate');
    const posts = h.ado.sim.requestCount({ method: 'POST' });
    const texts = [];
    for (let i = 0; i < 3; i += 1) texts.push(await press('pat_recreate', value));
    expect(texts[0]).toContain('Created `nightly` in contoso');
    for (const replay of texts.slice(1)) {
      expect(replay).toContain('I already created a replacement for `nightly` from this button.');
      expect(replay).toContain('/pat list');
      expect(replay).not.toMatch(/AZDO/);
    }
    expect(h.ado.sim.requestCount({ method: 'POST' }) - posts).toBe(1);
    expect(h.ado.sim.patsOf(h.ado.alice.oid).filter((p) => p.displayName.startsWith('nightly'))).toHaveLength(
      2,
    );
  });

  it('Rotate of a revoked PAT is refused with nothing created', async () => {
    const value = await valueFor(seed('revoked-live', 40, true), 'rotate');
    const posts = h.ado.sim.requestCount({ method: 'POST' });
    const text = await press('pat_rotate', value);
    expect(text).toContain('`revoked-live` no longer works, so there is nothing to rotate.');
    expect(h.ado.sim.requestCount({ method: 'POST' })).toBe(posts);
  });

  /** "Create" in the organisation choice modal, with `org` picked and the button value `value`. */
  async function createIn(value: string, org: string): Promise<string> {
    const updates = h.slack.calls('views.update').length;
    const payload: Json = {
      ...buttonClick({ user: 'UALICE', actionId: 'pat_recreate_in', value }),
      container: { type: 'view', view_id: 'V-none' },
      view: {
        id: 'V-none',
        type: 'modal',
        state: {
          values: {
            org_choice: {
              pat_org_select: {
                type: 'static_select',
                selected_option: { text: { type: 'plain_text', text: org }, value: org },
              },
            },
          },
        },
      },
    };
    delete payload.response_url;
    delete payload.message;
    delete payload.channel;
    await h.interact(payload);
    const done = await h.slack.waitFor(() => {
      const later = h.slack.calls('views.update').slice(updates);
      return later.find((c) => !JSON.stringify(c.args.view).includes('Creating the new PAT'));
    });
    return JSON.stringify((done.args.view as Json).blocks);
  }

  it("Create in another organisation: refused for a contoso-only PAT; a global PAT's value makes one PAT", async () => {
    h.ado.sim.addOrg({ name: 'northwind', tenantId: h.ado.tenantId });
    h.ado.sim.addMember('northwind', h.ado.alice);
    await h.store.users.setOrgs(await h.userId('UALICE'), ['contoso', 'northwind']);
    const posts = h.ado.sim.requestCount({ method: 'POST' });
    const scoped = await valueFor(seed('scoped', -3), 'recreate');
    const refused = await createIn(scoped, 'northwind');
    expect(refused).toContain("`scoped` works only in contoso, so I can't recreate it in northwind.");
    expect(h.ado.sim.requestCount({ method: 'POST' })).toBe(posts);

    const globalId = h.ado.sim.addPat({
      ownerOid: h.ado.alice.oid,
      org: 'contoso',
      name: 'everywhere',
      scope: 'vso.code',
      global: true,
      validTo: new Date(now - DAY),
    }).authorizationId;
    const value = await valueFor(globalId, 'recreate');
    expect(await createIn(value, 'northwind')).toContain('Created `everywhere` in northwind');
    expect(await createIn(value, 'northwind')).toContain(
      'I already created a replacement for `everywhere` from this button.',
    );
    expect(h.ado.sim.requestCount({ method: 'POST' }) - posts).toBe(1);
  });
});
