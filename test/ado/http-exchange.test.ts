/**
 * The Azure DevOps client's own HTTP exchange (node:http / node:https with keep-alive), against
 * real local servers: what goes out, what comes back, no redirects, aborts, TLS verification,
 * and one connection reused for calls one after the other.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { fetchExchange, nodeExchange } from '../../src/ado/http-exchange';
import { createLocalTls } from '../../src/sandbox/entra/local-ca';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

async function serve(
  handler: Handler,
): Promise<{ url: string; sockets: () => number; close(): Promise<void> }> {
  let sockets = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, Buffer.concat(chunks).toString('utf8'), res));
  });
  server.on('connection', () => (sockets += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sockets: () => sockets,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const signal = () => new AbortController().signal;

describe('nodeExchange', () => {
  it('sends method, headers and body; returns status, headers (any case, joined) and the whole body', async () => {
    const seen: { method?: string; auth?: string; type?: string; length?: string; body?: string } = {};
    const big = 'x'.repeat(300_000);
    const server = await serve((req, body, res) => {
      Object.assign(seen, {
        method: req.method,
        auth: req.headers.authorization,
        type: req.headers['content-type'],
        length: req.headers['content-length'],
        body,
      });
      res.setHeader('X-RateLimit-Remaining', '7');
      res.setHeader('Set-Cookie', ['a=1', 'b=2']);
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ big }));
    });
    try {
      const body = JSON.stringify({ displayName: 'née ✓' });
      const answer = await nodeExchange({
        method: 'POST',
        url: `${server.url}/contoso/_apis/tokens/pats?api-version=7.1-preview.1`,
        headers: { Authorization: 'Bearer t0ken', 'Content-Type': 'application/json' },
        body,
        signal: signal(),
      });
      expect(seen).toEqual({
        method: 'POST',
        auth: 'Bearer t0ken',
        type: 'application/json',
        length: String(Buffer.byteLength(body)),
        body,
      });
      expect(answer.status).toBe(201);
      expect(answer.headers.get('x-ratelimit-remaining')).toBe('7');
      expect(answer.headers.get('X-RATELIMIT-REMAINING')).toBe('7');
      expect(answer.headers.get('set-cookie')).toBe('a=1, b=2');
      expect(answer.headers.get('retry-after')).toBeNull();
      expect(JSON.parse(answer.body)).toEqual({ big });
    } finally {
      await server.close();
    }
  });

  it('does not follow a redirect, and reuses one connection for calls one after the other', async () => {
    const server = await serve((_req, _body, res) => {
      res.writeHead(302, { location: 'https://login.example/sign-in' });
      res.end();
    });
    try {
      for (let i = 0; i < 5; i++) {
        const answer = await nodeExchange({
          method: 'GET',
          url: `${server.url}/org`,
          headers: {},
          signal: signal(),
        });
        expect(answer.status).toBe(302);
        expect(answer.headers.get('location')).toBe('https://login.example/sign-in');
      }
      expect(server.sockets()).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('rejects with the signal’s reason when aborted before the answer or in the middle of the body', async () => {
    const server = await serve((req, _body, res) => {
      if (req.url === '/slow') return void setTimeout(() => res.end('late'), 2000).unref();
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial'); // and never the rest
    });
    try {
      for (const path of ['/slow', '/partial']) {
        const controller = new AbortController();
        const started = Date.now();
        const pending = nodeExchange({
          method: 'GET',
          url: `${server.url}${path}`,
          headers: {},
          signal: controller.signal,
        });
        setTimeout(() => controller.abort(new Error('timeout')), 100);
        await expect(pending).rejects.toThrow('timeout');
        expect(Date.now() - started).toBeLessThan(1500);
      }
    } finally {
      await server.close();
    }
  });

  it('rejects a connection refused with its code, and an unsupported protocol', async () => {
    const server = await serve(() => undefined);
    const url = server.url;
    await server.close();
    await expect(nodeExchange({ method: 'GET', url, headers: {}, signal: signal() })).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    await expect(
      nodeExchange({ method: 'GET', url: 'ftp://127.0.0.1/x', headers: {}, signal: signal() }),
    ).rejects.toThrow('unsupported protocol');
  });

  it('verifies TLS: a certificate from an unknown CA is refused', async () => {
    const tls = createLocalTls();
    const server = https.createServer({ key: tls.keyPem, cert: tls.certPem }, (_req, res) => res.end('{}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await expect(
        nodeExchange({ method: 'GET', url: `https://127.0.0.1:${port}/x`, headers: {}, signal: signal() }),
      ).rejects.toMatchObject({ code: expect.stringMatching(/CERT|SELF_SIGNED|UNABLE_TO/) });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('fetchExchange', () => {
  it('goes through the given fetch without following redirects', async () => {
    const calls: RequestInit[] = [];
    const exchange = fetchExchange(async (_url, init) => {
      calls.push(init ?? {});
      return new Response('{"ok":true}', { status: 200, headers: { 'X-RateLimit-Delay': '2' } });
    });
    const answer = await exchange({
      method: 'GET',
      url: 'https://ado.example/x',
      headers: { A: 'b' },
      signal: signal(),
    });
    expect(calls[0]).toMatchObject({ method: 'GET', redirect: 'manual', headers: { A: 'b' } });
    expect(answer).toMatchObject({ status: 200, body: '{"ok":true}' });
    expect(answer.headers.get('x-ratelimit-delay')).toBe('2');
  });
});
