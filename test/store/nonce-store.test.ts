import Database from 'better-sqlite3';
import type { Store } from '../../src/core/store';
import { tempDb, type TempDb } from './support/temp-db';

const t0 = new Date('2026-03-01T08:00:00.000Z');
const at = (ms: number): Date => new Date(t0.getTime() + ms);

describe('SqliteNonceStore (two stores on one file)', () => {
  let t: TempDb;
  let a: Store;
  let b: Store;
  beforeEach(async () => {
    t = tempDb();
    a = await t.open();
    b = await t.open();
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('lets only the first use win, across stores', async () => {
    const results = await Promise.all([
      a.nonces.use('n1', at(600_000), t0),
      b.nonces.use('n1', at(600_000), t0),
      a.nonces.use('n1', at(600_000), t0),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await b.nonces.use('n1', at(600_000), at(1000))).toBe(false);
    expect(await b.nonces.use('n2', at(600_000), at(1000))).toBe(true);
  });

  it('refuses a nonce that has already expired', async () => {
    expect(await a.nonces.use('late', at(1000), at(1000))).toBe(false);
    expect(await a.nonces.use('late', at(1000), at(2000))).toBe(false);
  });

  it('purges expired nonces lazily without re-opening them', async () => {
    expect(await a.nonces.use('old', at(1000), t0)).toBe(true);
    expect(await a.nonces.use('young', at(100_000), t0)).toBe(true);
    expect(await b.nonces.use('trigger', at(200_000), at(5000))).toBe(true);
    const db = new Database(t.file, { readonly: true });
    try {
      expect(db.prepare('SELECT nonce FROM nonces ORDER BY nonce').pluck().all()).toEqual([
        'trigger',
        'young',
      ]);
    } finally {
      db.close();
    }
    expect(await a.nonces.use('old', at(1000), at(5000))).toBe(false);
    expect(await a.nonces.use('young', at(100_000), at(5000))).toBe(false);
  });
});
