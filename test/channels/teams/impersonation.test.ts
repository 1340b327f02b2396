/**
 * Who may speak for a Teams user (BOT_ID set). A channel token that botbuilder accepts is not
 * proof that an activity came from Teams: Bot Framework's keys sign for Web Chat and Direct Line
 * too, and anyone with the Azure Bot's Web Chat / Direct Line secret can send those. patbot only
 * takes `msteams` activities, and a Teams user is `from.aadObjectId` + `conversation.tenantId`,
 * nothing else, from an allowed tenant.
 *
 * Every attack is a validly signed activity over real HTTP, with Alice signed in (her token in
 * the cache), against the Azure DevOps simulator that counts requests.
 */
import { messageActivity, actionActivity, type ActivityJson } from '../../support/teams-activity';
import {
  activityContext,
  ALICE,
  cardOf,
  cardText,
  DAY_MS,
  findAction,
  NOW,
  PERSONAL_ALICE,
  startTeamsHarness,
  type TeamsHarness,
} from '../../support/teams-harness';

const OTHER_TENANT = '0e7e0e7e-0000-4000-8000-00000000beef';
const MALLORY_OID = '33333333-3333-4333-8333-333333333333';

describe('Teams impersonation through another channel or a missing identity (BOT_ID set)', () => {
  let h: TeamsHarness;
  const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);

  beforeAll(async () => {
    h = await startTeamsHarness({ auth: true });
    h.ado.addPat({
      ownerOid: ALICE.oid,
      org: 'contoso',
      name: 'alice-release-key',
      validTo: new Date(NOW.getTime() + 9 * DAY_MS),
    });
    await h.signIn(ALICE);
    await h.message(ALICE, PERSONAL_ALICE, 'pat help'); // Alice is known, with her own name
  });
  afterAll(async () => {
    errors.mockRestore();
    await h.close();
  });
  beforeEach(() => {
    h.connector.clear();
    h.ado.resetRequests();
  });

  const alicePersonal = () => messageActivity(activityContext(h), ALICE, PERSONAL_ALICE, 'pat list');
  const aliceName = async () =>
    (
      await h.store.users.findByIdentity({
        platform: 'teams',
        tenantId: h.entra.tenantId,
        aadObjectId: ALICE.oid,
      })
    )?.displayName;

  /** Alice's activity as another Bot Framework channel delivers it: her oid as `from.id`. */
  function fromOtherChannel(channelId: string): ActivityJson {
    const a = alicePersonal();
    return {
      ...a,
      channelId,
      from: { id: ALICE.oid, name: 'Mallory' },
      conversation: { id: 'dl-conversation-1' },
      channelData: { tenant: { id: h.entra.tenantId } },
    };
  }

  it('lists Alice’s PATs for Alice herself (the control: the bot and the counter work)', async () => {
    const answer = await h.post(alicePersonal());
    expect(answer.status).toBe(200);
    expect(cardText(cardOf(h.connector.messages(PERSONAL_ALICE.id).at(-1)))).toContain('alice-release-key');
    expect(h.ado.requestCount()).toBeGreaterThan(0);
  });

  it.each(['directline', 'webchat'])(
    'refuses a validly signed %s activity naming Alice’s oid with 403, before any handler',
    async (channelId) => {
      const answer = await h.post(fromOtherChannel(channelId));
      expect(answer.status).toBe(403);
      expect(answer.body).toEqual({
        error: 'auth.channel_not_allowed',
        message: 'This bot only accepts activities from Microsoft Teams.',
      });
      expect(h.ado.requestCount()).toBe(0);
      expect(h.connector.calls).toHaveLength(0);
      expect(await aliceName()).toBe(ALICE.name);
    },
  );

  it('refuses an emulator activity too (the emulator is for sandbox mode only)', async () => {
    const answer = await h.post({ ...alicePersonal(), channelId: 'emulator' });
    expect(answer.status).toBe(403);
    expect(answer.body.error).toBe('auth.channel_not_allowed');
    expect(h.ado.requestCount()).toBe(0);
  });

  it('does not take from.id for the person when a Teams activity has no aadObjectId', async () => {
    const a = alicePersonal();
    const answer = await h.post({ ...a, from: { id: ALICE.oid, name: 'Mallory' } });
    expect(answer.status).toBe(200);
    expect(h.ado.requestCount()).toBe(0);
    expect(await aliceName()).toBe(ALICE.name);
    const reply = h.connector.messages(PERSONAL_ALICE.id).at(-1);
    expect(reply?.text).toMatch(/can't tell who you are/);
    expect(reply?.text).not.toContain('alice-release-key');
  });

  it('does not take the tenant from channelData when conversation.tenantId is missing', async () => {
    const a = alicePersonal();
    const answer = await h.post({
      ...a,
      conversation: { id: PERSONAL_ALICE.id, conversationType: 'personal' },
    });
    expect(answer.status).toBe(200);
    expect(h.ado.requestCount()).toBe(0);
    expect(h.connector.messages(PERSONAL_ALICE.id).at(-1)?.text).toMatch(/can't tell who you are/);
  });

  it('answers a person from another tenant with a clear message and no Azure DevOps call', async () => {
    const mallory = { oid: MALLORY_OID, name: 'Mallory', teamsId: '29:mallory', upn: 'm@evil.example' };
    const ctx = { ...activityContext(h), tenantId: OTHER_TENANT };
    const answer = await h.post(
      messageActivity(ctx, mallory, { kind: 'personal', id: 'a:mallory' }, 'pat list'),
    );
    expect(answer.status).toBe(200);
    expect(h.ado.requestCount()).toBe(0);
    const reply = h.connector.messages('a:mallory').at(-1);
    expect(reply?.text).toMatch(/only serves its own organisation's Microsoft Entra tenant/);
    expect(
      await h.store.users.findByIdentity({
        platform: 'teams',
        tenantId: OTHER_TENANT,
        aadObjectId: MALLORY_OID,
      }),
    ).toBeNull();
    expect(await h.store.conversations.get('teams:a:mallory')).toBeNull();
  });

  it('answers a card press from another tenant in the card, with no Azure DevOps call', async () => {
    await h.post(alicePersonal());
    const card = cardOf(h.connector.messages(PERSONAL_ALICE.id).at(-1));
    h.ado.resetRequests();
    // Alice's own card and oid, but the activity says another tenant.
    const ctx = { ...activityContext(h), tenantId: OTHER_TENANT };
    const answer = await h.post(
      actionActivity(ctx, ALICE, PERSONAL_ALICE, findAction(card, '30 days', 'alice-release-key')),
    );
    expect(answer.status).toBe(200);
    expect(answer.body.type).toBe('application/vnd.microsoft.activity.message');
    expect(answer.body.value).toMatch(/only serves its own organisation's Microsoft Entra tenant/);
    expect(h.ado.requestCount()).toBe(0);
  });
});

describe('ALLOWED_TENANT_IDS replaces the default (the bot’s own tenant)', () => {
  let h: TeamsHarness;
  const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);

  beforeAll(async () => {
    h = await startTeamsHarness({ auth: true, env: { ALLOWED_TENANT_IDS: OTHER_TENANT.toUpperCase() } });
  });
  afterAll(async () => {
    errors.mockRestore();
    await h.close();
  });

  it('serves the listed tenant and refuses the bot’s own one', async () => {
    const mallory = { oid: MALLORY_OID, name: 'Mallory', teamsId: '29:mallory', upn: 'm@other.example' };
    const ctx = { ...activityContext(h), tenantId: OTHER_TENANT };
    expect(
      (await h.post(messageActivity(ctx, mallory, { kind: 'personal', id: 'a:m' }, 'pat help'))).status,
    ).toBe(200);
    const user = await h.store.users.findByIdentity({
      platform: 'teams',
      tenantId: OTHER_TENANT,
      aadObjectId: MALLORY_OID,
    });
    expect(user?.displayName).toBe('Mallory');

    await h.message(ALICE, PERSONAL_ALICE, 'pat list');
    expect(h.connector.messages(PERSONAL_ALICE.id).at(-1)?.text).toMatch(/only serves its own organisation/);
    expect(h.ado.requestCount()).toBe(0);
  });
});

describe('sandbox mode (BOT_ID empty): Teams and the Bot Framework Emulator only, any tenant', () => {
  let h: TeamsHarness;

  beforeAll(async () => {
    h = await startTeamsHarness();
  });
  afterAll(async () => h.close());
  beforeEach(() => h.connector.clear());

  it('refuses a Direct Line activity with 403', async () => {
    const a = messageActivity(activityContext(h), ALICE, PERSONAL_ALICE, 'pat help');
    const answer = await h.post({ ...a, channelId: 'directline' });
    expect(answer.status).toBe(403);
    expect(answer.body.error).toBe('auth.channel_not_allowed');
    expect(h.connector.calls).toHaveLength(0);
  });

  it('answers an emulator activity from a person of any tenant', async () => {
    const ctx = { ...activityContext(h), tenantId: OTHER_TENANT };
    const a = messageActivity(ctx, ALICE, PERSONAL_ALICE, 'pat help');
    const answer = await h.post({ ...a, channelId: 'emulator' });
    expect(answer.status).toBe(200);
    expect(cardText(cardOf(h.connector.messages(PERSONAL_ALICE.id).at(-1)))).toContain('pat list');
  });
});
