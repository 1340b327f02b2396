/**
 * Recreate and Rotate in Slack through the real /slack/events: `/pat recreate|rotate <name>` and
 * the list's buttons open a "Creating…" modal with the trigger_id at once, then `views.update`
 * shows the new PAT's secret. The secret appears only in that modal view: never in a message
 * (chat.postMessage, response_url), the SQLite file, the audit log or the logs.
 */
import { buttonClick, buttonsIn, startSlackHarness, type SlackHarness } from '../../support/slack-harness';
import { SECRET_SHAPE, storeFileText } from '../../support/secret-places';

const DAY = 86_400_000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('Slack: recreate and rotate in a modal', () => {
  let h: SlackHarness;
  let now: number;
  const secrets: string[] = [];

  beforeAll(async () => {
    h = await startSlackHarness();
    now = h.ado.clock.now().getTime();
    await h.link('UALICE', h.ado.alice);
    await h.link('UBOB', h.ado.bob);
  });
  afterAll(() => h.close());
  beforeEach(() => h.ado.sim.setPolicies('contoso', { restrictFullScope: false, disablePatCreation: false }));

  const seed = (name: string, days: number, scope = 'vso.code') =>
    h.ado.sim.addPat({
      ownerOid: h.ado.alice.oid,
      org: 'contoso',
      name,
      scope,
      validTo: new Date(now + days * DAY),
    }).authorizationId;

  /** The last views.update after `since` calls (the modal's final view). */
  async function finalView(since: number): Promise<Json> {
    const update = await h.slack.waitFor(() => h.slack.calls('views.update').slice(since)[0]);
    return update.args.view;
  }

  function secretIn(view: Json): string {
    const block = view.blocks.find((b: Json) => b.block_id === 'secret');
    return block ? String(block.text.text).replace(/```/g, '') : '';
  }

  it('/pat recreate: the modal opens at once with "Creating…", then shows the secret once', async () => {
    const oldId = seed('nightly-build', -2, 'vso.code vso.build');
    const opens = h.slack.calls('views.open').length;
    const updates = h.slack.calls('views.update').length;
    const res = await h.command('recreate nightly-build');
    expect(res.status).toBe(200);
    const open = await h.slack.waitFor(() => h.slack.calls('views.open')[opens]);
    expect(open.args.trigger_id).toMatch(/^trigger\./);
    expect(JSON.stringify(open.args.view)).toContain('Creating the new PAT');
    expect(open.answer?.ok).toBe(true);
    const view = await finalView(updates);
    expect(h.slack.calls('views.update')[updates].args.view_id).toBe((open.answer?.view as Json).id);
    const secret = secretIn(view);
    expect(secret).toMatch(SECRET_SHAPE);
    secrets.push(secret);
    expect(view.close.text).toBe("I've copied it");
    expect(JSON.stringify(view.blocks)).toContain('Created `nightly-build` in contoso, valid until');
    const made = h.ado.sim
      .patsOf(h.ado.alice.oid)
      .filter((p) => p.displayName === 'nightly-build' && p.authorizationId !== oldId);
    expect(made).toHaveLength(1);
    expect(made[0].scope).toBe('vso.code vso.build');
    // Nothing was said in the conversation.
    expect(h.slack.responses(res.responseId)).toHaveLength(0);
  });

  it('the Create replacement and Rotate buttons open the modal; someone else gets a refusal', async () => {
    const expiredId = seed('expired-one', -5);
    const liveId = seed('live-one', 40);
    // The buttons as `/pat list` posts them: one row value each, Create replacement on the
    // expired row, Rotate on the live one.
    const res = await h.command('list');
    const [reply] = await h.slack.waitFor(() => {
      const r = h.slack.responses(res.responseId);
      return r.length > 0 && r;
    });
    const posted = buttonsIn(reply.body.blocks);
    const rowOf = (id: string) => posted.filter((b) => b.block_id === `pat_actions:${id}`);
    expect(rowOf(expiredId).map((b) => b.action_id)).toEqual(['pat_recreate']);
    expect(rowOf(liveId).map((b) => b.action_id)).toEqual([
      'pat_renew',
      'pat_renew_other',
      'pat_rotate',
      'pat_confirm_revoke',
    ]);
    const recreate = rowOf(expiredId)[0];
    const rotate = rowOf(liveId).find((b) => b.action_id === 'pat_rotate');
    expect(new Set(rowOf(liveId).map((b) => b.value)).size).toBe(1); // the row's one value

    // Bob pressing Alice's button gets a refusal and nothing is created or opened.
    const opens = h.slack.calls('views.open').length;
    const posts = h.ado.sim.requestCount({ method: 'POST' });
    const responseUrl = h.slack.responseUrl();
    await h.interact(
      buttonClick({ user: 'UBOB', actionId: 'pat_recreate', value: recreate!.value!, responseUrl }),
    );
    const [refusal] = await h.slack.waitFor(() => {
      const r = h.slack.responses(responseUrl.split('/').pop());
      return r.length > 0 && r;
    });
    expect(String(refusal.body.text)).toMatch(/^Only .* can recreate this PAT\.$/);
    expect(h.slack.calls('views.open')).toHaveLength(opens);
    expect(h.ado.sim.requestCount({ method: 'POST' })).toBe(posts);

    let updates = h.slack.calls('views.update').length;
    await h.interact(
      buttonClick({
        user: 'UALICE',
        actionId: 'pat_recreate',
        value: recreate!.value!,
        responseUrl: h.slack.responseUrl(),
      }),
    );
    const recreated = await finalView(updates);
    secrets.push(secretIn(recreated));
    expect(secretIn(recreated)).toMatch(SECRET_SHAPE);

    updates = h.slack.calls('views.update').length;
    await h.interact(
      buttonClick({
        user: 'UALICE',
        actionId: 'pat_rotate',
        value: rotate!.value!,
        responseUrl: h.slack.responseUrl(),
      }),
    );
    const rotated = await finalView(updates);
    secrets.push(secretIn(rotated));
    expect(JSON.stringify(rotated.blocks)).toContain('Created `live-one 2026-');
    const choices = buttonsIn(rotated.blocks);
    expect(choices.map((b) => b.action_id)).toEqual(['pat_rotate_revoke', 'pat_rotate_remind']);

    // "Remind me in 3 days", pressed inside the modal: the item is stored, the modal says so.
    const opened = h.slack.calls('views.update')[updates];
    const modalClick = {
      ...buttonClick({ user: 'UALICE', actionId: 'pat_rotate_remind', value: choices[1].value! }),
      container: { type: 'view', view_id: (opened.answer?.view as Json).id },
      view: { ...(opened.answer?.view as Json), private_metadata: rotated.private_metadata, type: 'modal' },
    };
    delete (modalClick as Json).response_url;
    delete (modalClick as Json).message;
    delete (modalClick as Json).channel;
    updates = h.slack.calls('views.update').length;
    await h.interact(modalClick);
    const after = await finalView(updates);
    expect(JSON.stringify(after.blocks)).toContain("I'll remind you on");
    expect(JSON.stringify(after.blocks)).toContain('to revoke `live-one`');
    const user = await h.userId('UALICE');
    expect(await h.store.revokeReminders.listFor(user)).toEqual([
      expect.objectContaining({ patId: liveId, patName: 'live-one', dueAt: new Date(now + 3 * DAY) }),
    ]);
  });

  it('a full-access PAT under the full-scope policy: the modal says why and what to do', async () => {
    seed('all-access', -1, 'app_token');
    h.ado.sim.setPolicies('contoso', { restrictFullScope: true });
    const updates = h.slack.calls('views.update').length;
    await h.command('recreate all-access');
    const view = await finalView(updates);
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('has full access, and your organisation no longer allows new full-access PATs.');
    expect(text).toContain('Create one with only the scopes you need in contoso');
  });

  it('/pat rotate of an expired PAT says to recreate it instead', async () => {
    seed('gone-runner', -4);
    const updates = h.slack.calls('views.update').length;
    await h.command('rotate gone-runner');
    const text = JSON.stringify((await finalView(updates)).blocks);
    expect(text).toContain('no longer works, so there is nothing to rotate.');
    expect(text).toContain('/pat recreate gone-runner');
  });

  it('a dead all-organisations PAT with several organisations asks which one, then creates it there', async () => {
    h.ado.sim.addOrg({ name: 'northwind', tenantId: h.ado.tenantId });
    h.ado.sim.addMember('northwind', h.ado.alice);
    const alice = await h.userId('UALICE');
    await h.store.users.setOrgs(alice, ['contoso', 'northwind']);
    const oldId = h.ado.sim.addPat({
      ownerOid: h.ado.alice.oid,
      org: 'contoso',
      name: 'everywhere',
      scope: 'vso.code',
      global: true,
      validTo: new Date(now - DAY),
    }).authorizationId;
    try {
      const posts = h.ado.sim.requestCount({ method: 'POST' });
      let updates = h.slack.calls('views.update').length;
      await h.command('recreate everywhere');
      const choice = await finalView(updates);
      expect(JSON.stringify(choice.blocks)).toContain('worked in all your organisations');
      const select = choice.blocks
        .find((b: Json) => b.block_id === 'org_choice')
        .elements.find((e: Json) => e.type === 'static_select');
      expect(select.options.map((o: Json) => o.value)).toEqual(['contoso', 'northwind']);
      expect(h.ado.sim.requestCount({ method: 'POST' })).toBe(posts); // nothing created yet
      const create = buttonsIn(choice.blocks).find((b) => b.action_id === 'pat_recreate_in')!;

      // Create with northwind picked: the modal's state carries the select.
      const opened = h.slack.calls('views.update')[updates];
      const viewId = (opened.answer?.view as Json).id;
      const click = (org: string, user = 'UALICE') => {
        const payload: Json = {
          ...buttonClick({ user, actionId: 'pat_recreate_in', value: create.value! }),
          container: { type: 'view', view_id: viewId },
          view: {
            ...(opened.answer?.view as Json),
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
        return h.interact(payload);
      };
      // An organisation that is not one of Alice's is refused, and nothing is created.
      updates = h.slack.calls('views.update').length;
      await click('stranger-org');
      expect(JSON.stringify(await finalView(updates))).toContain('Pick one of your organisations.');
      expect(h.ado.sim.requestCount({ method: 'POST' })).toBe(posts);

      updates = h.slack.calls('views.update').length;
      await click('northwind');
      const done = await h.slack.waitFor(() => {
        const later = h.slack.calls('views.update').slice(updates);
        return later.find((c) => JSON.stringify(c.args.view).includes('Created `everywhere`'));
      });
      expect(JSON.stringify(done.args.view)).toContain('Created `everywhere` in northwind');
      const secret = secretIn(done.args.view);
      expect(secret).toMatch(SECRET_SHAPE);
      secrets.push(secret);
      const made = h.ado.sim
        .patsOf(h.ado.alice.oid)
        .filter((p) => p.displayName === 'everywhere' && p.authorizationId !== oldId);
      expect(made).toHaveLength(1);
      expect(made[0].targetAccounts).toHaveLength(1);
      expect(h.ado.sim.requests({ method: 'POST' }).at(-1)?.org).toBe('northwind');
    } finally {
      await h.store.users.setOrgs(alice, null);
    }
  });

  it('the secrets were never posted in a conversation, stored, audited or logged', async () => {
    expect(secrets).toHaveLength(4);
    const messages = JSON.stringify([
      h.slack.calls().filter((c) => !c.method.startsWith('views.')),
      h.slack.responses(),
    ]);
    const viewsUpdate = JSON.stringify(h.slack.calls('views.update'));
    const db = storeFileText(h.dbPath);
    const audit = JSON.stringify(await h.store.audit.list(await h.userId('UALICE'), 100));
    const logs = h.logs.text();
    for (const secret of secrets) {
      expect(viewsUpdate).toContain(secret); // shown in the modal...
      for (const where of [messages, db, audit, logs]) expect(where.includes(secret)).toBe(false); // ...only there
    }
    for (const where of [messages, db, audit, logs]) expect(where).not.toMatch(SECRET_SHAPE);
    expect(audit).toContain('"action":"create"');
  });
});
