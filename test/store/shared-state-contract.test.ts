/**
 * The contract of the ports that replace per-process state (EphemeralStore) and spread sweeps
 * over instances (SweepQueue), against SQLite and a real PostgreSQL server: two Store objects
 * on one database stand for two bot instances.
 */
import type { Store, SweepRun } from '../../src/core/store';
import { describePostgres } from './support/postgres';
import { postgresBackend, sqliteBackend, type StoreBackend } from './support/store-backends';

const t0 = new Date('2026-03-01T08:00:00.000Z');
const at = (ms: number): Date => new Date(t0.getTime() + ms);
const STALE = 60_000;

function run(sweepId: string, openedBy = 'a', openedAt = t0): SweepRun {
  return { sweepId, plannedAt: at(-5_000), openedBy, openedAt };
}

function contract(backend: StoreBackend): void {
  let a: Store;
  let b: Store;
  beforeAll(() => backend.beforeAll());
  afterAll(() => backend.afterAll());
  beforeEach(async () => {
    await backend.fresh();
    a = await backend.open({ now: () => t0 });
    b = await backend.open({ now: () => t0 });
  });
  afterEach(() => backend.closeAll());

  /** `n` signed-in users and one who is not; returns the signed-in ids, sorted. */
  async function signedInUsers(n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i += 1) {
      const u = await a.users.upsertByIdentity({ platform: 'slack', teamId: 'T1', slackUserId: `U${i}` });
      await a.users.setEntraAccount(u.id, { homeAccountId: `oid${i}.tid`, tenantId: 'tid', username: null });
      ids.push(u.id);
    }
    await a.users.upsertByIdentity({ platform: 'slack', teamId: 'T1', slackUserId: 'Unsigned' });
    return ids.sort();
  }

  describe('ephemeral values', () => {
    it('is seen by the other instance until it expires, and replaced by a later put', async () => {
      await a.ephemeral.put('k', '{"v":1}', at(60_000), t0);
      expect(await b.ephemeral.get('k', at(59_999))).toBe('{"v":1}');
      expect(await b.ephemeral.get('k', at(60_000))).toBeNull();
      await b.ephemeral.put('k', '{"v":2}', at(120_000), t0);
      expect(await a.ephemeral.get('k', at(60_000))).toBe('{"v":2}');
      expect(await a.ephemeral.get('other', t0)).toBeNull();
    });

    it('hands a value to exactly one of many concurrent takers across instances', async () => {
      await Promise.all([a.ping(), b.ping(), a.ping(), b.ping()]);
      for (let i = 0; i < 10; i += 1) await a.ephemeral.put(`p${i}`, `v${i}`, at(60_000), t0);
      const taken = await Promise.all(
        Array.from({ length: 10 }, (_, i) => [a, b, a, b].map((s) => s.ephemeral.take(`p${i}`, t0))).flat(),
      );
      for (let i = 0; i < 10; i += 1)
        expect(taken.slice(4 * i, 4 * i + 4).filter((v) => v !== null)).toEqual([`v${i}`]);
      expect(await a.ephemeral.get('p0', t0)).toBeNull();
    });

    it('lets exactly one of many concurrent claimers claim a key, again only once it expired', async () => {
      const claims = await Promise.all(
        [a, b, a, b, a, b].map((s, i) => s.ephemeral.claim('c', `v${i}`, at(60_000), t0)),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      const winner = `v${claims.indexOf(true)}`;
      expect(await b.ephemeral.get('c', at(59_999))).toBe(winner);
      expect(await b.ephemeral.claim('c', 'late', at(90_000), at(59_999))).toBe(false);
      expect(await b.ephemeral.get('c', at(59_999))).toBe(winner);
      expect(await a.ephemeral.claim('c', 'next', at(120_000), at(60_000))).toBe(true);
      expect(await b.ephemeral.get('c', at(60_000))).toBe('next');
      await b.ephemeral.delete('c');
      expect(await a.ephemeral.claim('c', 'again', at(120_000), at(60_000))).toBe(true);
      expect(await a.ephemeral.claim('past', 'x', at(1_000), at(1_000))).toBe(false);
      expect(await a.ephemeral.get('past', t0)).toBeNull();
    });

    it('takes nothing once expired, deletes, and purges expired rows on put', async () => {
      await a.ephemeral.put('old', 'x', at(1_000), t0);
      expect(await b.ephemeral.take('old', at(1_000))).toBeNull();
      await a.ephemeral.put('gone', 'x', at(1_000), t0);
      await b.ephemeral.delete('gone');
      expect(await a.ephemeral.get('gone', t0)).toBeNull();
      await a.ephemeral.put('stale', 'x', at(1_000), t0);
      await a.ephemeral.put('fresh', 'y', at(90_000), at(2_000));
      const rows = await backend.rows<{ item_key: string }>(
        'SELECT item_key FROM ephemeral ORDER BY item_key',
      );
      expect(rows.map((r) => r.item_key)).toEqual(['fresh']);
    });
  });

  describe('sweep queue', () => {
    it('opens one item per signed-in user, once per sweep id, and finds the newest open sweep', async () => {
      const ids = await signedInUsers(5);
      expect(await a.sweeps.open(run('s1'))).toBe(5);
      expect(await b.sweeps.open(run('s1', 'b'))).toBe(0);
      expect(await b.sweeps.progress('s1')).toEqual({ total: 5, pending: 5, claimed: 0, done: 0 });
      expect(await b.sweeps.latestOpen(at(-1))).toEqual(run('s1'));
      expect(await b.sweeps.latestOpen(at(1))).toBeNull();
      const claimed = await b.sweeps.claim('s1', 'b', t0, STALE, 10);
      expect(claimed).toEqual(ids.map((userId) => ({ userId, takeover: false })));
      expect(await a.sweeps.finish('s1', 'a', t0)).toBe(true);
      expect(await b.sweeps.finish('s1', 'b', t0)).toBe(false);
      expect(await b.sweeps.latestOpen(at(-1))).toBeNull();
    });

    it('never gives one item to two instances claiming at once, and each completes its own', async () => {
      const ids = await signedInUsers(40);
      await a.sweeps.open(run('s1'));
      await Promise.all([a.ping(), b.ping(), a.ping(), b.ping()]);
      const batches = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          (i % 2 === 0 ? a : b).sweeps.claim('s1', i % 2 === 0 ? 'a' : 'b', t0, STALE, 4),
        ),
      );
      const all = batches.flat().map((c) => c.userId);
      expect(all.length).toBe(40);
      expect(new Set(all).size).toBe(40);
      const owner = new Map<string, string>();
      batches.forEach((batch, i) => batch.forEach((c) => owner.set(c.userId, i % 2 === 0 ? 'a' : 'b')));
      expect(await a.sweeps.complete('s1', ids[0], owner.get(ids[0]) === 'a' ? 'b' : 'a', 'x', t0)).toBe(
        false,
      );
      for (const id of ids)
        expect(await a.sweeps.complete('s1', id, owner.get(id) as string, null, t0)).toBe(true);
      expect(await b.sweeps.progress('s1')).toEqual({ total: 40, pending: 0, claimed: 0, done: 40 });
      expect(await b.sweeps.claim('s1', 'b', at(10 * STALE), STALE, 10)).toEqual([]);
    });

    it('takes over a stale claim (marked as a takeover) and drops the late result of its old holder', async () => {
      const ids = await signedInUsers(3);
      await a.sweeps.open(run('s1'));
      expect((await a.sweeps.claim('s1', 'a', t0, STALE, 2)).map((c) => c.userId)).toEqual(ids.slice(0, 2));
      expect(await b.sweeps.claim('s1', 'b', at(STALE - 1), STALE, 5)).toEqual([
        { userId: ids[2], takeover: false },
      ]);
      expect(await b.sweeps.claim('s1', 'b', at(STALE), STALE, 5)).toEqual([
        { userId: ids[0], takeover: true },
        { userId: ids[1], takeover: true },
      ]);
      expect(await a.sweeps.complete('s1', ids[0], 'a', '{"late":true}', at(STALE))).toBe(false);
      expect(await b.sweeps.complete('s1', ids[0], 'b', '{"n":0}', at(STALE))).toBe(true);
      expect(await b.sweeps.complete('s1', ids[2], 'b', '{"n":2}', at(STALE))).toBe(true);
      expect(await b.sweeps.complete('s1', ids[1], 'b', null, at(STALE))).toBe(true);
      expect(await a.sweeps.results('s1', null, 10)).toEqual([
        { userId: ids[0], result: '{"n":0}' },
        { userId: ids[2], result: '{"n":2}' },
      ]);
      expect(await a.sweeps.results('s1', ids[0], 1)).toEqual([{ userId: ids[2], result: '{"n":2}' }]);
    });

    it('forgets sweeps opened more than a week before the next one', async () => {
      await signedInUsers(2);
      await a.sweeps.open(run('old', 'a', at(-8 * 86_400_000)));
      await a.sweeps.open(run('recent', 'a', at(-86_400_000)));
      await a.sweeps.open(run('new'));
      const sweeps = await backend.rows<{ sweep_id: string }>(
        'SELECT sweep_id FROM sweeps ORDER BY sweep_id',
      );
      expect(sweeps.map((r) => r.sweep_id)).toEqual(['new', 'recent']);
      expect((await a.sweeps.progress('old')).total).toBe(0);
      expect((await a.sweeps.progress('recent')).total).toBe(2);
    });
  });
}

describe('Shared state contract: SQLite', () => contract(sqliteBackend()));
describePostgres('Shared state contract: PostgreSQL', () => contract(postgresBackend()));
