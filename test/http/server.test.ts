import { healthRoutes } from '../../src/http/health';
import { startHttpServer, type RunningHttpServer, type Route } from '../../src/http/server';
import { captureLogger } from '../support/capture-logger';

describe('HTTP edge', () => {
  let server: RunningHttpServer;
  const logs = captureLogger();
  let storeUp = true;
  let releaseSlow: () => void = () => undefined;
  const seen: unknown[] = [];

  const routes: Route[] = [
    ...healthRoutes([
      {
        name: 'store',
        check: async () => {
          if (!storeUp) throw new Error('database is locked');
        },
      },
    ]),
    {
      method: 'POST',
      path: '/echo',
      body: 'json',
      raw: async (req, res) => {
        seen.push(req.body);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ got: req.body, rawIsBuffer: Buffer.isBuffer(req.rawBody) }));
      },
    },
    {
      method: 'POST',
      path: '/boom',
      body: 'json',
      handle: async () => {
        throw new Error('SELECT * FROM secrets failed at /srv/internal/path.ts:42');
      },
    },
    {
      method: 'GET',
      path: '/slow',
      handle: () =>
        new Promise((resolve) => {
          releaseSlow = () => resolve({ status: 200, body: 'done' });
        }),
    },
  ];

  beforeAll(async () => {
    server = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      bodyLimitBytes: 1024,
      logger: logs.logger,
      routes,
    });
  });
  afterAll(async () => server.close(1000));

  const post = (path: string, body: string, type = 'application/json') =>
    fetch(`${server.url}${path}`, { method: 'POST', body, headers: { 'content-type': type } });

  it('answers liveness', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('reports readiness from its checks', async () => {
    storeUp = true;
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    storeUp = false;
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { checks: Array<{ name: string; ok: boolean; error?: string }> };
    expect(body.checks).toEqual([{ name: 'store', ok: false, error: 'failed' }]);
    expect(logs.text()).toContain('database is locked');
    storeUp = true;
  });

  it('hands JSON routes a parsed body and the raw Buffer', async () => {
    const res = await post('/echo', '{"type":"message","text":"pat list"}');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ got: { type: 'message', text: 'pat list' }, rawIsBuffer: true });
  });

  it('refuses malformed JSON with 400 and never calls the handler', async () => {
    const before = seen.length;
    const res = await post('/echo', '{"type":');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'malformed_json',
      message: 'The request body is not valid JSON.',
    });
    expect(seen.length).toBe(before);
  });

  it('refuses a non-object JSON body and a wrong content type', async () => {
    expect((await post('/echo', '[1,2]')).status).toBe(400);
    expect((await post('/echo', '{}', 'text/plain')).status).toBe(415);
  });

  it('refuses an oversized body with 413', async () => {
    const res = await post('/echo', JSON.stringify({ text: 'x'.repeat(2000) }));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toBe('payload_too_large');
  });

  it('never leaks internals in a 500', async () => {
    const res = await post('/boom', '{}');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toMatch(/SELECT|secrets|internal\/path/);
    expect(JSON.parse(text)).toMatchObject({ error: 'internal' });
    expect(logs.text()).toContain('request failed');
  });

  it('answers unknown routes with 404 without echoing the path', async () => {
    const res = await fetch(`${server.url}/nope/<script>`);
    expect(res.status).toBe(404);
    const text = await res.text();
    expect(text).not.toContain('script');
    expect(JSON.parse(text)).toEqual({ error: 'not_found', message: 'No such route.' });
  });

  it('waits for in-flight requests when closing', async () => {
    const second = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      bodyLimitBytes: 1024,
      logger: logs.logger,
      routes,
    });
    const pending = fetch(`${second.url}/slow`).then((r) => r.text());
    while (second.inFlight() === 0) await new Promise((r) => setTimeout(r, 5));
    const closing = second.close(5000);
    setTimeout(() => releaseSlow(), 100);
    await closing;
    expect(await pending).toBe('done');
  });
});
