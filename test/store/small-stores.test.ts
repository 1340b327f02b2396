import Database from 'better-sqlite3';
import type { AuditEntry, Store } from '../../src/core/store';
import { tempDb, type TempDb } from './support/temp-db';

const t0 = new Date('2026-03-01T08:00:00.000Z');
const at = (ms: number): Date => new Date(t0.getTime() + ms);

describe('snoozes, token cache and audit log', () => {
  let t: TempDb;
  let store: Store;
  beforeEach(async () => {
    t = tempDb();
    store = await t.open();
  });
  afterEach(async () => {
    await t.cleanup();
  });

  describe('SqliteSnoozeStore', () => {
    it('sets, replaces, reads and clears a snooze per user and PAT', async () => {
      expect(await store.snoozes.get('u1', 'p1')).toBeNull();
      await store.snoozes.set('u1', 'p1', at(1000));
      await store.snoozes.set('u1', 'p1', at(2000));
      await store.snoozes.set('u2', 'p1', at(3000));
      expect(await store.snoozes.get('u1', 'p1')).toEqual(at(2000));
      expect(await store.snoozes.get('u1', 'p2')).toBeNull();
      await store.snoozes.clear('u1', 'p1');
      expect(await store.snoozes.get('u1', 'p1')).toBeNull();
      expect(await store.snoozes.get('u2', 'p1')).toEqual(at(3000));
    });
  });

  describe('SqliteTokenCacheStore', () => {
    it('keeps each partition isolated: writes and deletes touch only that partition', async () => {
      await store.tokenCache.set('user-a', 'cipher-a1');
      await store.tokenCache.set('user-b', 'cipher-b1');
      await store.tokenCache.set('user-a', 'cipher-a2');
      expect(await store.tokenCache.get('user-a')).toBe('cipher-a2');
      expect(await store.tokenCache.get('user-b')).toBe('cipher-b1');
      await store.tokenCache.delete('user-a');
      expect(await store.tokenCache.get('user-a')).toBeNull();
      expect(await store.tokenCache.get('user-b')).toBe('cipher-b1');
      expect(await store.tokenCache.get('user-')).toBeNull();
      expect(await store.tokenCache.get('%')).toBeNull();
    });

    it('replace is a compare-and-set, and keys pages through every partition in order', async () => {
      await store.tokenCache.set('msal:b', 'old-b');
      expect(await store.tokenCache.replace('msal:b', 'stale', 'new-b')).toBe(false);
      expect(await store.tokenCache.get('msal:b')).toBe('old-b');
      expect(await store.tokenCache.replace('msal:b', 'old-b', 'new-b')).toBe(true);
      expect(await store.tokenCache.get('msal:b')).toBe('new-b');
      expect(await store.tokenCache.replace('msal:gone', 'x', 'y')).toBe(false);
      expect(await store.tokenCache.get('msal:gone')).toBeNull();
      for (const k of ['msal:e', 'msal:a', 'msal:d', 'msal:c']) await store.tokenCache.set(k, 'v');
      expect(await store.tokenCache.keys(null, 2)).toEqual(['msal:a', 'msal:b']);
      expect(await store.tokenCache.keys('msal:b', 2)).toEqual(['msal:c', 'msal:d']);
      expect(await store.tokenCache.keys('msal:d', 2)).toEqual(['msal:e']);
      expect(await store.tokenCache.keys('msal:e', 2)).toEqual([]);
    });

    it('an access for one user leaves every other user’s row untouched', async () => {
      let clock = at(0);
      const timed = await t.open({ now: () => clock });
      await timed.tokenCache.set('user-b', 'cipher-b');
      clock = at(60_000);
      await timed.tokenCache.set('user-a', 'cipher-a');
      await timed.tokenCache.get('user-a');
      await timed.tokenCache.delete('user-a');
      const db = new Database(t.file, { readonly: true });
      try {
        expect(db.prepare('SELECT partition_key, value, updated_at FROM token_cache').all()).toEqual([
          { partition_key: 'user-b', value: 'cipher-b', updated_at: at(0).getTime() },
        ]);
      } finally {
        db.close();
      }
    });

    it('stores values exactly as given (opaque strings)', async () => {
      const value = `{"v":1,"iv":"${'A'.repeat(16)}","data":"${'z'.repeat(50_000)}"}\u00e9\n`;
      await store.tokenCache.set('user-a', value);
      expect(await store.tokenCache.get('user-a')).toBe(value);
    });
  });

  describe('SqliteAuditLog', () => {
    const entry = (ms: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
      at: at(ms),
      userId: 'u1',
      action: 'renew',
      org: 'fabrikam',
      patId: 'p1',
      patName: 'deploy',
      outcome: 'ok',
      detail: null,
      ...over,
    });

    it('lists a user’s entries newest first, up to the limit, and no one else’s', async () => {
      await store.audit.record(entry(1000));
      await store.audit.record(
        entry(3000, { action: 'revoke', outcome: 'failed', detail: 'ado.pat_not_found' }),
      );
      await store.audit.record(entry(2000, { action: 'signin', org: null, patId: null, patName: null }));
      await store.audit.record(entry(4000, { userId: 'u2' }));
      const list = await store.audit.list('u1', 10);
      expect(list).toEqual([
        entry(3000, { action: 'revoke', outcome: 'failed', detail: 'ado.pat_not_found' }),
        entry(2000, { action: 'signin', org: null, patId: null, patName: null }),
        entry(1000),
      ]);
      expect(await store.audit.list('u1', 2)).toHaveLength(2);
      expect(await store.audit.list('u1', 0)).toEqual([]);
      expect(await store.audit.list('u3', 10)).toEqual([]);
    });
  });
});
