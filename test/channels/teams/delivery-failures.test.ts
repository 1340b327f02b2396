/**
 * What the Teams notifier reports when the Bot Connector refuses a post, and what the REAL sweep
 * does with it: 403/404 → permanent (the conversation is marked failed and skipped from then on),
 * 429 and 5xx → transient (the reminder is retried by the next sweep).
 */
import type { ChannelDigest, DirectReminder } from '../../../src/core/notifier';
import {
  ALICE,
  BOB,
  CHANNEL,
  cardOf,
  cardText,
  DAY_MS,
  PERSONAL_ALICE,
  PERSONAL_BOB,
  startTeamsHarness,
  type TeamsHarness,
} from '../../support/teams-harness';
import { runTeamsSweep } from '../../support/teams-sweep';

const MON = new Date('2026-11-30T09:30:00.000Z');
const at = (days: number) => new Date(MON.getTime() + days * DAY_MS);

describe('Teams delivery failures', () => {
  let h: TeamsHarness;
  let ids: Record<string, string>;
  let aliceId: string;
  let bobId: string;

  const userId = async (oid: string) =>
    (await h.store.users.findByIdentity({ platform: 'teams', tenantId: h.entra.tenantId, aadObjectId: oid }))!
      .id;
  const sentKey = (patId: string, userId: string, days: number, threshold: string) =>
    h.store.ledger.get({
      patId,
      threshold: `${threshold}@${at(days).toISOString()}`,
      target: `dm:${userId}`,
    });

  beforeAll(async () => {
    h = await startTeamsHarness();
    h.clock.set(MON);
    h.entra.setAccessTokenLifetime(60);
    const seed = (owner: string, name: string, days: number) =>
      h.ado.addPat({ ownerOid: owner, org: 'contoso', name, scope: 'vso.code', validTo: at(days) })
        .authorizationId;
    ids = { alice: seed(ALICE.oid, 'alice-key', 3), bob: seed(BOB.oid, 'bob-key', 3) };
    await h.message(ALICE, PERSONAL_ALICE, 'pat help');
    await h.message(BOB, PERSONAL_BOB, 'pat help');
    await h.signIn(ALICE);
    await h.signIn(BOB);
    aliceId = await userId(ALICE.oid);
    bobId = await userId(BOB.oid);
    h.connector.clear();
  });
  afterEach(() => h.connector.clearFailures());
  afterAll(async () => h.close());

  it('a 429 is transient: the chat stays, the reminder is not recorded and the next sweep sends it', async () => {
    h.connector.failFor(PERSONAL_BOB.id, 429);
    const first = await runTeamsSweep(h);
    expect(h.connector.failedCalls(PERSONAL_BOB.id)).toBeGreaterThan(0);
    expect(first.failures).toMatchObject({ 'chat.throttled': 1 });
    expect((await h.store.conversations.get(`teams:${PERSONAL_BOB.id}`))!.status).toBe('active');
    expect((await sentKey(ids.bob, bobId, 3, '3d'))?.status).not.toBe('sent');
    // One person's throttling does not hold up the others.
    expect(cardText(cardOf(h.connector.messages(PERSONAL_ALICE.id)[0]))).toContain(
      'alice-key expires in 3 days',
    );

    h.connector.clearFailures();
    h.clock.set(new Date(MON.getTime() + 3_600_000));
    await runTeamsSweep(h);
    expect(cardText(cardOf(h.connector.messages(PERSONAL_BOB.id)[0]))).toContain('bob-key expires in 3 days');
    expect((await sentKey(ids.bob, bobId, 3, '3d'))?.status).toBe('sent');
  });

  it('a 403 is permanent: the personal chat is marked failed and skipped afterwards', async () => {
    h.ado.addPat({
      ownerOid: ALICE.oid,
      org: 'contoso',
      name: 'alice-soon',
      scope: 'vso.code',
      validTo: at(1),
    });
    h.connector.failFor(PERSONAL_ALICE.id, 403);
    h.clock.set(new Date(MON.getTime() + 2 * 3_600_000));
    const summary = await runTeamsSweep(h);
    expect(summary.failures).toMatchObject({ 'chat.unreachable': 1 });
    const stored = await h.store.conversations.get(`teams:${PERSONAL_ALICE.id}`);
    expect(stored).toMatchObject({ status: 'failed' });
    expect(stored!.failureReason).toMatch(/^chat\.unreachable: /);

    const calls = h.connector.failedCalls(PERSONAL_ALICE.id);
    h.clock.set(new Date(MON.getTime() + 3 * 3_600_000));
    const next = await runTeamsSweep(h);
    expect(h.connector.failedCalls(PERSONAL_ALICE.id)).toBe(calls);
    expect(next.undeliverable).toBeGreaterThan(0);
    expect(aliceId).toEqual(expect.any(String));
  });

  describe('the notifier itself', () => {
    const reminder: DirectReminder = {
      kind: 'signin-needed',
      reason: 'needs_signin',
      code: 'auth.needs_signin',
      message: 'Your sign-in expired.',
      nextStep: 'Sign in again.',
      text: "I can't check your Azure DevOps PATs any more.",
    };
    const digest = (): ChannelDigest => ({
      conversationKey: `teams:${CHANNEL.id}`,
      day: '2026-11-30',
      timeZone: 'UTC',
      timeZoneLabel: 'UTC',
      entries: [],
      unreadable: [{ owner: { userId: bobId, displayName: 'Bob Example' }, code: 'auth.needs_signin' }],
      text: "I couldn't check Bob Example's PATs: they need to sign in to patbot again.",
    });

    beforeAll(async () => {
      await h.message(BOB, CHANNEL, 'pat subscriptions'); // stores the channel's reference
    });

    it('maps 403 and 404 to permanent failures that name the conversation', async () => {
      for (const status of [403, 404]) {
        h.connector.failFor(CHANNEL.id, status);
        const result = await h.channel.notifier.sendChannelDigest(`teams:${CHANNEL.id}`, digest());
        expect(result).toMatchObject({
          ok: false,
          permanent: true,
          conversationKey: `teams:${CHANNEL.id}`,
          error: { code: 'chat.unreachable' },
        });
      }
    });

    it('maps 429 and 500 to transient failures', async () => {
      h.connector.failFor(PERSONAL_BOB.id, 429);
      expect(await h.channel.notifier.sendDirect(bobId, reminder)).toMatchObject({
        ok: false,
        permanent: false,
        conversationKey: `teams:${PERSONAL_BOB.id}`,
        error: { code: 'chat.throttled' },
      });
      h.connector.failFor(PERSONAL_BOB.id, 500);
      expect(await h.channel.notifier.sendDirect(bobId, reminder)).toMatchObject({
        ok: false,
        permanent: false,
        error: { code: 'chat.unreachable' },
      });
      h.connector.clearFailures();
      expect(await h.channel.notifier.sendDirect(bobId, reminder)).toEqual({ ok: true });
    });

    it('reports a person or channel it cannot reach as permanent, without posting', async () => {
      h.connector.clear();
      const stranger = await h.store.users.upsertByIdentity({
        platform: 'slack',
        teamId: 'T1',
        slackUserId: 'U1',
      });
      expect(await h.channel.notifier.sendDirect(stranger.id, reminder)).toMatchObject({
        ok: false,
        permanent: true,
        error: { code: 'chat.unreachable' },
      });
      expect(await h.channel.notifier.sendDirect(aliceId, reminder)).toMatchObject({
        ok: false,
        permanent: true,
        conversationKey: `teams:${PERSONAL_ALICE.id}`,
      });
      expect(
        await h.channel.notifier.sendChannelDigest('teams:19:unknown@thread.tacv2', digest()),
      ).toMatchObject({
        ok: false,
        permanent: true,
      });
      expect(h.connector.calls).toHaveLength(0);
    });
  });
});
