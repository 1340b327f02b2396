import type { LedgerKey, Store } from '../../src/core/store';
import { tempDb, type TempDb } from './support/temp-db';

const key: LedgerKey = { patId: 'pat-1', threshold: '7d', target: 'teams:a:1' };
const t0 = new Date('2026-03-01T08:00:00.000Z');
const at = (ms: number): Date => new Date(t0.getTime() + ms);
const STALE = 10 * 60_000;

describe('SqliteReminderLedger', () => {
  let t: TempDb;
  let a: Store;
  let b: Store;
  beforeEach(async () => {
    t = tempDb();
    a = await t.open();
    b = await t.open(); // a second bot process on the same file
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('lets exactly one of two stores claim a fresh reminder', async () => {
    const results = await Promise.all([
      a.ledger.claim(key, 'proc-a', t0, STALE),
      b.ledger.claim(key, 'proc-b', t0, STALE),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results[0] ? 'proc-a' : 'proc-b';
    expect(await b.ledger.get(key)).toEqual({
      ...key,
      status: 'claimed',
      claimedBy: winner,
      claimedAt: t0,
      sentAt: null,
    });
  });

  it('refuses a younger foreign claim and takes over a stale one', async () => {
    expect(await a.ledger.claim(key, 'proc-a', t0, STALE)).toBe(true);
    expect(await b.ledger.claim(key, 'proc-b', at(STALE - 1), STALE)).toBe(false);
    expect((await a.ledger.get(key))?.claimedBy).toBe('proc-a');
    expect(await b.ledger.claim(key, 'proc-b', at(STALE), STALE)).toBe(true);
    expect(await b.ledger.get(key)).toMatchObject({
      claimedBy: 'proc-b',
      claimedAt: at(STALE),
      status: 'claimed',
    });
    expect(await a.ledger.claim(key, 'proc-a', at(STALE + 1), STALE)).toBe(false);
  });

  it('lets a claimer re-claim its own claim', async () => {
    expect(await a.ledger.claim(key, 'proc-a', t0, STALE)).toBe(true);
    expect(await a.ledger.claim(key, 'proc-a', at(1000), STALE)).toBe(true);
    expect((await a.ledger.get(key))?.claimedAt).toEqual(at(1000));
  });

  it('never re-claims a sent entry, however old', async () => {
    expect(await a.ledger.claim(key, 'proc-a', t0, STALE)).toBe(true);
    await a.ledger.markSent(key, at(500));
    expect(await a.ledger.get(key)).toEqual({
      ...key,
      status: 'sent',
      claimedBy: 'proc-a',
      claimedAt: t0,
      sentAt: at(500),
    });
    expect(await b.ledger.claim(key, 'proc-b', at(365 * 86_400_000), STALE)).toBe(false);
    expect(await a.ledger.claim(key, 'proc-a', at(365 * 86_400_000), STALE)).toBe(false);
    await a.ledger.release(key, 'proc-a');
    expect((await a.ledger.get(key))?.status).toBe('sent');
  });

  it('records a send that was never claimed as sent', async () => {
    await a.ledger.markSent(key, t0);
    expect(await a.ledger.get(key)).toMatchObject({ status: 'sent', sentAt: t0 });
    expect(await b.ledger.claim(key, 'proc-b', at(1), STALE)).toBe(false);
  });

  it('release frees only the caller’s own claim so a later sweep retries', async () => {
    expect(await a.ledger.claim(key, 'proc-a', t0, STALE)).toBe(true);
    await b.ledger.release(key, 'proc-b');
    expect(await b.ledger.claim(key, 'proc-b', at(1), STALE)).toBe(false);
    await a.ledger.release(key, 'proc-a');
    expect(await a.ledger.get(key)).toBeNull();
    expect(await b.ledger.claim(key, 'proc-b', at(2), STALE)).toBe(true);
  });

  it('keys on pat, threshold and target together', async () => {
    expect(await a.ledger.claim(key, 'proc-a', t0, STALE)).toBe(true);
    expect(await b.ledger.claim({ ...key, threshold: '1d' }, 'proc-b', t0, STALE)).toBe(true);
    expect(await b.ledger.claim({ ...key, target: 'slack:T:C1' }, 'proc-b', t0, STALE)).toBe(true);
    expect(await b.ledger.claim({ ...key, patId: 'pat-2' }, 'proc-b', t0, STALE)).toBe(true);
    expect(await a.ledger.get({ ...key, patId: 'pat-3' })).toBeNull();
  });

  it('splits many reminders between two stores with no reminder claimed twice', async () => {
    const keys = Array.from({ length: 50 }, (_, i) => ({ ...key, patId: `pat-${i}` }));
    const claims = await Promise.all(
      keys.flatMap((k) => [a.ledger.claim(k, 'proc-a', t0, STALE), b.ledger.claim(k, 'proc-b', t0, STALE)]),
    );
    for (let i = 0; i < keys.length; i += 1)
      expect(Number(claims[2 * i]) + Number(claims[2 * i + 1])).toBe(1);
  });
});
