import type { Store } from '../../src/core/store';
import { tempDb, type TempDb } from './support/temp-db';

const t0 = new Date('2026-03-01T08:00:00.000Z');
const at = (ms: number): Date => new Date(t0.getTime() + ms);
const TTL = 60_000;

describe('SqliteLeaseStore (two stores on one file)', () => {
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

  it('gives the lease to only one holder', async () => {
    const results = await Promise.all([
      a.leases.tryAcquire('sweep', 'proc-a', t0, TTL),
      b.leases.tryAcquire('sweep', 'proc-b', t0, TTL),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('lets the holder renew and keeps others out until it expires', async () => {
    expect(await a.leases.tryAcquire('sweep', 'proc-a', t0, TTL)).toBe(true);
    expect(await b.leases.tryAcquire('sweep', 'proc-b', at(TTL - 1), TTL)).toBe(false);
    expect(await a.leases.tryAcquire('sweep', 'proc-a', at(TTL - 1), TTL)).toBe(true); // renews to 2*TTL-1
    expect(await b.leases.tryAcquire('sweep', 'proc-b', at(TTL + 10), TTL)).toBe(false);
    expect(await b.leases.tryAcquire('sweep', 'proc-b', at(2 * TTL - 1), TTL)).toBe(true); // expired
    expect(await a.leases.tryAcquire('sweep', 'proc-a', at(2 * TTL), TTL)).toBe(false);
  });

  it('release frees only the holder’s own lease', async () => {
    expect(await a.leases.tryAcquire('sweep', 'proc-a', t0, TTL)).toBe(true);
    await b.leases.release('sweep', 'proc-b');
    expect(await b.leases.tryAcquire('sweep', 'proc-b', at(1), TTL)).toBe(false);
    await a.leases.release('sweep', 'proc-a');
    expect(await b.leases.tryAcquire('sweep', 'proc-b', at(2), TTL)).toBe(true);
  });

  it('keeps different lease names independent', async () => {
    expect(await a.leases.tryAcquire('sweep', 'proc-a', t0, TTL)).toBe(true);
    expect(await b.leases.tryAcquire('digest', 'proc-b', t0, TTL)).toBe(true);
  });
});
