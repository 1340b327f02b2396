/**
 * Proactive groundwork and the commands around the PAT list: welcome card, help, orgs, commands
 * that come later, conversation references kept and forgotten, and the proactive sender.
 */
import { installActivity, membersActivity, messageActivity } from '../../support/teams-activity';
import {
  activityContext,
  ALICE,
  BOB,
  CHANNEL,
  cardOf,
  cardText,
  findAction,
  PERSONAL_ALICE,
  PERSONAL_BOB,
  startTeamsHarness,
  type TeamsHarness,
} from '../../support/teams-harness';
import { isCodedError } from '../../../src/errors';

describe('Teams conversations', () => {
  let h: TeamsHarness;

  beforeAll(async () => {
    h = await startTeamsHarness();
  });
  afterAll(async () => h.close());
  beforeEach(() => h.connector.clear());

  const userOf = (who = ALICE) =>
    h.store.users.findByIdentity({ platform: 'teams', tenantId: h.entra.tenantId, aadObjectId: who.oid });

  it('welcomes a new personal chat once, with a "List my PATs" button, and stores its reference', async () => {
    const answer = await h.post(installActivity(activityContext(h), ALICE, PERSONAL_ALICE, 'add'));
    expect(answer.status).toBe(200);
    const welcome = cardOf(h.connector.messages(PERSONAL_ALICE.id)[0]);
    expect(cardText(welcome)).toContain('patbot keeps your Azure DevOps PATs from expiring by surprise.');
    expect(findAction(welcome, 'List my PATs').verb).toBe('pat.list');

    const user = await userOf();
    const stored = await h.store.conversations.get(`teams:${PERSONAL_ALICE.id}`);
    expect(stored).toMatchObject({ platform: 'teams', kind: 'personal', userId: user!.id, status: 'active' });
    expect(stored!.reference).toMatchObject({
      serviceUrl: h.connector.serviceUrl,
      conversation: { id: PERSONAL_ALICE.id, tenantId: h.entra.tenantId },
      user: { id: ALICE.teamsId, aadObjectId: ALICE.oid },
    });
    expect(await h.store.users.identities(user!.id)).toContainEqual(
      expect.objectContaining({
        platform: 'teams',
        tenantId: h.entra.tenantId,
        aadObjectId: ALICE.oid,
        teamsUserId: ALICE.teamsId,
      }),
    );
    expect(user!.timezone).toBe('Europe/Berlin');

    h.connector.clear();
    await h.message(ALICE, PERSONAL_ALICE, 'pat help');
    expect(h.connector.messages()).toHaveLength(1); // no second welcome
  });

  it('writes the reference only when it changed, and makes a failed conversation active again', async () => {
    const key = `teams:${PERSONAL_ALICE.id}`;
    await h.message(ALICE, PERSONAL_ALICE, 'pat help');
    const first = await h.store.conversations.get(key);
    h.clock.advance(60_000);
    await h.message(ALICE, PERSONAL_ALICE, 'pat help');
    // Same reference: no write, so the row still carries the earlier time.
    expect((await h.store.conversations.get(key))!.updatedAt).toEqual(first!.updatedAt);

    await h.store.conversations.markFailed(key, 'gone');
    h.clock.advance(60_000);
    await h.message(ALICE, PERSONAL_ALICE, 'pat help');
    const revived = await h.store.conversations.get(key);
    expect(revived).toMatchObject({ status: 'active', failureReason: null });
    expect(revived!.updatedAt.getTime()).toBeGreaterThan(first!.updatedAt.getTime());

    // Teams moved the chat to another service URL: the new one is stored.
    const moved = `${h.connector.serviceUrl}moved/`;
    await h.post(
      messageActivity({ ...activityContext(h), serviceUrl: moved }, ALICE, PERSONAL_ALICE, 'pat help'),
    );
    expect((await h.store.conversations.get(key))!.reference).toMatchObject({ serviceUrl: moved });
  });

  it('welcomes on the first message of a personal chat it did not see installed', async () => {
    await h.message(BOB, PERSONAL_BOB, 'pat help');
    const [first, second] = h.connector.messages(PERSONAL_BOB.id);
    expect(cardText(cardOf(first))).toContain('patbot keeps your Azure DevOps PATs');
    const help = cardText(cardOf(second));
    expect(help).toContain('pat renew ‹name› [30|90|max|yyyy-mm-dd]');
    expect(help).toContain('Example: pat revoke old-deploy');
  });

  it('answers help, orgs and a not-yet-available command in a channel after an @mention', async () => {
    await h.message(ALICE, CHANNEL, 'pat help');
    expect(cardText(cardOf(h.connector.messages().at(-1)))).toContain('Mention me first');

    h.ado.addOrg({ name: 'fabrikam', tenantId: h.entra.tenantId });
    h.ado.addMember('fabrikam', { oid: ALICE.oid, name: ALICE.upn });
    await h.signIn(ALICE); // adding an organisation checks it with Azure DevOps, as Alice
    h.connector.clear();
    await h.message(ALICE, CHANNEL, 'pat orgs add fabrikam');
    expect(h.connector.messages().at(-1).text).toBe('Added `fabrikam`. I now look in `contoso`, `fabrikam`.');
    expect((await userOf())!.orgs).toEqual(['contoso', 'fabrikam']);
    await h.message(ALICE, CHANNEL, 'pat orgs remove contoso');
    expect((await userOf())!.orgs).toEqual(['fabrikam']);
    await h.message(ALICE, CHANNEL, 'pat orgs');
    expect(h.connector.messages().at(-1).text).toContain('I look in fabrikam.');

    await h.message(ALICE, CHANNEL, 'pat status');
    expect(h.connector.messages().at(-1).text).toBe(
      '`pat status` is not available in Teams yet. For now, `pat list` shows what expires when.',
    );

    await h.message(ALICE, CHANNEL, 'pat lsit');
    expect(cardText(cardOf(h.connector.messages().at(-1)))).toBe(
      "I didn't understand `pat lsit`. Did you mean `pat list`? Type `pat help` for everything I can do.",
    );
  });

  it('stores channel references on install and forgets them when the bot is removed', async () => {
    const ctx = activityContext(h);
    await h.post(membersActivity(ctx, ALICE, CHANNEL, { added: [{ id: `28:${h.botId}` }] }));
    const key = `teams:${CHANNEL.id}`;
    const stored = await h.store.conversations.get(key);
    expect(stored).toMatchObject({ kind: 'channel', userId: null });
    expect(stored!.reference).toMatchObject({ conversation: { id: CHANNEL.id } });
    expect(h.connector.messages()).toHaveLength(0); // no welcome spam in channels

    const user = await userOf();
    await h.store.subscriptions.upsert(key, user!.id, null);
    await h.post(
      membersActivity(ctx, BOB, CHANNEL, { removed: [{ id: ALICE.teamsId, aadObjectId: ALICE.oid }] }),
    );
    expect(await h.store.subscriptions.listForConversation(key)).toHaveLength(0);

    await h.post(membersActivity(ctx, ALICE, CHANNEL, { removed: [{ id: `28:${h.botId}` }] }));
    expect(await h.store.conversations.get(key)).toBeNull();
  });

  it('forgets a personal chat when the app is uninstalled', async () => {
    await h.post(installActivity(activityContext(h), ALICE, PERSONAL_ALICE, 'remove'));
    expect(await h.store.conversations.get(`teams:${PERSONAL_ALICE.id}`)).toBeNull();
  });

  it('sends proactively to a stored conversation, and reports one that is gone', async () => {
    await h.message(BOB, PERSONAL_BOB, 'pat help');
    const stored = await h.store.conversations.get(`teams:${PERSONAL_BOB.id}`);
    h.connector.clear();
    const id = await h.channel.sendToConversation(
      stored!.reference as object,
      'Your PAT `nightly` expires in 7 days.',
    );
    expect(id).toEqual(expect.any(String));
    expect(h.connector.calls).toHaveLength(1);
    expect(h.connector.calls[0]).toMatchObject({ kind: 'send', conversationId: PERSONAL_BOB.id });
    expect(h.connector.calls[0].body.text).toBe('Your PAT `nightly` expires in 7 days.');

    h.connector.failNext(403);
    const failure = await h.channel
      .sendToConversation(stored!.reference as object, 'hello')
      .catch((e: unknown) => e);
    expect(isCodedError(failure) && failure.code).toBe('chat.unreachable');
  });
});
