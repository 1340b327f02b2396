import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { CodedError } from '../../src/errors';
import { startAdoHarness, DAY_MS, NOW, type AdoHarness } from '../support/ado-harness';

let h: AdoHarness;
beforeEach(async () => {
  h = await startAdoHarness();
});
afterEach(() => h.close());

const ctx = async () => ({ org: 'contoso', accessToken: await h.token(h.alice) });
const createReq = {
  name: 'ci',
  scope: 'vso.build',
  validTo: new Date(NOW.getTime() + DAY_MS),
  allOrgs: false,
};

async function failure(promise: Promise<unknown>): Promise<CodedError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CodedError);
  return error as CodedError;
}

describe('retries', () => {
  it('honours Retry-After on 429, then succeeds', async () => {
    const { client, waits } = h.client();
    h.sim.inject({ status: 429, retryAfterSeconds: 7 });
    await expect(client.list(await ctx())).resolves.toEqual([]);
    expect(waits).toEqual([7000]);
    expect(h.sim.requests().map((r) => r.status)).toEqual([429, 200]);
  });

  it('backs off exponentially with full jitter on 5xx without Retry-After', async () => {
    const { client, waits } = h.client({ random: () => 0.999, retry: { baseDelayMs: 100, maxDelayMs: 300 } });
    h.sim.inject({ status: 500, times: 3 });
    await expect(client.list(await ctx())).resolves.toEqual([]);
    expect(waits).toEqual([99, 199, 299]);
    expect(h.sim.requestCount()).toBe(4);
  });

  it('gives up after maxAttempts with ado.throttled and retryAfterSeconds', async () => {
    const { client, waits } = h.client({ retry: { maxAttempts: 3 } });
    h.sim.inject({ status: 429, retryAfterSeconds: 2, times: 10 });
    const error = await failure(client.list(await ctx()));
    expect(error.code).toBe('ado.throttled');
    expect(error.retryAfterSeconds).toBe(2);
    expect(error.message).toContain('slow down');
    expect(waits).toEqual([2000, 2000]);
    expect(h.sim.requestCount()).toBe(3);
  });

  it('gives up when the next wait would exceed the total time bound', async () => {
    const { client, waits } = h.client({ retry: { maxAttempts: 10, maxTotalMs: 30_000 } });
    h.sim.inject({ status: 429, retryAfterSeconds: 20, times: 10 });
    const error = await failure(client.list(await ctx()));
    expect(error.code).toBe('ado.throttled');
    expect(error.retryAfterSeconds).toBe(20);
    expect(waits).toEqual([20_000]);
    expect(h.sim.requestCount()).toBe(2);
  });

  it('gives up on persistent 503 with ado.unavailable', async () => {
    const { client } = h.client({ retry: { maxAttempts: 2 } });
    h.sim.inject({ status: 503, times: 5 });
    expect((await failure(client.list(await ctx()))).code).toBe('ado.unavailable');
    expect(h.sim.requestCount()).toBe(2);
  });

  it('retries a connection reset for idempotent calls', async () => {
    const { client, waits } = h.client();
    h.sim.inject({ resetConnection: true });
    await expect(client.list(await ctx())).resolves.toEqual([]);
    expect(waits).toHaveLength(1);
  });

  it('really waits when the wait is short (Retry-After: 1, real sleep)', async () => {
    const { client } = h.client({ sleep: undefined });
    h.sim.inject({ status: 429, retryAfterSeconds: 1 });
    const started = Date.now();
    await expect(client.list(await ctx())).resolves.toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });
});

describe('create is not retried once it may have reached the service', () => {
  it('not after a 500', async () => {
    const { client, waits } = h.client();
    h.sim.inject({ status: 500, match: { method: 'POST' } });
    expect((await failure(client.create(await ctx(), createReq))).code).toBe('ado.unavailable');
    expect(h.sim.requestCount({ method: 'POST' })).toBe(1);
    expect(waits).toEqual([]);
  });

  it('not after a connection reset', async () => {
    const { client } = h.client();
    h.sim.inject({ resetConnection: true, match: { method: 'POST' } });
    expect((await failure(client.create(await ctx(), createReq))).code).toBe('ado.unavailable');
    expect(h.sim.requestCount({ method: 'POST' })).toBe(1);
  });

  it('not after a 429 without Retry-After', async () => {
    const { client } = h.client();
    h.sim.inject({ status: 429, match: { method: 'POST' } });
    expect((await failure(client.create(await ctx(), createReq))).code).toBe('ado.throttled');
    expect(h.sim.requestCount({ method: 'POST' })).toBe(1);
  });

  it('but yes after a 429 or 503 with Retry-After', async () => {
    const { client, waits } = h.client();
    h.sim.inject({ status: 429, retryAfterSeconds: 3, match: { method: 'POST' } });
    h.sim.inject({ status: 503, retryAfterSeconds: 4, match: { method: 'POST' } });
    await expect(client.create(await ctx(), createReq)).resolves.toMatchObject({ pat: { name: 'ci' } });
    expect(waits).toEqual([3000, 4000]);
    expect(h.sim.patsOf(h.alice.oid)).toHaveLength(1);
  });

  it('and yes after connection refused (the request never left)', async () => {
    const dead = createServer();
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
    const deadPort = (dead.address() as AddressInfo).port;
    await new Promise<void>((resolve) => dead.close(() => resolve()));
    let calls = 0;
    const { client, waits } = h.client({
      fetch: (input, init) => {
        calls += 1;
        const url = calls === 1 ? String(input).replace(/:\d+\//, `:${deadPort}/`) : String(input);
        return fetch(url, init);
      },
    });
    await expect(client.create(await ctx(), createReq)).resolves.toMatchObject({ pat: { name: 'ci' } });
    expect(calls).toBe(2);
    expect(waits).toHaveLength(1);
  });
});

describe('pre-emptive slow-down on rate-limit headers', () => {
  it('waits before the next call when X-RateLimit-Remaining is 0 (until Reset)', async () => {
    const { client, waits } = h.client();
    const reset = Math.floor(NOW.getTime() / 1000) + 5;
    h.sim.inject({ rateLimit: { limit: 200, remaining: 0, reset } });
    await client.list(await ctx());
    expect(waits).toEqual([]);
    await client.list(await ctx());
    expect(waits).toEqual([5000]);
    expect(h.sim.requests().map((r) => r.status)).toEqual([200, 200]);
  });

  it('waits X-RateLimit-Delay before the next call of the same identity only', async () => {
    const { client, waits } = h.client();
    h.sim.inject({ rateLimit: { delaySeconds: 1.5, remaining: 10 } });
    await client.list(await ctx());
    await client.list({ org: 'contoso', accessToken: await h.token(h.bob) });
    expect(waits).toEqual([]);
    await client.get(await ctx(), randomUUID()).catch(() => undefined);
    expect(waits).toEqual([1500]);
  });

  it('caps the slow-down at maxDelayMs', async () => {
    const { client, waits } = h.client({ retry: { maxDelayMs: 2000 } });
    h.sim.inject({ rateLimit: { remaining: 0, reset: Math.floor(NOW.getTime() / 1000) + 300 } });
    await client.list(await ctx());
    await client.list(await ctx());
    expect(waits).toEqual([2000]);
  });
});
