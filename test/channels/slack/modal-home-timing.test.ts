/** The Other… renew modal, App Home, and the 3-second ack with a slow Azure DevOps. */
import {
  buttonClick,
  buttonsIn,
  nextTrigger,
  startSlackHarness,
  TEAM,
  type SlackHarness,
} from '../../support/slack-harness';

const DAY = 86_400_000;

describe('Slack modal, App Home and ack timing', () => {
  let h: SlackHarness;
  let now: number;

  beforeAll(async () => {
    h = await startSlackHarness();
    now = h.ado.clock.now().getTime();
    await h.link('UALICE', h.ado.alice);
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.slack.reset();
    h.ado.sim.resetRequests();
    h.ado.sim.setLatency(0);
  });

  async function firstReply(responseId: string) {
    const [reply] = await h.slack.waitFor(() => {
      const r = h.slack.responses(responseId);
      return r.length > 0 && r;
    });
    return reply.body;
  }

  function submission(
    metadata: string,
    date: string | null,
    user = 'UALICE',
    length = 'date',
  ): Record<string, unknown> {
    return {
      type: 'view_submission',
      team: { id: TEAM, domain: 'contoso' },
      user: { id: user, name: user.toLowerCase(), team_id: TEAM },
      api_app_id: 'A1',
      token: 'deprecated',
      trigger_id: nextTrigger(),
      view: {
        id: 'VMODAL',
        team_id: TEAM,
        type: 'modal',
        callback_id: 'pat_renew_modal',
        private_metadata: metadata,
        blocks: [],
        state: {
          values: {
            length: { length: { type: 'static_select', selected_option: { value: length } } },
            expiry: { date: { type: 'datepicker', selected_date: date } },
          },
        },
        hash: 'h',
        title: { type: 'plain_text', text: 'Renew PAT' },
        close: null,
        submit: null,
        root_view_id: null,
        previous_view_id: null,
        clear_on_close: false,
        notify_on_close: false,
        app_id: 'A1',
        bot_id: 'BBOT',
      },
    };
  }

  it('Other… opens the renew modal, refuses bad dates inline, then renews to the chosen date', async () => {
    const pat = h.ado.sim.addPat({
      ownerOid: h.ado.alice.oid,
      org: 'contoso',
      name: 'modal-pat',
      validTo: new Date(now + 3 * DAY),
    });
    const list = await h.command('list');
    const listReply = await firstReply(list.responseId);
    const value = buttonsIn(listReply.blocks).find(
      (b) => b.block_id === `pat_actions:${pat.authorizationId}` && b.action_id === 'pat_renew_other',
    )?.value;
    h.ado.sim.resetRequests();

    const messageUrl = h.slack.responseUrl();
    const click = await h.interact(
      buttonClick({
        user: 'UALICE',
        actionId: 'pat_renew_other',
        value: value ?? '',
        responseUrl: messageUrl,
        blocks: listReply.blocks as unknown[],
      }),
    );
    expect(click.status).toBe(200);
    const open = await h.slack.waitFor(() => h.slack.calls('views.open')[0]);
    expect(open.args.trigger_id).toMatch(/^trigger\./);
    const view = open.args.view as {
      callback_id: string;
      private_metadata: string;
      blocks: Array<Record<string, unknown>>;
    };
    expect(view.callback_id).toBe('pat_renew_modal');
    expect(JSON.stringify(view.blocks)).toContain('modal-pat');
    expect(view.blocks.some((b) => b.type === 'input' && b.block_id === 'expiry')).toBe(true);
    expect(JSON.stringify(view.blocks)).toContain('"text":"Longest allowed"');
    expect(h.ado.sim.requestCount()).toBe(0);

    // Past, today and > 1 year: inline errors, modal stays open, no Azure DevOps call.
    for (const [date, expected] of [
      ['2026-11-01', 'Pick a date after today.'],
      ['2026-11-28', 'Pick a date after today.'],
      ['2028-01-01', 'Azure DevOps allows at most a year: pick 2027-11-28 or earlier.'],
      [null, 'Pick a date.'],
    ] as const) {
      const res = await h.interact(submission(view.private_metadata, date));
      expect(res.status).toBe(200);
      expect(JSON.parse(res.text)).toEqual({ response_action: 'errors', errors: { expiry: expected } });
    }
    // A changed form is refused too.
    const meta = JSON.parse(view.private_metadata) as { a: string };
    const forged = JSON.stringify({ ...meta, a: meta.a.replace(/^./, (c) => (c === 'e' ? 'f' : 'e')) });
    const tampered = await h.interact(submission(forged, '2027-01-15'));
    expect(JSON.parse(tampered.text).response_action).toBe('errors');
    expect(JSON.parse(tampered.text).errors.expiry).toContain('changed');
    // Someone else's form.
    await h.link('UBOB', h.ado.bob);
    const other = await h.interact(submission(view.private_metadata, '2027-01-15', 'UBOB'));
    expect(JSON.parse(other.text).errors.expiry).toContain('Only its owner can renew this PAT.');
    expect(h.ado.sim.requestCount()).toBe(0);

    const ok = await h.interact(submission(view.private_metadata, '2027-01-15'));
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('');
    const result = await firstReply(messageUrl.split('/').pop() as string);
    expect(result.replace_original).toBe(true);
    expect(String(result.text)).toContain('Renewed `modal-pat` until Fri 15 Jan 2027');
    expect(h.ado.sim.getPat(pat.authorizationId)?.validTo.toISOString().slice(0, 10)).toBe('2027-01-15');
    // Acts on the signed id: one Get and one Update.
    expect(h.ado.sim.requestCount()).toBe(2);
  });

  it('Other… renews for 30 days or the longest allowed without a date', async () => {
    h.ado.sim.setPolicies('contoso', { maxLifespanDays: 120 });
    const pat = h.ado.sim.addPat({
      ownerOid: h.ado.alice.oid,
      org: 'contoso',
      name: 'other-pat',
      validFrom: new Date(now),
      validTo: new Date(now + 2 * DAY),
    });
    const list = await h.command('list');
    const listReply = await firstReply(list.responseId);
    const value = buttonsIn(listReply.blocks).find(
      (b) => b.block_id === `pat_actions:${pat.authorizationId}` && b.action_id === 'pat_renew_other',
    )?.value;
    const messageUrl = h.slack.responseUrl();
    await h.interact(
      buttonClick({
        user: 'UALICE',
        actionId: 'pat_renew_other',
        value: value ?? '',
        responseUrl: messageUrl,
      }),
    );
    const open = await h.slack.waitFor(() => h.slack.calls('views.open')[0]);
    const meta = (open.args.view as { private_metadata: string }).private_metadata;
    expect(await h.interact(submission(meta, null, 'UALICE', '30'))).toMatchObject({ status: 200, text: '' });
    await h.slack.waitFor(() => h.slack.responses(messageUrl.split('/').pop()).length > 0);
    const thirty = h.ado.sim.getPat(pat.authorizationId)!.validTo.getTime();
    expect(Math.abs(thirty - (now + 30 * DAY))).toBeLessThan(60_000);
    expect(await h.interact(submission(meta, null, 'UALICE', 'max'))).toMatchObject({
      status: 200,
      text: '',
    });
    await h.slack.waitFor(() => h.slack.responses(messageUrl.split('/').pop()).length > 1);
    const longest = h.ado.sim.getPat(pat.authorizationId)!.validTo.getTime();
    expect(Math.abs(longest - (now + 120 * DAY))).toBeLessThan(DAY);
    const [, reply] = h.slack.responses(messageUrl.split('/').pop());
    expect(String(reply.body.text)).toContain('the longest your organisation allows');
    // An unknown choice is refused inline.
    const bad = await h.interact(submission(meta, null, 'UALICE', 'forever'));
    expect(JSON.parse(bad.text)).toEqual({
      response_action: 'errors',
      errors: { length: 'Pick one of the choices.' },
    });
    h.ado.sim.setPolicies('contoso', { maxLifespanDays: undefined });
  });

  it('publishes App Home with the person’s PATs and subscriptions', async () => {
    h.ado.sim.addPat({
      ownerOid: h.ado.alice.oid,
      org: 'contoso',
      name: 'home-pat',
      validTo: new Date(now + 12 * DAY),
    });
    const aliceId = await h.userId('UALICE');
    await h.store.conversations.upsert({
      key: `slack:${TEAM}:C42`,
      platform: 'slack',
      kind: 'channel',
      userId: null,
      reference: { teamId: TEAM, channelId: 'C42' },
    });
    await h.store.subscriptions.upsert(`slack:${TEAM}:C42`, aliceId, 'deploy-*');
    const res = await h.event({
      type: 'event_callback',
      team_id: TEAM,
      api_app_id: 'A1',
      event_id: 'Ev1',
      event_time: Math.floor(Date.now() / 1000),
      event: { type: 'app_home_opened', user: 'UALICE', channel: 'DALICE', tab: 'home', event_ts: '1.1' },
    });
    expect(res.status).toBe(200);
    const publish = await h.slack.waitFor(() => h.slack.calls('views.publish')[0]);
    expect(publish.args.user_id).toBe('UALICE');
    const view = publish.args.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('home-pat');
    expect(text).toContain('<#C42>');
    expect(text).toContain('deploy-*');
    expect(buttonsIn(view.blocks).some((b) => b.action_id === 'pat_renew')).toBe(true);
  });

  it('renews from App Home and republishes it with the outcome', async () => {
    const pat = h.ado.sim.addPat({
      ownerOid: h.ado.alice.oid,
      org: 'contoso',
      name: 'home-renew',
      validTo: new Date(now + 2 * DAY),
    });
    await h.event({
      type: 'event_callback',
      team_id: TEAM,
      api_app_id: 'A1',
      event_id: 'Ev2',
      event_time: 1,
      event: { type: 'app_home_opened', user: 'UALICE', tab: 'home', event_ts: '1.2' },
    });
    const first = await h.slack.waitFor(() => h.slack.calls('views.publish')[0]);
    const value = buttonsIn((first.args.view as { blocks: unknown[] }).blocks).find(
      (b) => b.block_id === `pat_actions:${pat.authorizationId}` && b.action_id === 'pat_renew',
    )?.value;
    // One click on App Home's Renew: the default 90 days.
    await h.interact(buttonClick({ user: 'UALICE', actionId: 'pat_renew', value: value ?? '', home: true }));
    const second = await h.slack.waitFor(() => h.slack.calls('views.publish')[1]);
    expect(JSON.stringify(second.args.view)).toContain('Renewed `home-renew`');
    expect(
      Math.abs((h.ado.sim.getPat(pat.authorizationId)?.validTo.getTime() ?? 0) - (now + 90 * DAY)),
    ).toBeLessThan(60_000);
  });

  it('shows a sign-in prompt on App Home when not linked', async () => {
    await h.event({
      type: 'event_callback',
      team_id: TEAM,
      api_app_id: 'A1',
      event_id: 'Ev3',
      event_time: 1,
      event: { type: 'app_home_opened', user: 'UNEW', tab: 'home', event_ts: '1.3' },
    });
    const publish = await h.slack.waitFor(() => h.slack.calls('views.publish')[0]);
    const text = JSON.stringify(publish.args.view);
    expect(text).toContain('signin_link');
    expect(text).toContain('test-T1-UNEW-');
    expect(h.ado.sim.requestCount()).toBe(0);
  });

  it('acks within 3 seconds even when Azure DevOps takes 5 seconds, then answers on response_url', async () => {
    h.ado.sim.setLatency(5000);
    const started = Date.now();
    const res = await h.command('list');
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    expect(h.slack.responses(res.responseId)).toHaveLength(0);
    const reply = await h.slack.waitFor(() => h.slack.responses(res.responseId)[0], 15_000);
    expect(reply.at - started).toBeGreaterThanOrEqual(5000);
    expect(JSON.stringify(reply.body.blocks)).toContain('Your PATs in contoso');

    // A button too.
    const value = buttonsIn(reply.body.blocks).find((b) => b.action_id === 'pat_renew_30')?.value ?? '';
    const clickUrl = h.slack.responseUrl();
    const click = await h.interact(
      buttonClick({ user: 'UALICE', actionId: 'pat_renew_30', value, responseUrl: clickUrl }),
    );
    expect(click.status).toBe(200);
    expect(click.ms).toBeLessThan(3000);
    await h.slack.waitFor(() => h.slack.responses(clickUrl.split('/').pop())[0], 20_000);
  }, 40_000);
});
