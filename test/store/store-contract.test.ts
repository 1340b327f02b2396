/**
 * The Store contract: the same tests, through the `Store` ports only, against SQLite and a real
 * PostgreSQL server (TEST_DATABASE_URL), so the two stores cannot drift. Two Store instances on
 * one database stand for two bot instances (two processes / pools).
 */
import type { AuditEntry, LedgerKey, PlatformIdentity, Store } from '../../src/core/store';
import { CodedError } from '../../src/errors';
import { openStore } from '../../src/store/open-store';
import { MIGRATIONS } from '../../src/store/migrations';
import { describePostgres } from './support/postgres';
import { postgresBackend, sqliteBackend, type StoreBackend } from './support/store-backends';
import { rejectionOf } from './support/temp-db';

const t0 = new Date('2026-03-01T08:00:00.000Z');
const at = (ms: number): Date => new Date(t0.getTime() + ms);
const STALE = 10 * 60_000;
const TTL = 60_000;
const teams: PlatformIdentity = {
  platform: 'teams',
  tenantId: '11111111-2222-3333-4444-555555555555',
  aadObjectId: 'AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE',
};
const slack: PlatformIdentity = { platform: 'slack', teamId: 'T0001', slackUserId: 'U0001' };
const account = { homeAccountId: 'oid.tid', tenantId: 'tid', username: 'ana@contoso.com' };
const key: LedgerKey = { patId: 'pat-1', threshold: '7d', target: 'teams:a:1' };

function count(rows: Array<{ n: unknown }>): number {
  return Number(rows[0].n);
}

