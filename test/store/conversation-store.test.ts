import type { Store } from '../../src/core/store';
import { tempDb, type TempDb } from './support/temp-db';

const teamsRef = { conversation: { id: 'a:1' }, serviceUrl: 'https://smba.example/', bot: { id: '28:bot' } };

describe('SqliteConversationStore', () => {
  let t: TempDb;
  let store: Store;
  let clock: Date;
  beforeEach(async () => {
    t = tempDb();
    clock = new Date('2026-03-01T10:00:00.000Z');
    store = await t.open({ now: () => clock });
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('stores the reference as JSON and reads it back', async () => {
    await store.conversations.upsert({
      key: 'teams:a:1',
      platform: 'teams',
      kind: 'personal',
      userId: 'u1',
      reference: teamsRef,
    });
    expect(await store.conversations.get('teams:a:1')).toEqual({
      key: 'teams:a:1',
      platform: 'teams',
      kind: 'personal',
      userId: 'u1',
      reference: teamsRef,
      status: 'active',
      failureReason: null,
      updatedAt: clock,
    });
    expect(await store.conversations.get('teams:other')).toBeNull();
  });

  it('marks a conversation failed, and a fresh upsert makes it active again', async () => {
    await store.conversations.upsert({
      key: 'k',
      platform: 'slack',
      kind: 'channel',
      userId: null,
      reference: {},
    });
    await store.conversations.markFailed('k', 'bot removed (403)');
    expect(await store.conversations.get('k')).toMatchObject({
      status: 'failed',
      failureReason: 'bot removed (403)',
    });
    clock = new Date('2026-03-02T00:00:00.000Z');
    await store.conversations.upsert({
      key: 'k',
      platform: 'slack',
      kind: 'channel',
      userId: null,
      reference: { channel: 'C2' },
    });
    expect(await store.conversations.get('k')).toMatchObject({
      status: 'active',
      failureReason: null,
      reference: { channel: 'C2' },
      updatedAt: clock,
    });
  });

  it('finds the personal conversation of a user per platform, preferring an active one', async () => {
    await store.conversations.upsert({
      key: 'teams:1',
      platform: 'teams',
      kind: 'personal',
      userId: 'u1',
      reference: 1,
    });
    await store.conversations.upsert({
      key: 'slack:T:D1',
      platform: 'slack',
      kind: 'personal',
      userId: 'u1',
      reference: 2,
    });
    await store.conversations.upsert({
      key: 'teams:ch',
      platform: 'teams',
      kind: 'channel',
      userId: null,
      reference: 3,
    });
    await store.conversations.upsert({
      key: 'teams:2',
      platform: 'teams',
      kind: 'personal',
      userId: 'u2',
      reference: 4,
    });
    expect((await store.conversations.personalFor('u1', 'teams'))?.key).toBe('teams:1');
    expect((await store.conversations.personalFor('u1', 'slack'))?.key).toBe('slack:T:D1');
    expect(await store.conversations.personalFor('u3', 'teams')).toBeNull();

    clock = new Date('2026-03-03T00:00:00.000Z');
    await store.conversations.upsert({
      key: 'teams:1b',
      platform: 'teams',
      kind: 'personal',
      userId: 'u1',
      reference: 5,
    });
    expect((await store.conversations.personalFor('u1', 'teams'))?.key).toBe('teams:1b');
    await store.conversations.markFailed('teams:1b', 'gone');
    expect((await store.conversations.personalFor('u1', 'teams'))?.key).toBe('teams:1');
  });

  it('removes a conversation and the subscriptions in it', async () => {
    await store.conversations.upsert({
      key: 'ch',
      platform: 'slack',
      kind: 'channel',
      userId: null,
      reference: {},
    });
    await store.subscriptions.upsert('ch', 'u1', null);
    await store.subscriptions.upsert('other', 'u1', null);
    await store.conversations.remove('ch');
    expect(await store.conversations.get('ch')).toBeNull();
    expect(await store.subscriptions.listForConversation('ch')).toEqual([]);
    expect((await store.subscriptions.listForUser('u1')).map((s) => s.conversationKey)).toEqual(['other']);
  });
});
