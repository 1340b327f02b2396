/** The Slack Notifier: reminders in the person's DM, channel digests, 429 isolation, failures. */
import type { ChannelDigest, PatReminder, ReminderPat } from '../../../src/core/notifier';
import {
  buttonClick,
  buttonsIn,
  startSlackHarness,
  TEAM,
  type SlackHarness,
} from '../../support/slack-harness';

const DAY = 86_400_000;

describe('SlackNotifier', () => {
  let h: SlackHarness;
  let now: number;
  let aliceId: string;
  let bobId: string;

  function reminderPat(id: string, name: string, days: number): ReminderPat {
    const at = new Date(now + days * DAY);
    return {
      patId: id,
      name,
      org: 'contoso',
      daysLeft: days,
      expiresAt: at,
      validTo: at,
      expiresOn: 'Thu 3 Dec 2026',
      relative: `in ${days} days`,
      allOrgs: false,
      endsAtGlobalRetirement: false,
    };
  }

  function reminder(pat: ReminderPat): PatReminder {
    return {
      kind: 'threshold',
      threshold: '7d',
      thresholdLabel: 'expires in 5 days',
      pat,
      timeZone: 'UTC',
      timeZoneLabel: 'UTC',
      text: `${pat.name} in contoso expires in 5 days.`,
    };
  }

  function digest(key: string, pats: Array<{ owner: string; pat: ReminderPat }>): ChannelDigest {
    return {
      conversationKey: key,
      day: '2026-11-28',
      timeZone: 'UTC',
      timeZoneLabel: 'UTC',
      entries: pats.map((p) => ({
        owner: { userId: p.owner, displayName: null },
        kind: 'threshold',
        threshold: '7d',
        thresholdLabel: 'expires in 5 days',
        pat: p.pat,
      })),
      unreadable: [],
      text: `${pats.length} PATs expire soon.`,
    };
  }

  beforeAll(async () => {
    h = await startSlackHarness();
    now = h.ado.clock.now().getTime();
    aliceId = await h.link('UALICE', h.ado.alice);
    bobId = await h.link('UBOB', h.ado.bob);
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.slack.reset();
    h.ado.sim.resetRequests();
  });

  it('DMs a reminder with Renew and Snooze buttons; Snooze works for the owner', async () => {
    const pat = h.ado.sim.addPat({
      ownerOid: h.ado.alice.oid,
      org: 'contoso',
      name: 'remind-me',
      validTo: new Date(now + 5 * DAY),
    });
    const result = await h.channel.notifier.sendDirect(
      aliceId,
      reminder(reminderPat(pat.authorizationId, 'remind-me', 5)),
    );
    expect(result).toEqual({ ok: true });
    const post = h.slack.calls('chat.postMessage')[0];
    expect(post.args.channel).toBe('DALICE');
    expect(String(post.args.text)).toContain('remind-me in contoso expires in 5 days.');
    const buttons = buttonsIn(post.args.blocks);
    expect(buttons.map((b) => b.action_id)).toEqual([
      'pat_renew',
      'pat_renew_other',
      'pat_rotate',
      'pat_snooze_1',
      'pat_snooze_3',
    ]);
    expect(await h.store.conversations.personalFor(aliceId, 'slack')).toMatchObject({
      key: `slack:${TEAM}:DALICE`,
    });

    const responseUrl = h.slack.responseUrl();
    const snooze = buttons.find((b) => b.action_id === 'pat_snooze_3')?.value ?? '';
    await h.interact(
      buttonClick({
        user: 'UALICE',
        actionId: 'pat_snooze_3',
        value: snooze,
        responseUrl,
        channel: 'DALICE',
        ephemeral: false,
      }),
    );
    const [reply] = await h.slack.waitFor(() => {
      const r = h.slack.responses(responseUrl.split('/').pop());
      return r.length > 0 && r;
    });
    expect(reply.body.replace_original).toBe(true);
    expect(String(reply.body.text)).toContain('Snoozed reminders for this PAT until Tue 1 Dec 2026');
    const until = await h.store.snoozes.get(aliceId, pat.authorizationId);
    expect(until?.getTime()).toBe(now + 3 * DAY);
    expect(h.ado.sim.requestCount()).toBe(0);
  });

  it("one click on a reminder's Renew renews for 90 days: one Get and one Update", async () => {
    const pat = h.ado.sim.addPat({
      ownerOid: h.ado.alice.oid,
      org: 'contoso',
      name: 'remind-renew',
      validTo: new Date(now + 4 * DAY),
    });
    await h.channel.notifier.sendDirect(
      aliceId,
      reminder(reminderPat(pat.authorizationId, 'remind-renew', 4)),
    );
    const post = h.slack.calls('chat.postMessage').at(-1)!;
    const renew = buttonsIn(post.args.blocks).find((b) => b.action_id === 'pat_renew');
    expect(JSON.stringify(post.args.blocks)).toContain('Renew 90 days');
    h.ado.sim.resetRequests();
    const responseUrl = h.slack.responseUrl();
    await h.interact(
      buttonClick({
        user: 'UALICE',
        actionId: 'pat_renew',
        value: renew?.value ?? '',
        responseUrl,
        channel: 'DALICE',
        ephemeral: false,
      }),
    );
    const [reply] = await h.slack.waitFor(() => {
      const r = h.slack.responses(responseUrl.split('/').pop());
      return r.length > 0 && r;
    });
    expect(String(reply.body.text)).toContain('Renewed `remind-renew` until Fri 26 Feb 2027 (in 90 days).');
    expect(h.ado.sim.requestCount()).toBe(2);
    expect(
      Math.abs((h.ado.sim.getPat(pat.authorizationId)?.validTo.getTime() ?? 0) - (now + 90 * DAY)),
    ).toBeLessThan(60_000);
  });

  it("an expired PAT's reminder offers Create replacement; its click opens the modal with the new PAT", async () => {
    const pat = h.ado.sim.addPat({
      ownerOid: h.ado.alice.oid,
      org: 'contoso',
      name: 'remind-expired',
      validTo: new Date(now - 2 * DAY),
    });
    await h.channel.notifier.sendDirect(aliceId, {
      ...reminder(reminderPat(pat.authorizationId, 'remind-expired', -2)),
      kind: 'expired',
      threshold: 'expired',
      text: 'remind-expired in contoso expired 2 days ago.',
    });
    const post = h.slack.calls('chat.postMessage').at(-1)!;
    const buttons = buttonsIn(post.args.blocks);
    expect(buttons.map((b) => b.action_id)).toEqual(['pat_recreate']);
    expect(JSON.stringify(post.args.blocks)).toContain('Create replacement');
    await h.interact(
      buttonClick({
        user: 'UALICE',
        actionId: 'pat_recreate',
        value: buttons[0].value ?? '',
        responseUrl: h.slack.responseUrl(),
        channel: 'DALICE',
        ephemeral: false,
      }),
    );
    const update = await h.slack.waitFor(() => h.slack.calls('views.update')[0]);
    expect(JSON.stringify(update.args.view)).toContain('Created `remind-expired` in contoso');
    const made = h.ado.sim
      .patsOf(h.ado.alice.oid)
      .filter((p) => p.displayName === 'remind-expired' && p.authorizationId !== pat.authorizationId);
    expect(made).toHaveLength(1);
  });

  it('posts a channel digest; a Renew click by someone else is refused privately, by the owner answered privately', async () => {
    const pat = h.ado.sim.addPat({
      ownerOid: h.ado.alice.oid,
      org: 'contoso',
      name: 'team-pat',
      validTo: new Date(now + 5 * DAY),
    });
    const result = await h.channel.notifier.sendChannelDigest(
      `slack:${TEAM}:C55`,
      digest(`slack:${TEAM}:C55`, [{ owner: aliceId, pat: reminderPat(pat.authorizationId, 'team-pat', 5) }]),
    );
    expect(result).toEqual({ ok: true });
    const post = h.slack.calls('chat.postMessage')[0];
    expect(post.args.channel).toBe('C55');
    const text = JSON.stringify(post.args.blocks);
    expect(text).toContain('<@UALICE>');
    expect(text).toContain('team-pat');
    const section = (post.args.blocks as Array<Record<string, unknown>>).find(
      (b) => b.block_id === `digest:${pat.authorizationId}`,
    );
    const value = (section?.accessory as { value: string }).value;

    const bobUrl = h.slack.responseUrl();
    await h.interact(
      buttonClick({
        user: 'UBOB',
        actionId: 'pat_renew',
        value,
        responseUrl: bobUrl,
        channel: 'C55',
        ephemeral: false,
      }),
    );
    const [refusal] = await h.slack.waitFor(() => {
      const r = h.slack.responses(bobUrl.split('/').pop());
      return r.length > 0 && r;
    });
    expect(refusal.body).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
      text: 'Only <@UALICE> can renew this PAT.',
    });
    expect(h.ado.sim.requestCount()).toBe(0);

    const aliceUrl = h.slack.responseUrl();
    await h.interact(
      buttonClick({
        user: 'UALICE',
        actionId: 'pat_renew',
        value,
        responseUrl: aliceUrl,
        channel: 'C55',
        ephemeral: false,
      }),
    );
    const [done] = await h.slack.waitFor(() => {
      const r = h.slack.responses(aliceUrl.split('/').pop());
      return r.length > 0 && r;
    });
    // The digest stays for everyone; the outcome is only for alice.
    expect(done.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(done.body.text)).toContain('Renewed `team-pat`');
    expect(
      Math.abs((h.ado.sim.getPat(pat.authorizationId)?.validTo.getTime() ?? 0) - (now + 90 * DAY)),
    ).toBeLessThan(60_000);
  });

  it('a 429 in one channel delays only that channel’s digest', async () => {
    h.slack.rateLimit({ method: 'chat.postMessage', channel: 'CHOT', retryAfterSeconds: 1, times: 1 });
    const p = reminderPat('33333333-3333-4333-8333-333333333333', 'x', 5);
    const started = Date.now();
    const hot = h.channel.notifier
      .sendChannelDigest(`slack:${TEAM}:CHOT`, digest(`slack:${TEAM}:CHOT`, [{ owner: bobId, pat: p }]))
      .then((r) => ({ r, ms: Date.now() - started }));
    await new Promise((r) => setTimeout(r, 100));
    const cool = await h.channel.notifier.sendChannelDigest(
      `slack:${TEAM}:CCOOL`,
      digest(`slack:${TEAM}:CCOOL`, [{ owner: bobId, pat: p }]),
    );
    const coolMs = Date.now() - started;
    const hotDone = await hot;
    expect(cool).toEqual({ ok: true });
    expect(coolMs).toBeLessThan(800);
    expect(hotDone.r).toEqual({ ok: true });
    expect(hotDone.ms).toBeGreaterThanOrEqual(1000);
  });

  it('reports a channel the bot was removed from as a permanent failure', async () => {
    h.slack.answer('chat.postMessage', (a) =>
      a.channel === 'CGONE' ? { ok: false, error: 'not_in_channel' } : { channel: a.channel, ts: '1.1' },
    );
    const p = reminderPat('44444444-4444-4444-8444-444444444444', 'x', 5);
    const result = await h.channel.notifier.sendChannelDigest(
      `slack:${TEAM}:CGONE`,
      digest(`slack:${TEAM}:CGONE`, [{ owner: bobId, pat: p }]),
    );
    expect(result).toMatchObject({ ok: false, permanent: true, conversationKey: `slack:${TEAM}:CGONE` });
    if (!result.ok) expect(result.error.code).toBe('chat.unreachable');
    h.slack.rateLimit({ method: 'chat.postMessage', channel: 'CBUSY', retryAfterSeconds: 0, times: 5 });
    const busy = await h.channel.notifier.sendChannelDigest(
      `slack:${TEAM}:CBUSY`,
      digest(`slack:${TEAM}:CBUSY`, [{ owner: bobId, pat: p }]),
    );
    expect(busy).toMatchObject({ ok: false, permanent: false });
    if (!busy.ok) expect(busy.error.code).toBe('chat.throttled');
    const unknown = await h.channel.notifier.sendDirect('no-such-user', reminder(p));
    expect(unknown).toMatchObject({ ok: false, permanent: true });
  });

  it('sends the sign-in-needed notice with a fresh link', async () => {
    const result = await h.channel.notifier.sendDirect(bobId, {
      kind: 'signin-needed',
      reason: 'needs_signin',
      code: 'auth.needs_signin',
      message: "I can't reach your Azure DevOps account any more (your sign-in expired).",
      nextStep: 'Sign in again to keep reminders working.',
      text: "I can't reach your Azure DevOps account any more.",
    });
    expect(result).toEqual({ ok: true });
    const post = h.slack.calls('chat.postMessage').find((c) => c.args.channel === 'DBOB');
    expect(JSON.stringify(post?.args.blocks)).toContain('test-T1-UBOB-');
  });
});
