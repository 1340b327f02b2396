/**
 * Replace all in Slack, through the real /slack/events: the list's Replace all button (on the
 * "Stopped working on 1 Dec 2026" heading) opens a modal at once asking for the organisations;
 * Start and each Next (buttons inside the modal) create ONE new PAT in the Azure DevOps
 * simulator and `views.update` the modal with its secret. The secrets appear only in those
 * views: never in a message (chat.postMessage, response_url), the SQLite file, the audit log or
 * the logs. Someone else's click is refused.
 */
import { buttonClick, buttonsIn, startSlackHarness, type SlackHarness } from '../../support/slack-harness';
import { SECRET_SHAPE, storeFileText } from '../../support/secret-places';

const DAY = 86_400_000;
const WED = new Date('2026-12-09T10:00:00.000Z');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('Slack: Replace all for the dead all-organisations PATs', () => {
  let h: SlackHarness;
  let deadIds: string[];
  let orgIds: Record<string, string>;

  beforeAll(async () => {
    h = await startSlackHarness();
    h.ado.clock.set(WED);
    const northwind = h.ado.sim.addOrg({ name: 'northwind', tenantId: h.ado.tenantId });
    h.ado.sim.addMember('northwind', h.ado.alice);
    orgIds = { contoso: h.ado.org.id, northwind: northwind.id };
    await h.link('UALICE', h.ado.alice);
    await h.link('UBOB', h.ado.bob);
    await h.store.users.setOrgs(await h.userId('UALICE'), ['contoso', 'northwind']);
    const add = (name: string, scope: string) =>
      h.ado.sim.addPat({
        ownerOid: h.ado.alice.oid,
        global: true,
        name,
        scope,
        validTo: new Date(WED.getTime() + 100 * DAY),
      }).authorizationId;
    deadIds = [add('build-agent', 'vso.build'), add('packages', 'vso.packaging')];
    h.ado.sim.addPat({
      ownerOid: h.ado.alice.oid,
      org: 'contoso',
      name: 'deploy-key',
      scope: 'vso.code',
      validTo: new Date(WED.getTime() + 40 * DAY),
    });
  });
  afterAll(() => h.close());

  /** A click on a button inside the open modal `view` (Slack sends the view, state included). */
  function modalClick(user: string, value: string, view: Json, state?: Json): Promise<unknown> {
    const payload: Json = {
      ...buttonClick({ user, actionId: 'pat_replace_all_step', value }),
      container: { type: 'view', view_id: view.id },
      view: { ...view, type: 'modal', state: state ?? { values: {} } },
    };
    delete payload.response_url;
    delete payload.message;
    delete payload.channel;
    return h.interact(payload);
  }

  /** The last views.update after `since` calls that is no longer "Creating…". */
  async function viewAfter(since: number): Promise<Json> {
    const call = await h.slack.waitFor(() =>
      h.slack
        .calls('views.update')
        .slice(since)
        .find((c) => !JSON.stringify(c.args.view).includes('Creating the new PAT')),
    );
    return call.answer?.view as Json;
  }

  const secretIn = (view: Json): string =>
    String(view.blocks.find((b: Json) => b.block_id === 'secret')?.text.text ?? '').replace(/```/g, '');

  it('2 dead globals × 2 organisations: 4 steps, 4 new PATs, each secret shown once in the modal', async () => {
    const res = await h.command('list');
    const [reply] = await h.slack.waitFor(() => {
      const r = h.slack.responses(res.responseId);
      return r.length > 0 && r;
    });
    const blocks = reply.body.blocks as Json[];
    const ids = blocks.map((b) => b.block_id);
    expect(ids.indexOf('pat_list_replace_all')).toBe(ids.indexOf('pat_list_dead_globals') + 1);
    const button = buttonsIn(blocks).find((b) => b.action_id === 'pat_replace_all')!;
    expect(button).toBeDefined();

    // Bob pressing Alice's Replace all: a refusal, no modal, nothing created.
    const opens = h.slack.calls('views.open').length;
    const posts = h.ado.sim.requestCount({ method: 'POST' });
    const bobUrl = h.slack.responseUrl();
    await h.interact(
      buttonClick({ user: 'UBOB', actionId: 'pat_replace_all', value: button.value!, responseUrl: bobUrl }),
    );
    const [refusal] = await h.slack.waitFor(() => {
      const r = h.slack.responses(bobUrl.split('/').pop());
      return r.length > 0 && r;
    });
    expect(String(refusal.body.text)).toMatch(/^Only .* can recreate this PAT\.$/);
    expect(h.slack.calls('views.open')).toHaveLength(opens);

    // Alice: the modal opens at once with the organisations, all hers picked; nothing created yet.
    await h.interact(
      buttonClick({
        user: 'UALICE',
        actionId: 'pat_replace_all',
        value: button.value!,
        responseUrl: h.slack.responseUrl(),
      }),
    );
    const open = await h.slack.waitFor(() => h.slack.calls('views.open')[opens]);
    expect(open.answer?.ok).toBe(true);
    let view = open.answer?.view as Json;
    const select = view.blocks.find((b: Json) => b.block_id === 'replace_all_orgs').elements[0];
    expect(select.type).toBe('multi_static_select');
    expect(select.options.map((o: Json) => o.value)).toEqual(['contoso', 'northwind']);
    expect(select.initial_options.map((o: Json) => o.value)).toEqual(['contoso', 'northwind']);
    expect(h.ado.sim.requestCount({ method: 'POST' })).toBe(posts);
    const start = buttonsIn(view.blocks).find((b) => b.action_id === 'pat_replace_all_step')!;
    expect(start.value).toBe(button.value);

    const picked = (orgs: string[]) => ({
      values: {
        replace_all_orgs: {
          pat_replace_all_orgs: {
            type: 'multi_static_select',
            selected_options: orgs.map((o) => ({ text: { type: 'plain_text', text: o }, value: o })),
          },
        },
      },
    });
    // An organisation that is not Alice's is refused, and nothing is created.
    let updates = h.slack.calls('views.update').length;
    await modalClick('UALICE', start.value!, view, picked(['contoso', 'stranger-org']));
    expect(JSON.stringify((await viewAfter(updates)).blocks)).toContain(
      'Pick one or more of your organisations.',
    );
    expect(h.ado.sim.requestCount({ method: 'POST' })).toBe(posts);

    // Bob pressing Start in a modal carrying Alice's value: refused, nothing created.
    updates = h.slack.calls('views.update').length;
    await modalClick('UBOB', start.value!, view, picked(['contoso', 'northwind']));
    const bobView = JSON.stringify((await viewAfter(updates)).blocks);
    expect(bobView).toMatch(/Only .* can recreate this PAT\./);
    expect(bobView).not.toContain('```');
    expect(h.ado.sim.requestCount({ method: 'POST' })).toBe(posts);

    const seen: string[] = [];
    const secrets: string[] = [];
    let state: Json = picked(['contoso', 'northwind']);
    let value = start.value!;
    for (let k = 1; k <= 4; k++) {
      updates = h.slack.calls('views.update').length;
      await modalClick('UALICE', value, view, state);
      view = await viewAfter(updates);
      expect(view.title.text).toBe(`Replace all: ${k} of 4`);
      const text = JSON.stringify(view.blocks);
      seen.push(
        String(
          text
            .match(/Created `([a-z-]+)` in ([a-z]+)/)
            ?.slice(1)
            .join(' '),
        ),
      );
      const secret = secretIn(view);
      expect(secret).toMatch(SECRET_SHAPE);
      secrets.push(secret);
      expect(h.ado.sim.requestCount({ method: 'POST' })).toBe(posts + k);
      const next = buttonsIn(view.blocks).find((b) => b.action_id === 'pat_replace_all_step');
      if (k < 4) {
        expect(next).toBeDefined();
        expect(JSON.stringify(view.blocks)).toContain(`Next (${k + 1} of 4)`);
        value = next!.value!;
      } else {
        expect(next).toBeUndefined();
      }
      state = { values: {} }; // the step views carry the organisations in private_metadata
    }
    expect(seen).toEqual([
      'build-agent contoso',
      'build-agent northwind',
      'packages contoso',
      'packages northwind',
    ]);
    expect(new Set(secrets).size).toBe(4);

    // The 4 new PATs: each old one's scopes, one organisation each.
    const made = h.ado.sim
      .patsOf(h.ado.alice.oid)
      .filter(
        (p) => ['build-agent', 'packages'].includes(p.displayName) && !deadIds.includes(p.authorizationId),
      );
    expect(made).toHaveLength(4);
    const shape = made.map((p) => `${p.displayName} ${p.scope} ${(p.targetAccounts ?? []).join(',')}`).sort();
    expect(shape).toEqual(
      [
        `build-agent vso.build ${orgIds.contoso}`,
        `build-agent vso.build ${orgIds.northwind}`,
        `packages vso.packaging ${orgIds.contoso}`,
        `packages vso.packaging ${orgIds.northwind}`,
      ].sort(),
    );

    // The secrets only ever in views.update: not posted, stored, audited or logged.
    const messages = JSON.stringify([
      h.slack.calls().filter((c) => !c.method.startsWith('views.')),
      h.slack.responses(),
    ]);
    const viewsUpdate = JSON.stringify(h.slack.calls('views.update'));
    const viewsOpen = JSON.stringify(h.slack.calls('views.open'));
    const db = storeFileText(h.dbPath);
    const audit = JSON.stringify(await h.store.audit.list(await h.userId('UALICE'), 100));
    const logs = h.logs.text();
    for (const secret of secrets) {
      expect(viewsUpdate).toContain(secret);
      for (const where of [messages, viewsOpen, db, audit, logs]) expect(where.includes(secret)).toBe(false);
    }
    for (const where of [messages, db, audit, logs]) expect(where).not.toMatch(SECRET_SHAPE);
    expect(audit).toContain('"action":"create"');
  });
});
