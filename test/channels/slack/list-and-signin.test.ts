/** `/pat list`, ephemeral vs DM replies, the not-linked prompt and the signed-in follow-up. */
import { buttonsIn, startSlackHarness, TEAM, type SlackHarness } from '../../support/slack-harness';

const DAY = 86_400_000;

describe('Slack /pat list and sign-in', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await startSlackHarness();
    const now = h.ado.clock.now().getTime();
    await h.link('UALICE', h.ado.alice);
    h.ado.sim.addPat({
      ownerOid: h.ado.alice.oid,
      org: 'contoso',
      name: 'nightly <build>',
      validTo: new Date(now + 5 * DAY),
    });
    h.ado.sim.addPat({
      ownerOid: h.ado.alice.oid,
      org: 'contoso',
      name: 'deploy',
      validTo: new Date(now + 100 * DAY),
      scope: 'vso.code vso.build',
    });
    h.ado.sim.addPat({
      ownerOid: h.ado.alice.oid,
      global: true,
      name: 'legacy',
      scope: 'app_token',
      validTo: new Date(now + 200 * DAY),
    });
    h.ado.sim.addPat({
      ownerOid: h.ado.bob.oid,
      org: 'contoso',
      name: 'bobs-pat',
      validTo: new Date(now + 10 * DAY),
    });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.slack.reset();
    h.ado.sim.resetRequests();
  });

  it('lists the caller’s PATs, ephemeral in a channel, with status, warnings and signed buttons', async () => {
    const res = await h.command('list');
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const [reply] = await h.slack.waitFor(() => {
      const r = h.slack.responses(res.responseId);
      return r.length > 0 && r;
    });
    expect(reply.body.response_type).toBe('ephemeral');
    const text = JSON.stringify(reply.body.blocks);
    // soonest first, names escaped, emoji per status, org, scopes, days left
    expect(text.indexOf('nightly &lt;build&gt;')).toBeGreaterThan(-1);
    expect(text.indexOf('nightly &lt;build&gt;')).toBeLessThan(text.indexOf('deploy'));
    expect(text).toContain(':red_circle:');
    expect(text).toContain(':large_green_circle:');
    expect(text).toContain('Expires in 5 days');
    expect(text).toContain('contoso');
    expect(text).not.toContain('bobs-pat');
    // flags for the all-organisations, full-access PAT
    expect(text).toContain('All organisations: stops working on Tue 1 Dec 2026');
    expect(text).toContain('Full access: consider narrower scopes');
    const buttons = buttonsIn(reply.body.blocks);
    expect(buttons.map((b) => b.action_id)).toEqual(
      expect.arrayContaining(['pat_renew', 'pat_renew_other', 'pat_confirm_revoke']),
    );
    for (const b of buttons) expect((b.value ?? '').length).toBeLessThanOrEqual(2000);
    // Azure DevOps was really asked, with alice's token
    expect(h.ado.sim.requests({ method: 'GET' }).every((r) => r.oid === h.ado.alice.oid)).toBe(true);
    expect(h.ado.sim.requestCount({ method: 'GET' })).toBeGreaterThan(0);
  });

  it('answers as a normal message in the person’s own DM with patbot', async () => {
    const res = await h.command('list', { channel: 'DALICE' });
    const [reply] = await h.slack.waitFor(() => {
      const r = h.slack.responses(res.responseId);
      return r.length > 0 && r;
    });
    expect(reply.body.response_type).toBe('in_channel');
    expect(h.slack.calls('conversations.open')[0]?.args.users).toBe('UALICE');
  });

  it('stays ephemeral in a DM with someone else', async () => {
    const res = await h.command('list', { channel: 'DSOMEONEELSE' });
    const [reply] = await h.slack.waitFor(() => {
      const r = h.slack.responses(res.responseId);
      return r.length > 0 && r;
    });
    expect(reply.body.response_type).toBe('ephemeral');
  });

  it('shows dates in the person’s Slack time zone (users.info)', async () => {
    h.slack.answer('users.info', (a) =>
      a.user === 'UTOKYO' ? { user: { id: 'UTOKYO', tz: 'Asia/Tokyo', real_name: 'Tomo' } } : {},
    );
    const tomo = { oid: '0c000000-0000-4000-8000-00000000000f', name: 'tomo@contoso.com' };
    h.ado.sim.addMember('contoso', tomo);
    h.ado.sim.addPat({
      ownerOid: tomo.oid,
      org: 'contoso',
      name: 'late-night',
      validTo: new Date('2026-12-03T23:30:00Z'),
    });
    await h.link('UTOKYO', tomo);
    const res = await h.command('list', { user: 'UTOKYO' });
    const [reply] = await h.slack.waitFor(() => {
      const r = h.slack.responses(res.responseId);
      return r.length > 0 && r;
    });
    const text = JSON.stringify(reply.body.blocks);
    expect(text).toContain('Dates in Asia/Tokyo');
    expect(text).toContain('Expires in 6 days · Fri 4 Dec 2026');
    const user = await h.store.users.get(await h.userId('UTOKYO'));
    expect(user).toMatchObject({ timezone: 'Asia/Tokyo', displayName: 'Tomo' });
  });

  it('pages long lists', async () => {
    const now = h.ado.clock.now().getTime();
    const carol = { oid: '0c000000-0000-4000-8000-000000000001', name: 'carol@contoso.com' };
    h.ado.sim.addMember('contoso', carol);
    for (let i = 0; i < 12; i++) {
      h.ado.sim.addPat({
        ownerOid: carol.oid,
        org: 'contoso',
        name: `p${String(i).padStart(2, '0')}`,
        validTo: new Date(now + (40 + i) * DAY),
      });
    }
    await h.link('UCAROL', carol);
    const res = await h.command('list', { user: 'UCAROL' });
    const [first] = await h.slack.waitFor(() => {
      const r = h.slack.responses(res.responseId);
      return r.length > 0 && r;
    });
    const firstText = JSON.stringify(first.body.blocks);
    expect(firstText).toContain('Page 1 of 2');
    expect(firstText).toContain('p09');
    expect(firstText).not.toContain('p10');
    const next = buttonsIn(first.body.blocks).find((b) => b.action_id === 'pat_page_next');
    expect(next?.value).toBe('1');
    const pageUrl = h.slack.responseUrl();
    const { buttonClick } = await import('../../support/slack-harness');
    await h.interact(
      buttonClick({ user: 'UCAROL', actionId: 'pat_page_next', value: '1', responseUrl: pageUrl }),
    );
    const [second] = await h.slack.waitFor(() => {
      const r = h.slack.responses(pageUrl.split('/').pop());
      return r.length > 0 && r;
    });
    expect(second.body.replace_original).toBe(true);
    expect(JSON.stringify(second.body.blocks)).toContain('p11');
    expect(JSON.stringify(second.body.blocks)).toContain('Page 2 of 2');
  });

  it('prompts a person who is not linked with an ephemeral Sign in button, and makes no Azure DevOps call', async () => {
    const res = await h.command('list', { user: 'UBOB' });
    expect(res.status).toBe(200);
    const [reply] = await h.slack.waitFor(() => {
      const r = h.slack.responses(res.responseId);
      return r.length > 0 && r;
    });
    expect(reply.body.response_type).toBe('ephemeral');
    const button = (reply.body.blocks as Array<Record<string, unknown>>)
      .flatMap((b) => (Array.isArray(b.elements) ? (b.elements as Array<Record<string, unknown>>) : []))
      .find((e) => e.action_id === 'signin_link');
    expect(button?.url).toBe(h.ids.signInUrls[h.ids.signInUrls.length - 1]);
    expect(String(button?.url)).toContain('test-T1-UBOB-');
    expect(JSON.stringify(reply.body.blocks)).toContain('/pat list');
    expect(h.ado.sim.requestCount()).toBe(0);

    // The link button's own block_actions is acked.
    const { buttonClick } = await import('../../support/slack-harness');
    const ackRes = await h.interact(
      buttonClick({ user: 'UBOB', actionId: 'signin_link', value: '', responseUrl: h.slack.responseUrl() }),
    );
    expect(ackRes.status).toBe(200);

    // The identity module links bob, then calls notifySlackSignedIn: a DM, and the list runs.
    const bobId = await h.link('UBOB', h.ado.bob);
    expect(bobId).toBeTruthy();
    const result = await h.channel.notifySlackSignedIn({ teamId: TEAM, slackUserId: 'UBOB' });
    expect(result).toEqual({ dmSent: true, reran: 'list' });
    const dm = h.slack.calls('chat.postMessage')[0];
    expect(dm.args.channel).toBe('DBOB');
    expect(String(dm.args.text)).toContain("You're signed in as bob@contoso.com");
    const replies = h.slack.responses(res.responseId);
    expect(replies).toHaveLength(2);
    expect(JSON.stringify(replies[1].body.blocks)).toContain('bobs-pat');
    expect(replies[1].body.response_type).toBe('ephemeral');
  });

  it('notifySlackSignedIn without a pending command only sends the DM', async () => {
    const result = await h.channel.notifySlackSignedIn({ teamId: TEAM, slackUserId: 'UALICE' });
    expect(result).toEqual({ dmSent: true });
    expect(String(h.slack.calls('chat.postMessage')[0].args.text)).toContain('/pat list');
  });

  it('answers help in the ack itself, and explains unknown commands', async () => {
    const help = await h.command('help');
    const body = JSON.parse(help.text) as { response_type: string; blocks: unknown[] };
    expect(body.response_type).toBe('ephemeral');
    expect(JSON.stringify(body.blocks)).toContain('/pat renew &lt;name&gt;');
    const bad = await h.command('lsit');
    expect(JSON.parse(bad.text).text).toContain('/pat list');
    expect(h.ado.sim.requestCount()).toBe(0);
  });

  it('sets the organisations to look in with /pat orgs (an added one is checked first)', async () => {
    const dave = { oid: '0c000000-0000-4000-8000-0000000000da', name: 'dave@contoso.com' };
    h.ado.sim.addMember('contoso', dave);
    h.ado.sim.addOrg({ name: 'fabrikam', tenantId: h.ado.tenantId });
    h.ado.sim.addMember('fabrikam', dave);
    await h.link('UDAVE', dave);
    const typo = await h.command('orgs add nosuchorg', { user: 'UDAVE' });
    const [refused] = await h.slack.waitFor(() => {
      const r = h.slack.responses(typo.responseId);
      return r.length > 0 && r;
    });
    expect(String(refused.body.text)).toContain('I couldn’t find the Azure DevOps organisation nosuchorg.');
    expect(JSON.stringify(refused.body.blocks)).toContain(':warning:');
    expect((await h.store.users.get(await h.userId('UDAVE')))?.orgs ?? null).toBeNull();
    const res = await h.command('orgs add fabrikam', { user: 'UDAVE' });
    await h.slack.waitFor(() => h.slack.responses(res.responseId).length > 0);
    const user = await h.store.users.get(await h.userId('UDAVE'));
    // the new organisation is added to the default ones, not instead of them
    expect(user?.orgs).toEqual(['contoso', 'fabrikam']);
    const rm = await h.command('orgs remove fabrikam', { user: 'UDAVE' });
    const [reply] = await h.slack.waitFor(() => {
      const r = h.slack.responses(rm.responseId);
      return r.length > 0 && r;
    });
    expect((await h.store.users.get(await h.userId('UDAVE')))?.orgs).toEqual(['contoso']);
    expect(String(reply.body.text)).toBe('Removed `fabrikam`. I now look in `contoso`.');
  });

  it('signs out with /pat signout', async () => {
    await h.link('UERIN', h.ado.bob);
    const res = await h.command('signout', { user: 'UERIN' });
    await h.slack.waitFor(() => h.slack.responses(res.responseId).length > 0);
    const user = await h.store.users.get(await h.userId('UERIN'));
    expect(user?.entraAccount).toBeNull();
    expect(h.ids.signedOut).toContain(user?.id);
  });
});
