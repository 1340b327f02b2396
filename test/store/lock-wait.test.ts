/**
 * A SQLite file locked by ANOTHER OS process: store calls wait for the lock without blocking
 * the event loop (timers keep firing), a write issued during the lock succeeds once it is
 * released (a transaction as a whole, once), and past the budget the call fails with
 * `store.unavailable` and a next step.
 */
import { CodedError } from '../../src/errors';
import { holdWriteLock } from '../support/sqlite-lock';
import { rejectionOf, tempDb, type TempDb } from './support/temp-db';

/** Counts timer ticks: a blocked event loop counts none. */
function ticker(everyMs = 10): { ticks: () => number; stop: () => void } {
  let n = 0;
  const timer = setInterval(() => (n += 1), everyMs);
  return { ticks: () => n, stop: () => clearInterval(timer) };
}

describe('a store whose file another process has locked', () => {
  let t: TempDb;
  beforeEach(() => {
    t = tempDb();
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('fails with store.unavailable after the budget, and the event loop kept running meanwhile', async () => {
    const store = await t.open({ lockWaitMs: 800 });
    const lock = await holdWriteLock(t.file, 4000);
    const tick = ticker();
    const started = Date.now();
    const err = await rejectionOf(store.tokenCache.set('partition', 'sealed'));
    const waited = Date.now() - started;
    const ticks = tick.ticks();
    tick.stop();
    expect(err).toBeInstanceOf(CodedError);
    expect((err as CodedError).code).toBe('store.unavailable');
    expect((err as CodedError).message).toMatch(/stayed locked by another process/);
    expect((err as CodedError).nextStep).toMatch(/Try again/);
    expect(waited).toBeGreaterThanOrEqual(750);
    expect(waited).toBeLessThan(3500); // gave up at its budget, not when the lock went away
    // A 10 ms timer over ~800 ms: a loop blocked by SQLite's own busy wait would count ~0.
    expect(ticks).toBeGreaterThanOrEqual(15);
    await lock.released;
    expect(await store.tokenCache.get('partition')).toBeNull();
  }, 20_000);

  it('a write transaction issued during the lock is applied once, after the release', async () => {
    const store = await t.open();
    const lock = await holdWriteLock(t.file, 1500);
    const tick = ticker();
    const write = store.subscriptions
      .upsert('slack:T1:C1', 'u1', 'deploy-*')
      .then((s) => ({ s, at: Date.now() }));
    // Reads are not blocked by the writer (WAL), and answer while the write waits.
    const readStarted = Date.now();
    expect(await store.subscriptions.listForConversation('slack:T1:C1')).toEqual([]);
    expect(Date.now() - readStarted).toBeLessThan(500);
    const [{ s, at }, releasedAt] = await Promise.all([write, lock.released]);
    const ticks = tick.ticks();
    tick.stop();
    expect(at).toBeGreaterThanOrEqual(releasedAt - 5); // it had to wait for the other process
    expect(s).toMatchObject({ conversationKey: 'slack:T1:C1', userId: 'u1', namePattern: 'deploy-*' });
    expect(await store.subscriptions.listForConversation('slack:T1:C1')).toEqual([s]);
    expect(ticks).toBeGreaterThanOrEqual(30);
  }, 20_000);
});