function contract(backend: StoreBackend): void {
  let clock: Date;
  let a: Store;
  let b: Store;
  beforeAll(() => backend.beforeAll());
  afterAll(() => backend.afterAll());
  beforeEach(async () => {
    await backend.fresh();
    clock = t0;
    a = await backend.open({ now: () => clock });
    b = await backend.open({ now: () => clock }); // a second bot instance
  });
  afterEach(() => backend.closeAll());

  describe('users', () => {
    it('creates a user on first sight and finds the same one afterwards', async () => {
      const created = await a.users.upsertByIdentity(teams, {
        displayName: 'Ana',
        timezone: 'Europe/Berlin',
      });
      expect(created).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        displayName: 'Ana',
        timezone: 'Europe/Berlin',
        orgs: null,
        entraAccount: null,
        createdAt: t0,
        updatedAt: t0,
      });
      expect((await b.users.upsertByIdentity(teams)).id).toBe(created.id);
      expect(await b.users.findByIdentity(teams)).toEqual(created);
      expect(await b.users.get(created.id)).toEqual(created);
      expect(await b.users.get('nobody')).toBeNull();
    });

    it('matches Teams GUIDs case-insensitively and keeps Slack ids exact', async () => {
      const u = await a.users.upsertByIdentity(teams);
      const upper = {
        ...teams,
        tenantId: '11111111-2222-3333-4444-555555555555'.toUpperCase(),
      } as PlatformIdentity;
      expect((await b.users.findByIdentity(upper))?.id).toBe(u.id);
      const s = await a.users.upsertByIdentity(slack);
      expect(s.id).not.toBe(u.id);
      expect(
        await b.users.findByIdentity({ platform: 'slack', teamId: 'T0001', slackUserId: 'u0001' }),
      ).toBeNull();
      expect(
        await b.users.findByIdentity({ platform: 'slack', teamId: 'T0002', slackUserId: 'U0001' }),
      ).toBeNull();
    });

    it('applies a profile patch only for the fields given, and writes nothing when unchanged', async () => {
      const u = await a.users.upsertByIdentity(slack, { displayName: 'Ana', timezone: 'Europe/Berlin' });
      clock = at(86_400_000);
      const same = await a.users.upsertByIdentity(slack, { displayName: 'Ana' });
      expect(same.updatedAt).toEqual(t0);
      const renamed = await b.users.upsertByIdentity(slack, { displayName: 'Ana B.' });
      expect(renamed).toMatchObject({
        id: u.id,
        displayName: 'Ana B.',
        timezone: 'Europe/Berlin',
        updatedAt: clock,
      });
      expect(renamed.createdAt).toEqual(t0);
      await b.users.updateProfile(u.id, { timezone: null });
      expect(await a.users.get(u.id)).toMatchObject({ displayName: 'Ana B.', timezone: null });
      await b.users.updateProfile(u.id, { displayName: null, timezone: 'UTC' });
      expect(await a.users.get(u.id)).toMatchObject({ displayName: null, timezone: 'UTC' });
      await b.users.updateProfile(u.id, {});
      expect(await a.users.get(u.id)).toMatchObject({ displayName: null, timezone: 'UTC' });
    });

    it('returns the identities of a user, with the Teams user id once known', async () => {
      const u = await a.users.upsertByIdentity(teams);
      await b.users.upsertByIdentity({ ...teams, teamsUserId: '29:abc' } as PlatformIdentity);
      expect(await a.users.identities(u.id)).toEqual([
        {
          platform: 'teams',
          tenantId: '11111111-2222-3333-4444-555555555555',
          aadObjectId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
          teamsUserId: '29:abc',
        },
      ]);
      expect(await a.users.identities('nobody')).toEqual([]);
    });

    it('stores orgs (null = configured default) and links and unlinks an Entra account', async () => {
      const u = await a.users.upsertByIdentity(slack);
      await a.users.setOrgs(u.id, ['fabrikam', 'contoso']);
      expect((await b.users.get(u.id))?.orgs).toEqual(['fabrikam', 'contoso']);
      await a.users.setOrgs(u.id, []);
      expect((await b.users.get(u.id))?.orgs).toEqual([]);
      await a.users.setOrgs(u.id, null);
      expect((await b.users.get(u.id))?.orgs).toBeNull();
      await a.users.setEntraAccount(u.id, account);
      expect((await b.users.get(u.id))?.entraAccount).toEqual(account);
      await a.users.setEntraAccount(u.id, { ...account, username: null });
      expect((await b.users.get(u.id))?.entraAccount).toEqual({ ...account, username: null });
      await a.users.setEntraAccount(u.id, null);
      expect((await b.users.get(u.id))?.entraAccount).toBeNull();
    });

    it('pages signed-in users in byte order of id and skips the others', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 7; i += 1) {
        const u = await a.users.upsertByIdentity({ platform: 'slack', teamId: 'T1', slackUserId: `U${i}` });
        if (i === 3) continue;
        await a.users.setEntraAccount(u.id, { ...account, homeAccountId: `oid${i}.tid` });
        ids.push(u.id);
      }
      ids.sort();
      const pages: string[][] = [];
      for (let after: string | null = null; ;) {
        const page = await b.users.listSignedIn(after, 4);
        if (page.length === 0) break;
        pages.push(page.map((u) => u.id));
        after = page[page.length - 1].id;
      }
      expect(pages.map((p) => p.length)).toEqual([4, 2]);
      expect(pages.flat()).toEqual(ids);
      expect(await b.users.listSignedIn(null, 0)).toEqual([]);
    });

    it('removes one identity and leaves the user', async () => {
      const u = await a.users.upsertByIdentity(teams);
      await b.users.removeIdentity(teams);
      expect(await a.users.findByIdentity(teams)).toBeNull();
      expect(await a.users.get(u.id)).not.toBeNull();
      expect((await a.users.upsertByIdentity(teams)).id).not.toBe(u.id);
    });

    it('creates exactly one user per identity when two instances race for it', async () => {
      // Warm both pools so the racing calls really run on parallel connections.
      await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? a : b).ping()));
      const people = Array.from({ length: 20 }, (_, i): PlatformIdentity => ({
        platform: 'slack',
        teamId: 'T0001',
        slackUserId: `U${i}`,
      }));
      const results = await Promise.all(
        people.flatMap((p) => [a, b, a, b].map((s) => s.users.upsertByIdentity(p, { displayName: 'Ana' }))),
      );
      for (let i = 0; i < people.length; i += 1)
        expect(new Set(results.slice(4 * i, 4 * i + 4).map((u) => u.id)).size).toBe(1);
      expect(count(await backend.rows('SELECT COUNT(*) AS n FROM users'))).toBe(people.length);
      expect(count(await backend.rows('SELECT COUNT(*) AS n FROM user_identities'))).toBe(people.length);
    });
  });

  describe('conversations and subscriptions', () => {
    const ref = { conversation: { id: 'a:1' }, serviceUrl: 'https://smba.example/', bot: { id: '28:bot' } };

    it('stores the reference as JSON, marks it failed, and a fresh upsert reactivates it', async () => {
      await a.conversations.upsert({
        key: 'teams:a:1',
        platform: 'teams',
        kind: 'personal',
        userId: 'u1',
        reference: ref,
      });
      expect(await b.conversations.get('teams:a:1')).toEqual({
        key: 'teams:a:1',
        platform: 'teams',
        kind: 'personal',
        userId: 'u1',
        reference: ref,
        status: 'active',
        failureReason: null,
        updatedAt: t0,
      });
      expect(await b.conversations.get('teams:other')).toBeNull();
      await b.conversations.markFailed('teams:a:1', 'bot removed (403)');
      expect(await a.conversations.get('teams:a:1')).toMatchObject({
        status: 'failed',
        failureReason: 'bot removed (403)',
      });
      clock = at(1000);
      await a.conversations.upsert({
        key: 'teams:a:1',
        platform: 'teams',
        kind: 'personal',
        userId: 'u1',
        reference: 'new',
      });
      expect(await b.conversations.get('teams:a:1')).toMatchObject({
        status: 'active',
        failureReason: null,
        reference: 'new',
        updatedAt: clock,
      });
    });

    it('finds the personal conversation per platform, active first, newest first', async () => {
      const personal = (k: string, platform: 'teams' | 'slack', userId: string) =>
        a.conversations.upsert({ key: k, platform, kind: 'personal', userId, reference: k });
      await personal('teams:1', 'teams', 'u1');
      await personal('slack:T:D1', 'slack', 'u1');
      await a.conversations.upsert({
        key: 'teams:ch',
        platform: 'teams',
        kind: 'channel',
        userId: null,
        reference: 3,
      });
      expect((await b.conversations.personalFor('u1', 'teams'))?.key).toBe('teams:1');
      expect((await b.conversations.personalFor('u1', 'slack'))?.key).toBe('slack:T:D1');
      expect(await b.conversations.personalFor('u3', 'teams')).toBeNull();
      clock = at(1000);
      await personal('teams:1b', 'teams', 'u1');
      expect((await b.conversations.personalFor('u1', 'teams'))?.key).toBe('teams:1b');
      await b.conversations.markFailed('teams:1b', 'gone');
      expect((await b.conversations.personalFor('u1', 'teams'))?.key).toBe('teams:1');
    });

    it('keeps one subscription per conversation and user; upsert keeps id and createdAt', async () => {
      const first = await a.subscriptions.upsert('ch', 'u1', 'deploy-*');
      expect(first).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        conversationKey: 'ch',
        userId: 'u1',
        namePattern: 'deploy-*',
        createdAt: t0,
      });
      clock = at(5000);
      const replaced = await b.subscriptions.upsert('ch', 'u1', null);
      expect(replaced).toEqual({ ...first, namePattern: null });
      expect(await a.subscriptions.listForConversation('ch')).toEqual([replaced]);
    });

    it('lists per conversation and per user, and removes only the caller’s own', async () => {
      await a.subscriptions.upsert('ch1', 'u1', null);
      await a.subscriptions.upsert('ch1', 'u2', 'a*');
      await a.subscriptions.upsert('ch2', 'u1', 'b*');
      expect((await b.subscriptions.listForConversation('ch1')).map((s) => s.userId).sort()).toEqual([
        'u1',
        'u2',
      ]);
      expect((await b.subscriptions.listForUser('u1')).map((s) => s.conversationKey).sort()).toEqual([
        'ch1',
        'ch2',
      ]);
      expect(await b.subscriptions.listForUser('u3')).toEqual([]);
      expect(await b.subscriptions.remove('ch1', 'u1')).toBe(true);
      expect(await b.subscriptions.remove('ch1', 'u1')).toBe(false);
      expect((await a.subscriptions.listForConversation('ch1')).map((s) => s.userId)).toEqual(['u2']);
    });

    it('removing a conversation removes the subscriptions in it', async () => {
      await a.conversations.upsert({
        key: 'ch',
        platform: 'slack',
        kind: 'channel',
        userId: null,
        reference: {},
      });
      await a.subscriptions.upsert('ch', 'u1', null);
      await a.subscriptions.upsert('other', 'u1', null);
      await b.conversations.remove('ch');
      expect(await a.conversations.get('ch')).toBeNull();
      expect(await a.subscriptions.listForConversation('ch')).toEqual([]);
      expect((await a.subscriptions.listForUser('u1')).map((s) => s.conversationKey)).toEqual(['other']);
    });
  });

  describe('reminder ledger', () => {
    it('lets exactly one of two instances claim a fresh reminder', async () => {
      const results = await Promise.all([
        a.ledger.claim(key, 'proc-a', t0, STALE),
        b.ledger.claim(key, 'proc-b', t0, STALE),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await b.ledger.get(key)).toEqual({
        ...key,
        status: 'claimed',
        claimedBy: results[0] ? 'proc-a' : 'proc-b',
        claimedAt: t0,
        sentAt: null,
      });
    });

    it('splits 100 reminders between two instances with none claimed twice', async () => {
      const keys = Array.from({ length: 100 }, (_, i) => ({ ...key, patId: `pat-${i}` }));
      const claims = await Promise.all(
        keys.flatMap((k) => [a.ledger.claim(k, 'proc-a', t0, STALE), b.ledger.claim(k, 'proc-b', t0, STALE)]),
      );
      for (let i = 0; i < keys.length; i += 1)
        expect(Number(claims[2 * i]) + Number(claims[2 * i + 1])).toBe(1);
    });

    it('refuses a younger foreign claim, takes over a stale one, and re-claims its own', async () => {
      expect(await a.ledger.claim(key, 'proc-a', t0, STALE)).toBe(true);
      expect(await a.ledger.claim(key, 'proc-a', at(1000), STALE)).toBe(true);
      expect((await b.ledger.get(key))?.claimedAt).toEqual(at(1000));
      expect(await b.ledger.claim(key, 'proc-b', at(1000 + STALE - 1), STALE)).toBe(false);
      expect(await b.ledger.claim(key, 'proc-b', at(1000 + STALE), STALE)).toBe(true);
      expect(await a.ledger.get(key)).toMatchObject({ claimedBy: 'proc-b', claimedAt: at(1000 + STALE) });
      expect(await a.ledger.claim(key, 'proc-a', at(1001 + STALE), STALE)).toBe(false);
    });

    it('never re-claims a sent entry, and records an unclaimed send', async () => {
      expect(await a.ledger.claim(key, 'proc-a', t0, STALE)).toBe(true);
      await a.ledger.markSent(key, at(500));
      expect(await b.ledger.get(key)).toEqual({
        ...key,
        status: 'sent',
        claimedBy: 'proc-a',
        claimedAt: t0,
        sentAt: at(500),
      });
      expect(await b.ledger.claim(key, 'proc-b', at(365 * 86_400_000), STALE)).toBe(false);
      expect(await a.ledger.claim(key, 'proc-a', at(365 * 86_400_000), STALE)).toBe(false);
      await a.ledger.release(key, 'proc-a');
      expect((await b.ledger.get(key))?.status).toBe('sent');
      const other = { ...key, patId: 'pat-2' };
      await b.ledger.markSent(other, t0);
      expect(await a.ledger.get(other)).toMatchObject({
        status: 'sent',
        sentAt: t0,
        claimedBy: '(unclaimed)',
      });
      expect(await a.ledger.claim(other, 'proc-a', at(1), STALE)).toBe(false);
    });

    it('release frees only the caller’s own claim; keys on pat, threshold and target', async () => {
      expect(await a.ledger.claim(key, 'proc-a', t0, STALE)).toBe(true);
      await b.ledger.release(key, 'proc-b');
      expect(await b.ledger.claim(key, 'proc-b', at(1), STALE)).toBe(false);
      await a.ledger.release(key, 'proc-a');
      expect(await a.ledger.get(key)).toBeNull();
      expect(await b.ledger.claim(key, 'proc-b', at(2), STALE)).toBe(true);
      expect(await a.ledger.claim({ ...key, threshold: '1d' }, 'proc-a', t0, STALE)).toBe(true);
      expect(await a.ledger.claim({ ...key, target: 'slack:T:C1' }, 'proc-a', t0, STALE)).toBe(true);
      expect(await a.ledger.get({ ...key, patId: 'pat-3' })).toBeNull();
    });
  });

  describe('leases', () => {
    it('gives a lease to only one of many concurrent holders', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 === 0 ? a : b).leases.tryAcquire('sweep', `proc-${i}`, t0, TTL),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('lets the holder renew and keeps others out until it expires', async () => {
      expect(await a.leases.tryAcquire('sweep', 'proc-a', t0, TTL)).toBe(true);
      expect(await b.leases.tryAcquire('sweep', 'proc-b', at(TTL - 1), TTL)).toBe(false);
      expect(await a.leases.tryAcquire('sweep', 'proc-a', at(TTL - 1), TTL)).toBe(true);
      expect(await b.leases.tryAcquire('sweep', 'proc-b', at(TTL + 10), TTL)).toBe(false);
      expect(await b.leases.tryAcquire('sweep', 'proc-b', at(2 * TTL - 1), TTL)).toBe(true);
      expect(await a.leases.tryAcquire('sweep', 'proc-a', at(2 * TTL), TTL)).toBe(false);
      expect(await a.leases.tryAcquire('digest', 'proc-a', at(2 * TTL), TTL)).toBe(true);
    });

    it('release frees only the holder’s own lease', async () => {
      expect(await a.leases.tryAcquire('sweep', 'proc-a', t0, TTL)).toBe(true);
      await b.leases.release('sweep', 'proc-b');
      expect(await b.leases.tryAcquire('sweep', 'proc-b', at(1), TTL)).toBe(false);
      await a.leases.release('sweep', 'proc-a');
      expect(await b.leases.tryAcquire('sweep', 'proc-b', at(2), TTL)).toBe(true);
    });
  });

  describe('nonces', () => {
    it('lets only the first of many concurrent uses win', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).nonces.use('n1', at(600_000), t0)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await b.nonces.use('n1', at(600_000), at(1000))).toBe(false);
      expect(await b.nonces.use('n2', at(600_000), at(1000))).toBe(true);
    });

    it('refuses an expired nonce and purges expired ones without re-opening them', async () => {
      expect(await a.nonces.use('late', at(1000), at(1000))).toBe(false);
      expect(await a.nonces.use('old', at(1000), t0)).toBe(true);
      expect(await a.nonces.use('young', at(100_000), t0)).toBe(true);
      expect(await b.nonces.use('trigger', at(200_000), at(5000))).toBe(true);
      const left = await backend.rows<{ nonce: string }>('SELECT nonce FROM nonces');
      expect(left.map((r) => r.nonce).sort()).toEqual(['trigger', 'young']);
      expect(await a.nonces.use('old', at(1000), at(5000))).toBe(false);
      expect(await a.nonces.use('young', at(100_000), at(5000))).toBe(false);
    });
  });

  describe('revoke reminders', () => {
    const item = (patId: string, dueMs: number, userId = 'u1') => ({
      userId,
      org: 'contoso',
      patId,
      patName: `old ${patId}`,
      replacementName: `old ${patId} 2026-03-01`,
      dueAt: at(dueMs),
      createdAt: at(0),
    });

    it('keeps one item per user and old PAT, returns only due ones soonest first, removes once', async () => {
      await a.revokeReminders.schedule(item('p1', 3000));
      await a.revokeReminders.schedule(item('p2', 1000));
      await b.revokeReminders.schedule({ ...item('p1', 2000), replacementName: 'renamed' });
      await a.revokeReminders.schedule(item('p1', 500, 'u2'));
      expect(await b.revokeReminders.dueFor('u1', at(999), 10)).toEqual([]);
      expect(await b.revokeReminders.dueFor('u1', at(2000), 10)).toEqual([
        item('p2', 1000),
        { ...item('p1', 2000), replacementName: 'renamed' },
      ]);
      expect(await a.revokeReminders.dueFor('u1', at(5000), 1)).toEqual([item('p2', 1000)]);
      expect((await a.revokeReminders.listFor('u1')).map((r) => r.patId)).toEqual(['p2', 'p1']);
      expect(await a.revokeReminders.remove('u1', 'p2')).toBe(true);
      expect(await b.revokeReminders.remove('u1', 'p2')).toBe(false);
      expect((await b.revokeReminders.listFor('u1')).map((r) => r.patId)).toEqual(['p1']);
      expect((await b.revokeReminders.listFor('u2')).map((r) => r.patId)).toEqual(['p1']);
    });
  });

  describe('snoozes, token cache, audit log', () => {
    it('sets, replaces, reads and clears a snooze per user and PAT', async () => {
      expect(await a.snoozes.get('u1', 'p1')).toBeNull();
      await a.snoozes.set('u1', 'p1', at(1000));
      await b.snoozes.set('u1', 'p1', at(2000));
      await a.snoozes.set('u2', 'p1', at(3000));
      expect(await b.snoozes.get('u1', 'p1')).toEqual(at(2000));
      expect(await b.snoozes.get('u1', 'p2')).toBeNull();
      await b.snoozes.clear('u1', 'p1');
      expect(await a.snoozes.get('u1', 'p1')).toBeNull();
      expect(await a.snoozes.get('u2', 'p1')).toEqual(at(3000));
    });

    it('replaces a token cache partition only when it still holds the expected value', async () => {
      await a.tokenCache.set('user-a', 'sealed-old');
      expect(await b.tokenCache.replace('user-a', 'sealed-other', 'sealed-new')).toBe(false);
      expect(await a.tokenCache.get('user-a')).toBe('sealed-old');
      expect(await b.tokenCache.replace('user-a', 'sealed-old', 'sealed-new')).toBe(true);
      expect(await a.tokenCache.get('user-a')).toBe('sealed-new');
      expect(await a.tokenCache.replace('user-a', 'sealed-old', 'sealed-newer')).toBe(false);
      expect(await a.tokenCache.replace('nobody', 'sealed-old', 'x')).toBe(false);
      expect(await a.tokenCache.get('nobody')).toBeNull();
    });

    it('pages token cache partition keys in byte order after a key', async () => {
      for (const key of ['u-b', 'U-a', 'u-a', 'u-c', 'u-_']) await a.tokenCache.set(key, 'sealed');
      expect(await b.tokenCache.keys(null, 2)).toEqual(['U-a', 'u-_']);
      expect(await b.tokenCache.keys('u-_', 2)).toEqual(['u-a', 'u-b']);
      expect(await b.tokenCache.keys('u-b', 10)).toEqual(['u-c']);
      expect(await b.tokenCache.keys('u-c', 10)).toEqual([]);
    });

    it('keeps token cache partitions isolated and values exact; one access touches one row', async () => {
      const value = `{"v":1,"iv":"${'A'.repeat(16)}","data":"${'z'.repeat(50_000)}"}\u00e9\n`;
      await a.tokenCache.set('user-b', 'cipher-b');
      clock = at(60_000);
      await a.tokenCache.set('user-a', value);
      expect(await b.tokenCache.get('user-a')).toBe(value);
      expect(await b.tokenCache.get('user-')).toBeNull();
      expect(await b.tokenCache.get('%')).toBeNull();
      await b.tokenCache.set('user-a', 'cipher-a2');
      expect(await a.tokenCache.get('user-a')).toBe('cipher-a2');
      await b.tokenCache.delete('user-a');
      expect(await a.tokenCache.get('user-a')).toBeNull();
      const rows = await backend.rows<{ partition_key: string; value: string; updated_at: unknown }>(
        'SELECT partition_key, value, updated_at FROM token_cache',
      );
      expect(rows.map((r) => ({ ...r, updated_at: Number(r.updated_at) }))).toEqual([
        { partition_key: 'user-b', value: 'cipher-b', updated_at: t0.getTime() },
      ]);
    });

    it('lists a user’s audit entries newest first, up to the limit, and no one else’s', async () => {
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
      await a.audit.record(entry(1000));
      await b.audit.record(entry(3000, { action: 'revoke', outcome: 'failed', detail: 'ado.pat_not_found' }));
      await a.audit.record(entry(2000, { action: 'signin', org: null, patId: null, patName: null }));
      await b.audit.record(entry(4000, { userId: 'u2' }));
      expect(await a.audit.list('u1', 10)).toEqual([
        entry(3000, { action: 'revoke', outcome: 'failed', detail: 'ado.pat_not_found' }),
        entry(2000, { action: 'signin', org: null, patId: null, patName: null }),
        entry(1000),
      ]);
      expect(await a.audit.list('u1', 2)).toHaveLength(2);
      expect(await a.audit.list('u1', 0)).toEqual([]);
      expect(await a.audit.list('u3', 10)).toEqual([]);
    });
  });

  describe('admin watches', () => {
    it('watches an organisation once per name (any case), keeps its cursor on a take-over, and unwatches', async () => {
      const admin = await a.users.upsertByIdentity(teams);
      const other = await a.users.upsertByIdentity(slack);
      const w = await a.admin.watch('Contoso', admin.id, t0);
      expect(w).toEqual({
        org: 'Contoso',
        adminUserId: admin.id,
        watchedAt: t0,
        since: t0,
        lastEventId: null,
        lastEventAt: null,
        lastPolledAt: null,
        lastError: null,
      });
      await b.admin.saveProgress('contoso', {
        since: at(60_000),
        lastEventId: 'e1',
        lastEventAt: at(30_000),
        polledAt: at(61_000),
        error: null,
      });
      // An empty poll keeps the last event seen; an error is recorded.
      await b.admin.saveProgress('CONTOSO', {
        since: at(120_000),
        lastEventId: null,
        lastEventAt: null,
        polledAt: at(121_000),
        error: 'ado.throttled',
      });
      const taken = await b.admin.watch('contoso', other.id, at(200_000));
      expect(taken).toMatchObject({
        org: 'contoso',
        adminUserId: other.id,
        watchedAt: t0,
        since: at(120_000),
        lastEventId: 'e1',
        lastEventAt: at(30_000),
        lastPolledAt: at(121_000),
        lastError: 'ado.throttled',
      });
      await a.admin.watch('fabrikam', admin.id, t0);
      expect((await b.admin.list()).map((x) => x.org)).toEqual(['contoso', 'fabrikam']);
      expect(await a.admin.unwatch('CONTOSO')).toBe(true);
      expect(await a.admin.unwatch('contoso')).toBe(false);
      expect(await b.admin.get('contoso')).toBeNull();
    });

    it('finds a signed-in user by Entra username, case-insensitively', async () => {
      const u = await a.users.upsertByIdentity(teams);
      expect(await b.admin.userIdByUsername('ana@contoso.com')).toBeNull();
      await a.users.setEntraAccount(u.id, account);
      expect(await b.admin.userIdByUsername('ANA@Contoso.com')).toBe(u.id);
      expect(await b.admin.userIdByUsername('bob@contoso.com')).toBeNull();
      await a.users.setEntraAccount(u.id, null);
      expect(await b.admin.userIdByUsername('ana@contoso.com')).toBeNull();
    });
  });

  describe('admin digests', () => {
    it('subscribes a channel to an organisation once (any case), keeps the last send on a re-subscribe, and unsubscribes', async () => {
      const admin = await a.users.upsertByIdentity(teams);
      const other = await a.users.upsertByIdentity(slack);
      const s = await a.adminDigests.subscribe('teams:c1', 'Contoso', admin.id, t0);
      expect(s).toEqual({
        conversationKey: 'teams:c1',
        org: 'Contoso',
        adminUserId: admin.id,
        subscribedAt: t0,
        lastSentAt: null,
      });
      await b.adminDigests.markSent('teams:c1', 'CONTOSO', at(60_000));
      const again = await b.adminDigests.subscribe('teams:c1', 'contoso', other.id, at(90_000));
      expect(again).toEqual({
        conversationKey: 'teams:c1',
        org: 'contoso',
        adminUserId: other.id,
        subscribedAt: t0,
        lastSentAt: at(60_000),
      });
      await a.adminDigests.subscribe('slack:T1:C1', 'contoso', admin.id, t0);
      await a.adminDigests.subscribe('teams:c1', 'fabrikam', admin.id, t0);
      expect((await b.adminDigests.list()).map((d) => `${d.org}/${d.conversationKey}`)).toEqual([
        'contoso/slack:T1:C1',
        'contoso/teams:c1',
        'fabrikam/teams:c1',
      ]);
      expect(await a.adminDigests.unsubscribe('teams:c1', 'CONTOSO')).toBe(true);
      expect(await a.adminDigests.unsubscribe('teams:c1', 'contoso')).toBe(false);
      expect((await b.adminDigests.list()).map((d) => d.conversationKey)).toEqual([
        'slack:T1:C1',
        'teams:c1',
      ]);
    });

    it('keeps unknown-owner events once each, lists those read after a time, and prunes old ones', async () => {
      const e = (id: string, seen: number, atMs = seen - 1000) => ({
        eventId: id,
        at: at(atMs),
        seenAt: at(seen),
        line: `x@contoso.com: "${id}" was revoked`,
      });
      await a.adminDigests.recordUnknown('Contoso', e('e2', 20_000, 5_000));
      await a.adminDigests.recordUnknown('contoso', e('e1', 10_000));
      await b.adminDigests.recordUnknown('CONTOSO', { ...e('e1', 30_000), line: 'changed' });
      await a.adminDigests.recordUnknown('fabrikam', e('f1', 20_000));
      await a.adminDigests.recordUnknown('contoso', { ...e('long', 40_000), line: 'y'.repeat(1000) });
      const all = await b.adminDigests.unknownSince('contoso', at(0));
      expect(all.map((x) => x.eventId)).toEqual(['e2', 'e1', 'long']);
      expect(all[1]).toEqual(e('e1', 10_000));
      expect(all[2].line.length).toBeLessThanOrEqual(300);
      expect((await b.adminDigests.unknownSince('contoso', at(10_000))).map((x) => x.eventId)).toEqual([
        'e2',
        'long',
      ]);
      expect(await a.adminDigests.pruneUnknown(at(20_000))).toBe(1);
      expect((await b.adminDigests.unknownSince('contoso', at(0))).map((x) => x.eventId)).toEqual([
        'e2',
        'long',
      ]);
      expect((await b.adminDigests.unknownSince('fabrikam', at(0))).map((x) => x.eventId)).toEqual(['f1']);
    });
  });

  describe('open, migrations, ping and close', () => {
    it('migrates a brand-new database once when two instances open it at the same moment', async () => {
      const url = await backend.blank();
      const [x, y] = await Promise.all([openStore(url), openStore(url)]);
      try {
        await x.users.upsertByIdentity(slack);
        expect(await y.users.findByIdentity(slack)).not.toBeNull();
      } finally {
        await Promise.all([x.close(), y.close()]);
      }
    });

    it('records every migration once and refuses a database newer than the code', async () => {
      const versions = await backend.rows<{ version: unknown }>(
        'SELECT version FROM schema_migrations ORDER BY version',
      );
      expect(versions.map((r) => Number(r.version))).toEqual(MIGRATIONS.map((m) => m.version));
      await backend.rows(
        `INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)`,
      );
      const error = await rejectionOf(backend.open());
      expect(error).toBeInstanceOf(CodedError);
      expect(error).toMatchObject({
        code: 'store.unavailable',
        message: expect.stringContaining('schema version 999'),
      });
      await backend.rows('DELETE FROM schema_migrations WHERE version = 999');
    });

    it('pings while open; after close, ping fails with store.unavailable and close is idempotent', async () => {
      await expect(a.ping()).resolves.toBeUndefined();
      await a.close();
      await a.close();
      expect(await rejectionOf(a.ping())).toMatchObject({
        code: 'store.unavailable',
        nextStep: 'Restart patbot.',
      });
      await expect(b.ping()).resolves.toBeUndefined();
    });
  });
}

describe('Store contract: SQLite', () => contract(sqliteBackend()));
describePostgres('Store contract: PostgreSQL', () => contract(postgresBackend()));
