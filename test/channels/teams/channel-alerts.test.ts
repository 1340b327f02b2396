/**
 * Channel alerts in Teams: `pat subscribe` / `subscriptions` / `unsubscribe` / `snooze` typed
 * over HTTP, then the REAL reminder sweep posts the channel's daily digest with the owners
 * @mentioned, and a Renew in the digest works only for the PAT's owner.
 */
import {
  activityContext,
  ALICE,
  BOB,
  CHANNEL,
  cardOf,
  cardText,
  DAY_MS,
  findAction,
  GROUP,
  PERSONAL_ALICE,
  PERSONAL_BOB,
  startTeamsHarness,
  type TeamsHarness,
} from '../../support/teams-harness';
import { messageActivity } from '../../support/teams-activity';
import { runTeamsSweep } from '../../support/teams-sweep';

/** Monday 30 Nov 2026, 10:30 in Berlin. */
const MON = new Date('2026-11-30T09:30:00.000Z');
const at = (days: number) => new Date(MON.getTime() + days * DAY_MS);
const CHANNEL_KEY = `teams:${CHANNEL.id}`;

describe('Teams channel alerts', () => {
  let h: TeamsHarness;
  let ids: Record<string, string>;
  let aliceId: string;
  let bobId: string;
  // The first digest's Adaptive Card JSON.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let firstDigest: any;

  const lastText = () => h.connector.messages().at(-1)?.text as string;
  const userId = async (oid: string) =>
    (await h.store.users.findByIdentity({ platform: 'teams', tenantId: h.entra.tenantId, aadObjectId: oid }))!
      .id;

  beforeAll(async () => {
    h = await startTeamsHarness();
    h.clock.set(MON);
    h.entra.setAccessTokenLifetime(60); // msal refreshes on every use (see reminders.test.ts)
    const seed = (owner: string, name: string, days: number) =>
      h.ado.addPat({
        ownerOid: owner,
        org: 'contoso',
        name,
        scope: 'vso.code_write vso.build',
        validTo: at(days),
      }).authorizationId;
    ids = {
      deploy: seed(ALICE.oid, 'deploy-prod', 3),
      unrelated: seed(ALICE.oid, 'scratch', 2),
      bobs: seed(BOB.oid, 'bobs-key', 5),
    };
    await h.message(ALICE, PERSONAL_ALICE, 'pat help');
    await h.message(BOB, PERSONAL_BOB, 'pat help');
    await h.signIn(ALICE);
    await h.signIn(BOB);
    aliceId = await userId(ALICE.oid);
    bobId = await userId(BOB.oid);
    h.connector.clear();
  });
  afterAll(async () => h.close());

  it('subscribes in a channel, keyed on the channel and not on the reply thread', async () => {
    await h.message(ALICE, CHANNEL, 'pat subscribe deploy-*');
    expect(lastText()).toBe(
      'This channel will get a daily digest when your PATs matching `deploy-*` near expiry.',
    );
    await h.message(BOB, CHANNEL, 'pat subscribe');
    expect(lastText()).toBe('This channel will get a daily digest when your PATs near expiry.');
    const subs = await h.store.subscriptions.listForConversation(CHANNEL_KEY);
    expect(new Map(subs.map((s) => [s.userId, s.namePattern]))).toEqual(
      new Map([
        [aliceId, 'deploy-*'],
        [bobId, null],
      ]),
    );
    expect(await h.store.subscriptions.listForUser(aliceId)).toHaveLength(1);

    await h.message(ALICE, CHANNEL, 'pat subscribe deploy-*');
    expect(lastText()).toBe(
      'Updated: this channel now gets your PATs matching `deploy-*` in its daily digest.',
    );
  });

  it('says where to subscribe when asked in a personal chat, and subscribes nothing there', async () => {
    await h.message(ALICE, PERSONAL_ALICE, 'pat subscribe');
    expect(lastText()).toContain('Channel alerts go to a channel or group chat, not to our private chat.');
    expect(await h.store.subscriptions.listForUser(aliceId)).toHaveLength(1);
  });

  it('words the core sentences with the Teams prefix `pat`, and answers `pat signin` in a channel', async () => {
    await h.message(ALICE, PERSONAL_ALICE, 'pat unsubscribe');
    expect(lastText()).toContain('Mention me with `pat unsubscribe`');
    await h.message(ALICE, GROUP, 'pat unsubscribe');
    expect(lastText()).toContain('see who did with `pat subscriptions`.');
    await h.message(ALICE, CHANNEL, 'pat signin');
    expect(lastText()).toMatch(/^You're signed in( as \S+)?\. Type `pat list` to see your PATs\.$/);
    expect(await h.store.subscriptions.listForUser(aliceId)).toHaveLength(1);
  });

  it('lists what the channel receives', async () => {
    await h.message(BOB, CHANNEL, 'pat subscriptions');
    const text = cardText(cardOf(h.connector.messages().at(-1)));
    expect(text).toContain('This channel gets expiry alerts for:');
    expect(text).toContain('Alice Example: PATs matching `deploy-*`');
    expect(text).toContain('Bob Example (you): all PATs');
  });

  it('posts one digest a day with the owners mentioned, days left, and no scopes', async () => {
    h.connector.clear();
    const summary = await runTeamsSweep(h);
    expect(summary.digestsSent).toBe(1);
    const posts = h.connector.messages(CHANNEL.id);
    expect(posts).toHaveLength(1);
    const card = cardOf(posts[0]);
    firstDigest = card;
    const text = cardText(card);
    expect(text).toContain('PATs that need attention');
    expect(text).toContain(
      'deploy-prod · contoso\n<at>Alice Example</at>: expires in 3 days (Thu 3 Dec 2026)\n3 days left',
    );
    expect(text).toContain(
      'bobs-key · contoso\n<at>Bob Example</at>: expires in 5 days (Sat 5 Dec 2026)\n5 days left',
    );
    expect(text).not.toContain('scratch'); // outside Alice's pattern
    expect(text).not.toMatch(/vso\.|Code|Build/);
    expect(card.msteams.entities).toEqual([
      {
        type: 'mention',
        text: '<at>Alice Example</at>',
        mentioned: { id: ALICE.teamsId, name: 'Alice Example' },
      },
      { type: 'mention', text: '<at>Bob Example</at>', mentioned: { id: BOB.teamsId, name: 'Bob Example' } },
    ]);
    // The thread id never leaks into where the bot posts.
    expect(h.connector.calls.filter((c) => c.conversationId.includes('messageid'))).toHaveLength(0);

    h.connector.clear();
    await runTeamsSweep(h);
    expect(h.connector.messages(CHANNEL.id)).toHaveLength(0);
  });

  it("renews from the digest only for the PAT's owner", async () => {
    const digest = firstDigest;
    const renew = findAction(digest, '30 days', 'deploy-prod');
    h.ado.resetRequests();
    const refused = await h.press(BOB, CHANNEL, renew);
    expect(refused.body.value).toBe('Only Alice Example can renew this PAT.');
    expect(h.ado.requestCount()).toBe(0);
    expect(h.ado.getPat(ids.deploy)!.validTo.getTime()).toBe(at(3).getTime());

    const done = await h.press(ALICE, CHANNEL, renew);
    expect(h.ado.getPat(ids.deploy)!.validTo.getTime()).toBe(at(30).getTime());
    expect(cardText(done.body.value)).toContain('Renewed `deploy-prod` until');
    // Only Alice's view is replaced: the answer is user-specific.
    expect(done.body.value.refresh.userIds).toEqual([ALICE.teamsId]);
  });

  it("says in the digest when a subscriber's PATs could not be checked", async () => {
    h.entra.revokeSessions(BOB.oid);
    h.connector.clear();
    h.clock.set(at(1));
    await runTeamsSweep(h);
    const posts = h.connector.messages(CHANNEL.id);
    expect(posts).toHaveLength(1);
    const card = cardOf(posts[0]);
    expect(cardText(card)).toContain(
      "I couldn't check <at>Bob Example</at>'s PATs: they need to sign in to patbot again.",
    );
    expect(card.msteams.entities).toEqual([
      { type: 'mention', text: '<at>Bob Example</at>', mentioned: { id: BOB.teamsId, name: 'Bob Example' } },
    ]);
  });

  it('unsubscribes only the caller', async () => {
    await h.message(BOB, CHANNEL, 'pat unsubscribe');
    expect(lastText()).toBe("Done: this channel no longer gets your PATs' expiry alerts.");
    await h.message(BOB, CHANNEL, 'pat unsubscribe');
    expect(lastText()).toContain("You don't have a subscription in this channel");
    expect((await h.store.subscriptions.listForConversation(CHANNEL_KEY)).map((s) => s.userId)).toEqual([
      aliceId,
    ]);
  });

  it('subscribes in a group chat too', async () => {
    await h.message(BOB, GROUP, 'pat subscribe bobs-*');
    expect(lastText()).toContain('This channel will get a daily digest');
    expect((await h.store.subscriptions.listForUser(bobId)).map((s) => s.conversationKey)).toEqual([
      `teams:${GROUP.id}`,
    ]);
  });

  it('snoozes a PAT by name, and says so when there is no such PAT', async () => {
    await h.message(BOB, PERSONAL_BOB, 'pat snooze bobs-key 3');
    // Bob's sign-in was revoked above: he is asked to sign in, and nothing is snoozed yet.
    const prompt = h.connector.messages(PERSONAL_BOB.id).at(-1);
    expect(cardOf(prompt).actions).toContainEqual(
      expect.objectContaining({ type: 'Action.OpenUrl', title: 'Sign in' }),
    );
    expect(await h.store.snoozes.get(bobId, ids.bobs)).toBeNull();

    await h.message(ALICE, PERSONAL_ALICE, 'pat snooze scratch 3');
    const text = cardText(cardOf(h.connector.messages(PERSONAL_ALICE.id).at(-1)));
    expect(text).toContain('Snoozed reminders for `scratch` until Fri 4 Dec 2026.');
    expect((await h.store.snoozes.get(aliceId, ids.unrelated))?.getTime()).toBe(at(4).getTime());

    await h.message(ALICE, PERSONAL_ALICE, 'pat snooze nothing-like-it 3');
    expect(cardText(cardOf(h.connector.messages(PERSONAL_ALICE.id).at(-1)))).toContain(
      "I can't find a PAT called `nothing-like-it` in contoso.",
    );
  });

  it("keeps the person's time zone up to date from Teams' localTimezone", async () => {
    const activity = messageActivity(activityContext(h), ALICE, PERSONAL_ALICE, 'pat help');
    await h.post({ ...activity, localTimezone: 'America/New_York' });
    expect((await h.store.users.get(aliceId))!.timezone).toBe('America/New_York');
  });
});
