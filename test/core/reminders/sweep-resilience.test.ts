import { CodedError } from '../../../src/errors';
import { dyingStore } from './support/dying-store';
import { startWorld, type World, type WorldUser } from './support/sweep-world';

let w: World;
beforeEach(async () => {
  w = await startWorld();
  w.h.clock.set('2027-03-01T10:00:00Z'); // a Monday
});
afterEach(() => w.close());

/** `n` users, each with one PAT expiring in 3 days. */
async function manyUsers(n: number): Promise<WorldUser[]> {
  const users: WorldUser[] = [];
  for (let i = 0; i < n; i++) {
    const u = await w.addUser(`user${String(i).padStart(2, '0')}`);
    w.addPat(u, `pat-of-${u.user.displayName}`, '2027-03-04T12:00:00Z');
    users.push(u);
  }
  return users;
}

function countBy(lines: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of lines) m.set(l, (m.get(l) ?? 0) + 1);
  return m;
}

describe('reminder sweep: failures, throttling, restarts and concurrency', () => {
  it('one failing user never stops the others (token, Azure DevOps 403, 500, thrown error)', async () => {
    const users = await manyUsers(12);
    w.tokens.failures.set(users[1].user.id, {
      kind: 'unavailable',
      error: new CodedError('auth.unavailable', 'Sign-in service unavailable.', { nextStep: 'Later.' }),
    });
    w.h.sim.inject({ match: { oid: users[4].sim.oid }, status: 403, times: 100 });
    w.h.sim.inject({ match: { oid: users[7].sim.oid }, status: 500, times: 100 });
    const original = w.tokens.getAccessToken.bind(w.tokens);
    w.tokens.getAccessToken = (id) =>
      id === users[9].user.id ? Promise.reject(new Error('boom')) : original(id);

    const summary = await w.sweep({ concurrency: 4 });
    const failed = new Set([1, 4, 7, 9].map((i) => users[i].user.id));
    const expected = users
      .filter((u) => !failed.has(u.user.id))
      .map((u) => `${u.user.id} pat-of-${u.user.displayName} 3d`);
    expect(w.notifier.directLines().sort()).toEqual(expected.sort());
    expect(summary.usersFailed).toBe(4);
    expect(summary.failures['auth.unavailable']).toBe(1);
    expect(summary.failures.internal).toBe(1);
    expect(Object.keys(summary.failures).length).toBeGreaterThanOrEqual(3);
    // The transient failures are retried by the next sweep.
    w.h.sim.clearFaults();
    w.tokens.failures.clear();
    w.tokens.getAccessToken = original;
    await w.sweep();
    expect(w.notifier.direct).toHaveLength(12);
  });

  it('a user who takes too long (slow Azure DevOps, a hanging token call) times out; the others go on', async () => {
    const users = await manyUsers(4);
    w.h.sim.inject({ match: { oid: users[0].sim.oid }, latencyMs: 1000, times: 10 });
    const original = w.tokens.getAccessToken.bind(w.tokens);
    w.tokens.getAccessToken = (id) => (id === users[1].user.id ? new Promise(() => undefined) : original(id));
    const started = Date.now();
    const summary = await w.sweep({ userTimeoutMs: 300, concurrency: 2 });
    expect(Date.now() - started).toBeLessThan(2500);
    expect(summary.failures['ado.timeout']).toBe(2);
    expect(w.notifier.direct.map((d) => d.userId).sort()).toEqual(
      [users[2].user.id, users[3].user.id].sort(),
    );
  });

  it('processes at most REMINDER_CONCURRENCY users at once', async () => {
    await manyUsers(10);
    let inFlight = 0;
    let peak = 0;
    const original = w.tokens.getAccessToken.bind(w.tokens);
    w.tokens.getAccessToken = async (id) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
      return original(id);
    };
    await w.sweep({ concurrency: 3, pageSize: 4 });
    expect(peak).toBe(3);
    expect(w.notifier.direct).toHaveLength(10);
  });

  it('a 429 storm slows only that user down, honours Retry-After, and is retried by a later sweep', async () => {
    const users = await manyUsers(6);
    const stormy = users[2];
    w.h.sim.inject({ match: { oid: stormy.sim.oid }, status: 429, retryAfterSeconds: 7, times: 1000 });
    const summary = await w.sweep();
    expect(w.notifier.direct.map((d) => d.userId)).not.toContain(stormy.user.id);
    expect(w.notifier.direct).toHaveLength(5);
    expect(summary.failures['ado.throttled']).toBe(1);
    expect(w.sleeps).toEqual([7000, 7000]); // the sweep's own waits: two more tries after Retry-After
    expect(w.h.sim.requestCount({ oid: users[0].sim.oid })).toBe(2); // the others were not slowed down

    w.h.sim.clearFaults();
    await w.sweep();
    expect(w.notifier.directLines().filter((l) => l.startsWith(stormy.user.id))).toEqual([
      `${stormy.user.id} pat-of-${stormy.user.displayName} 3d`,
    ]);
    expect(w.notifier.direct).toHaveLength(6);
  });

  it('a Retry-After longer than the bound is not waited for in the sweep', async () => {
    const [u] = await manyUsers(1);
    w.h.sim.inject({ match: { oid: u.sim.oid }, status: 429, retryAfterSeconds: 3600, times: 1000 });
    const summary = await w.sweep({ maxThrottleWaitMs: 60_000 });
    expect(summary.failures['ado.throttled']).toBe(1);
    expect(w.sleeps).toEqual([]);
  });

  it('a crash between two messages loses nothing and a restart sends nothing twice', async () => {
    await manyUsers(8);
    const dying = dyingStore(w.store, { afterMarkSent: 3 });
    await w.sweep({ instanceId: 'a', concurrency: 1 }, dying);
    expect(w.notifier.direct).toHaveLength(3);
    const restarted = await w.openAnotherStore();
    await w.sweep({ instanceId: 'b' }, restarted);
    const lines = w.notifier.directLines();
    expect(lines).toHaveLength(8);
    expect([...countBy(lines).values()].every((n) => n === 1)).toBe(true);
  });

  it('a message in flight at the crash is sent at most once more, after its claim goes stale', async () => {
    await manyUsers(8);
    const dying = dyingStore(w.store, { atMarkSent: 3 });
    await w.sweep({ instanceId: 'a', concurrency: 1 }, dying);
    expect(w.notifier.direct).toHaveLength(3); // the third was delivered but not recorded
    const restarted = await w.openAnotherStore();
    await w.sweep({ instanceId: 'b', claimStaleMs: 15 * 60_000 }, restarted);
    expect(w.notifier.direct).toHaveLength(8); // 7 distinct now: the in-flight one is still claimed by a
    expect(countBy(w.notifier.directLines()).size).toBe(8);
    w.h.clock.set('2027-03-01T10:16:00Z');
    await w.sweep({ instanceId: 'b', claimStaleMs: 15 * 60_000 }, restarted);
    const counts = [...countBy(w.notifier.directLines()).values()];
    expect(counts.filter((n) => n === 2)).toHaveLength(1); // the documented worst case
    expect(counts.every((n) => n <= 2)).toBe(true);
    await w.sweep({ instanceId: 'b' }, restarted);
    expect(w.notifier.direct).toHaveLength(9);
  });

  it('two instances sweeping the same store at once send nothing twice', async () => {
    await manyUsers(10);
    const second = await w.openAnotherStore();
    await Promise.all([
      w.sweep({ instanceId: 'a', concurrency: 3 }),
      w.sweep({ instanceId: 'b', concurrency: 3 }, second),
    ]);
    const lines = w.notifier.directLines();
    expect(lines).toHaveLength(10);
    expect(countBy(lines).size).toBe(10);
  });

  it('a transient delivery failure is retried by the next sweep; a permanent one marks the DM failed', async () => {
    const [ada, bob] = await manyUsers(2);
    const busy = new CodedError('chat.throttled', 'Teams is busy.', { nextStep: 'Later.' });
    const gone = new CodedError('chat.unreachable', 'App uninstalled.', { nextStep: 'Reinstall.' });
    w.notifier.answer = (to) =>
      to === ada.user.id
        ? { ok: false, permanent: false, error: busy }
        : { ok: false, permanent: true, error: gone, conversationKey: bob.dmKey };
    const first = await w.sweep();
    expect(first.failures).toEqual({ 'chat.throttled': 1, 'chat.unreachable': 1 });
    expect((await w.store.conversations.get(bob.dmKey))?.status).toBe('failed');
    w.notifier.answer = () => ({ ok: true });
    const second = await w.sweep();
    expect(w.notifier.direct.map((d) => d.userId)).toEqual([ada.user.id]);
    expect(second.undeliverable).toBe(1);
  });

  it('an aborted sweep starts no new user and sends nothing more', async () => {
    await manyUsers(5);
    const controller = new AbortController();
    w.notifier.answer = () => {
      controller.abort();
      return { ok: true };
    };
    const summary = await w.sweep({ concurrency: 1, signal: controller.signal });
    expect(summary.aborted).toBe(true);
    expect(w.notifier.direct).toHaveLength(1);
  });
  it('reads at most MAX_ORGS_PER_USER organisations per person, at most 4 at a time', async () => {
    const [u] = await manyUsers(1);
    const many = ['contoso', ...Array.from({ length: 299 }, (_, i) => `gone${i}`)];
    await w.store.users.setOrgs(u.user.id, many);
    w.h.sim.setLatency(40);
    w.h.sim.resetRequests();
    const summary = await w.sweep({ maxOrgsPerUser: 10 });
    const orgs = new Set(w.h.sim.requests({ oid: u.sim.oid }).map((r) => r.org));
    expect(orgs).toEqual(new Set(many.slice(0, 10)));
    expect(w.h.sim.maxInFlight()).toBeLessThanOrEqual(8);
    expect(summary.pats).toBe(1);
    expect(w.notifier.directLines()).toEqual([expect.stringContaining(`pat-of-${u.user.displayName}`)]);
  });
});
