/** Buttons: renew (really extended; capped; expired), revoke with confirm, owner and tamper checks. */
import { ACTION_TTL_SECONDS } from '../../../src/core/action-token';
import { buttonClick, buttonsIn, startSlackHarness, type SlackHarness } from '../../support/slack-harness';

const DAY = 86_400_000;

describe('Slack PAT buttons', () => {
  let h: SlackHarness;
  let now: number;

  beforeAll(async () => {
    h = await startSlackHarness();
    now = h.ado.clock.now().getTime();
    await h.link('UALICE', h.ado.alice);
    await h.link('UBOB', h.ado.bob);
  });
  afterAll(() => h.close());
  const sentToSlack: string[] = [];
  afterEach(() => {
    sentToSlack.push(JSON.stringify(h.slack.calls()), JSON.stringify(h.slack.responses()));
  });
  beforeEach(() => {
    h.slack.reset();
    h.ado.sim.resetRequests();
    h.ado.sim.setPolicies('contoso', { maxLifespanDays: undefined });
  });

  async function listButtons(user = 'UALICE') {
    const res = await h.command('list', { user });
    const [reply] = await h.slack.waitFor(() => {
      const r = h.slack.responses(res.responseId);
      return r.length > 0 && r;
    });
    h.ado.sim.resetRequests();
    return { blocks: reply.body.blocks as unknown[], buttons: buttonsIn(reply.body.blocks) };
  }

  function buttonFor(buttons: ReturnType<typeof buttonsIn>, patId: string, actionId: string): string {
    const b = buttons.find((x) => x.block_id === `pat_actions:${patId}` && x.action_id === actionId);
    if (!b?.value) throw new Error(`no ${actionId} button for ${patId}`);
    return b.value;
  }

  async function click(user: string, actionId: string, value: string, blocks: unknown[] = []) {
    const responseUrl = h.slack.responseUrl();
    const res = await h.interact(buttonClick({ user, actionId, value, responseUrl, blocks }));
    expect(res.status).toBe(200);
    const [reply] = await h.slack.waitFor(() => {
      const r = h.slack.responses(responseUrl.split('/').pop());
      return r.length > 0 && r;
    });
    return { res, reply: reply.body };
  }

  it('one click on Renew extends the PAT for 90 days in Azure DevOps and updates the message with the stored expiry', async () => {
    const pat = h.ado.sim.addPat({
      ownerOid: h.ado.alice.oid,
      org: 'contoso',
      name: 'nightly',
      validTo: new Date(now + 3 * DAY),
    });
    const { buttons } = await listButtons();
    const { reply } = await click(
      'UALICE',
      'pat_renew',
      buttonFor(buttons, pat.authorizationId, 'pat_renew'),
    );
    const stored = h.ado.sim.getPat(pat.authorizationId);
    expect(Math.abs((stored?.validTo.getTime() ?? 0) - (now + 90 * DAY))).toBeLessThan(60_000);
    expect(h.ado.sim.requestCount({ method: 'PUT' })).toBe(1);
    // Acts on the signed id: one Get and one Update, no listing of every organisation.
    expect(h.ado.sim.requestCount()).toBe(2);
    expect(reply.replace_original).toBe(true);
    expect(String(reply.text)).toContain('Renewed `nightly` until Fri 26 Feb 2027 (in 90 days).');
    // The refreshed row shows the new expiry, with fresh buttons (one value for the row).
    expect(JSON.stringify(reply.blocks)).toContain('Expires in 90 days · Fri 26 Feb 2027');
    const fresh = buttonsIn(reply.blocks).filter((b) => b.block_id === `pat_actions:${pat.authorizationId}`);
    expect(fresh.map((b) => b.action_id)).toEqual([
      'pat_renew',
      'pat_renew_other',
      'pat_rotate',
      'pat_confirm_revoke',
    ]);
    expect(new Set(fresh.map((b) => b.value)).size).toBe(1);
  });

  it('one click under a lifespan policy: says the expiry was capped and shows what was stored', async () => {
    h.ado.sim.setPolicies('contoso', { maxLifespanDays: 60 });
    const pat = h.ado.sim.addPat({
      ownerOid: h.ado.alice.oid,
      org: 'contoso',
      name: 'capped',
      validFrom: new Date(now),
      validTo: new Date(now + 3 * DAY),
    });
    // The simulator caps renewals at validFrom + maxLifespanDays.
    const { buttons } = await listButtons();
    const { reply } = await click(
      'UALICE',
      'pat_renew',
      buttonFor(buttons, pat.authorizationId, 'pat_renew'),
    );
    const stored = h.ado.sim.getPat(pat.authorizationId);
    expect(Math.abs((stored?.validTo.getTime() ?? 0) - (now + 60 * DAY))).toBeLessThan(DAY);
    expect(h.ado.sim.requestCount()).toBe(2);
    expect(String(reply.text)).toContain('30 days less than asked: your organisation limits PAT lifetimes');
    expect(JSON.stringify(reply.blocks)).toContain(':warning:');
    expect(JSON.stringify(reply.blocks)).toContain('Expires in 60 days · Wed 27 Jan 2027');
  });

  it('a PAT at its lifespan ceiling: Renew stores no later expiry, so the answer offers Create replacement', async () => {
    h.ado.sim.setPolicies('contoso', { maxLifespanDays: 60 });
    const pat = h.ado.sim.addPat({
      ownerOid: h.ado.alice.oid,
      org: 'contoso',
      name: 'at-ceiling',
      validFrom: new Date(now - 50 * DAY),
      validTo: new Date(now + 10 * DAY), // validFrom + 60 days: as far as the policy allows
    });
    const { buttons } = await listButtons();
    const { reply } = await click(
      'UALICE',
      'pat_renew',
      buttonFor(buttons, pat.authorizationId, 'pat_renew'),
    );
    expect(h.ado.sim.getPat(pat.authorizationId)?.validTo.getTime()).toBe(now + 10 * DAY);
    expect(String(reply.text)).toContain(
      'Your organisation limits PAT lifetimes, so renewing changes nothing. `at-ceiling` in contoso runs until',
    );
    expect(buttonsIn(reply.blocks).map((b) => b.action_id)).toEqual(['pat_recreate']);
  });

  it('/pat renew build-agnet: did you mean build-agent? (and /pat revoke too), nothing changed', async () => {
    h.ado.sim.addPat({
      ownerOid: h.ado.alice.oid,
      org: 'contoso',
      name: 'build-agent',
      validTo: new Date(now + 20 * DAY),
    });
    for (const verb of ['renew', 'revoke']) {
      const res = await h.command(`${verb} build-agnet`);
      const [reply] = await h.slack.waitFor(() => {
        const r = h.slack.responses(res.responseId);
        return r.length > 0 && r;
      });
      const blocks = JSON.stringify(reply.body.blocks);
      expect(blocks).toContain(
        ":warning: I can't find a PAT called `build-agnet` in contoso. Did you mean `build-agent`?",
      );
      expect(blocks).toContain(`Try \`/pat ${verb} build-agent\`.`);
    }
    expect(h.ado.sim.requestCount({ method: 'PUT' })).toBe(0);
  });

  it('does not try to extend an expired PAT and offers Create replacement instead', async () => {
    const pat = h.ado.sim.addPat({
      ownerOid: h.ado.alice.oid,
      org: 'contoso',
      name: 'old-one',
      validTo: new Date(now - 2 * DAY),
    });
    const res = await h.command('renew old-one 30');
    const [reply] = await h.slack.waitFor(() => {
      const r = h.slack.responses(res.responseId);
      return r.length > 0 && r;
    });
    expect(String(reply.body.text)).toContain(
      'Azure DevOps no longer lets expired PATs be extended. `old-one` in contoso expired on Thu 26 Nov 2026. Create replacement makes',
    );
    expect(String(reply.body.text)).not.toContain('https://');
    // The answer is the Create replacement button (the modal button), not a link to the web page.
    const offered = buttonsIn(reply.body.blocks);
    expect(offered.map((b) => b.action_id)).toEqual(['pat_recreate']);
    const updates = h.slack.calls('views.update').length;
    await h.interact(
      buttonClick({
        user: 'UALICE',
        actionId: 'pat_recreate',
        value: offered[0].value!,
        responseUrl: h.slack.responseUrl(),
      }),
    );
    const update = await h.slack.waitFor(() => h.slack.calls('views.update')[updates]);
    expect(JSON.stringify(update.args.view)).toContain('Created `old-one` in contoso');
    expect(h.ado.sim.requestCount({ method: 'PUT' })).toBe(0);
    expect(h.ado.sim.getPat(pat.authorizationId)?.validTo.getTime()).toBe(pat.validTo.getTime());
  });

  it('renews by command: /pat renew <name> without a length renews for the default 90 days', async () => {
    const pat = h.ado.sim.addPat({
      ownerOid: h.ado.alice.oid,
      org: 'contoso',
      name: 'by-command',
      validTo: new Date(now + 3 * DAY),
    });
    const res = await h.command('renew by-command');
    const [reply] = await h.slack.waitFor(() => {
      const r = h.slack.responses(res.responseId);
      return r.length > 0 && r;
    });
    expect(reply.body.response_type).toBe('ephemeral');
    expect(
      Math.abs((h.ado.sim.getPat(pat.authorizationId)?.validTo.getTime() ?? 0) - (now + 90 * DAY)),
    ).toBeLessThan(60_000);
    expect(String(reply.body.text)).toContain('Renewed `by-command`');
  });

  it('refuses someone else’s button with an ephemeral note and makes no Azure DevOps call', async () => {
    const pat = h.ado.sim.addPat({
      ownerOid: h.ado.alice.oid,
      org: 'contoso',
      name: 'alices',
      validTo: new Date(now + 3 * DAY),
    });
    const { buttons } = await listButtons();
    const before = h.ado.sim.getPat(pat.authorizationId)?.validTo.getTime();
    const { reply } = await click('UBOB', 'pat_renew', buttonFor(buttons, pat.authorizationId, 'pat_renew'));
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.replace_original).toBe(false);
    expect(String(reply.text)).toBe('Only <@UALICE> can renew this PAT.');
    expect(h.ado.sim.requestCount()).toBe(0);
    expect(h.ado.sim.getPat(pat.authorizationId)?.validTo.getTime()).toBe(before);

    const revoke = await click(
      'UBOB',
      'pat_confirm_revoke',
      buttonFor(buttons, pat.authorizationId, 'pat_confirm_revoke'),
    );
    expect(String(revoke.reply.text)).toBe('Only <@UALICE> can revoke this PAT.');
    expect(h.ado.sim.getPat(pat.authorizationId)?.revoked).toBe(false);
    expect(h.ado.sim.requestCount()).toBe(0);
  });

  it('refuses a tampered value, and a value moved to another button, with no Azure DevOps call', async () => {
    const pat = h.ado.sim.addPat({
      ownerOid: h.ado.alice.oid,
      org: 'contoso',
      name: 'tamper-me',
      validTo: new Date(now + 3 * DAY),
    });
    const { buttons } = await listButtons();
    const value = buttonFor(buttons, pat.authorizationId, 'pat_renew');
    const [body, sig] = value.split('.');
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = `${Buffer.from(JSON.stringify({ ...payload, d: 365 })).toString('base64url')}.${sig}`;
    const tampered = await click('UALICE', 'pat_renew', forged);
    expect(tampered.reply.response_type).toBe('ephemeral');
    expect(String(tampered.reply.text)).toContain('changed or is not from me');
    // A row value on a button that is not a row action (a snooze, an old fixed-length Renew).
    const moved = await click('UALICE', 'pat_renew_max', value);
    expect(String(moved.reply.text)).toContain('changed or is not from me');
    const snooze = await click('UALICE', 'pat_snooze_1', value);
    expect(String(snooze.reply.text)).toContain('changed or is not from me');
    expect(String(moved.reply.text)).toContain('changed or is not from me');
    const garbage = await click('UALICE', 'pat_confirm_revoke', 'not-a-value');
    expect(String(garbage.reply.text)).toContain('changed or is not from me');
    expect(h.ado.sim.requestCount()).toBe(0);
    expect(
      h.logs.lines().some((l) => l.msg === 'Slack button refused' && l.errorCode === 'action.tampered'),
    ).toBe(true);
  });

  it('ignores a replayed interaction (same trigger_id inside the signature window)', async () => {
    const pat = h.ado.sim.addPat({
      ownerOid: h.ado.alice.oid,
      org: 'contoso',
      name: 'replayed',
      validTo: new Date(now + 3 * DAY),
    });
    const { buttons } = await listButtons();
    const responseUrl = h.slack.responseUrl();
    const payload = buttonClick({
      user: 'UALICE',
      actionId: 'pat_renew',
      value: buttonFor(buttons, pat.authorizationId, 'pat_renew'),
      responseUrl,
    });
    expect((await h.interact(payload)).status).toBe(200);
    await h.slack.waitFor(() => h.slack.responses(responseUrl.split('/').pop()).length > 0);
    expect((await h.interact(payload)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.ado.sim.requestCount({ method: 'PUT' })).toBe(1);
    expect(h.slack.responses(responseUrl.split('/').pop())).toHaveLength(1);
  });

  it('refuses an expired button', async () => {
    const pat = h.ado.sim.addPat({
      ownerOid: h.ado.alice.oid,
      org: 'contoso',
      name: 'late',
      validTo: new Date(now + 3 * DAY),
    });
    const { buttons } = await listButtons();
    // One lifetime for every button, Teams and Slack (core ACTION_TTL_SECONDS, 14 days).
    h.ado.clock.advance(ACTION_TTL_SECONDS * 1000 + 3600_000);
    try {
      const { reply } = await click(
        'UALICE',
        'pat_renew',
        buttonFor(buttons, pat.authorizationId, 'pat_renew'),
      );
      expect(String(reply.text)).toContain('That button has expired');
      expect(h.ado.sim.requestCount()).toBe(0);
    } finally {
      h.ado.clock.set(new Date(now));
    }
  });

  it('revokes from the list only through Slack’s confirm dialog', async () => {
    const pat = h.ado.sim.addPat({
      ownerOid: h.ado.alice.oid,
      org: 'contoso',
      name: 'to-revoke',
      validTo: new Date(now + 20 * DAY),
    });
    const { blocks, buttons } = await listButtons();
    const revokeButton = (blocks as Array<Record<string, unknown>>)
      .filter((b) => b.block_id === `pat_actions:${pat.authorizationId}`)
      .flatMap((b) => b.elements as Array<Record<string, unknown>>)
      .find((e) => e.action_id === 'pat_confirm_revoke');
    expect(revokeButton?.style).toBe('danger');
    expect(JSON.stringify(revokeButton?.confirm)).toContain('Revoke `to-revoke` in contoso?');
    const { reply } = await click(
      'UALICE',
      'pat_confirm_revoke',
      buttonFor(buttons, pat.authorizationId, 'pat_confirm_revoke'),
    );
    expect(h.ado.sim.getPat(pat.authorizationId)?.revoked).toBe(true);
    // By the signed id: one Get and one Delete, no listing.
    expect(h.ado.sim.requestCount()).toBe(2);
    expect(h.ado.sim.requestCount({ method: 'DELETE' })).toBe(1);
    expect(reply.replace_original).toBe(true);
    expect(String(reply.text)).toContain('Revoked `to-revoke` in contoso');
    expect(JSON.stringify(reply.blocks)).toContain(':white_circle:');
  });

  it('/pat revoke asks first; Cancel keeps the PAT; Revoke revokes it', async () => {
    const pat = h.ado.sim.addPat({
      ownerOid: h.ado.alice.oid,
      org: 'contoso',
      name: 'ask-me',
      validTo: new Date(now + 20 * DAY),
    });
    const res = await h.command('revoke ask-me');
    const [question] = await h.slack.waitFor(() => {
      const r = h.slack.responses(res.responseId);
      return r.length > 0 && r;
    });
    expect(String(question.body.text)).toContain('Revoke `ask-me` in contoso?');
    expect(h.ado.sim.getPat(pat.authorizationId)?.revoked).toBe(false);
    expect(h.ado.sim.requestCount({ method: 'DELETE' })).toBe(0);
    const qButtons = buttonsIn(question.body.blocks);
    const cancel = qButtons.find((b) => b.action_id === 'pat_cancel')?.value ?? '';
    const confirm = qButtons.find((b) => b.action_id === 'pat_confirm_revoke')?.value ?? '';

    const cancelled = await click('UALICE', 'pat_cancel', cancel);
    expect(String(cancelled.reply.text)).toContain('nothing was revoked');
    expect(h.ado.sim.getPat(pat.authorizationId)?.revoked).toBe(false);

    const done = await click('UALICE', 'pat_confirm_revoke', confirm);
    expect(String(done.reply.text)).toContain('Revoked `ask-me`');
    expect(h.ado.sim.getPat(pat.authorizationId)?.revoked).toBe(true);

    // A second press finds it already revoked and changes nothing, without a call.
    h.ado.sim.resetRequests();
    const again = await click('UALICE', 'pat_confirm_revoke', confirm);
    expect(String(again.reply.text)).toContain('already revoked');
    expect(h.ado.sim.requestCount()).toBe(0);
  });

  it('never puts an access token in logs, Slack calls or replies', () => {
    expect(h.ids.minted.length).toBeGreaterThan(0);
    const everything = [h.logs.text(), ...sentToSlack].join('\n');
    expect(sentToSlack.join('')).toContain('Renewed');
    for (const token of h.ids.minted) {
      expect(everything).not.toContain(token);
      expect(everything).not.toContain(token.split('.')[2]);
    }
    expect(h.logs.text()).not.toContain('sandbox-not-a-slack-token-test');
  });
});
