import type { Store } from '../../src/core/store';
import { tempDb, type TempDb } from './support/temp-db';

describe('SqliteSubscriptionStore', () => {
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

  it('keeps one subscription per conversation and user; upsert replaces the pattern', async () => {
    const first = await store.subscriptions.upsert('ch', 'u1', 'deploy-*');
    expect(first).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      conversationKey: 'ch',
      userId: 'u1',
      namePattern: 'deploy-*',
      createdAt: clock,
    });
    clock = new Date('2026-03-05T00:00:00.000Z');
    const replaced = await store.subscriptions.upsert('ch', 'u1', null);
    expect(replaced).toEqual({ ...first, namePattern: null });
    expect(await store.subscriptions.listForConversation('ch')).toEqual([replaced]);
  });

  it('lists per conversation and per user', async () => {
    await store.subscriptions.upsert('ch1', 'u1', null);
    await store.subscriptions.upsert('ch1', 'u2', 'a*');
    await store.subscriptions.upsert('ch2', 'u1', 'b*');
    expect((await store.subscriptions.listForConversation('ch1')).map((s) => s.userId).sort()).toEqual([
      'u1',
      'u2',
    ]);
    expect((await store.subscriptions.listForUser('u1')).map((s) => s.conversationKey).sort()).toEqual([
      'ch1',
      'ch2',
    ]);
    expect(await store.subscriptions.listForUser('u3')).toEqual([]);
  });

  it('removes only the caller’s own subscription and says whether there was one', async () => {
    await store.subscriptions.upsert('ch1', 'u1', null);
    await store.subscriptions.upsert('ch1', 'u2', null);
    expect(await store.subscriptions.remove('ch1', 'u1')).toBe(true);
    expect(await store.subscriptions.remove('ch1', 'u1')).toBe(false);
    expect((await store.subscriptions.listForConversation('ch1')).map((s) => s.userId)).toEqual(['u2']);
  });
});
