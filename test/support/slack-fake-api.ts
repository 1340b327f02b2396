/**
 * A fake Slack Web API: a real HTTP server on 127.0.0.1 that records every call (form bodies
 * decoded; `blocks`/`view` JSON parsed), answers `{ ok: true, … }`, can answer 429 with
 * Retry-After for chosen calls, and also receives `response_url` posts at `/respond/<id>`.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  /** Form fields, with JSON-valued fields (`blocks`, `view`) parsed. */
  args: Record<string, unknown>;
  authorization: string | undefined;
  at: number;
  status: number;
}

export interface RecordedResponse {
  id: string;
  body: Record<string, unknown>;
  at: number;
}

export interface RateLimitRule {
  method: string;
  /** Only calls whose `channel` arg equals this. */
  channel?: string;
  retryAfterSeconds: number;
  times: number;
}

export interface FakeSlackApi {
  url: string;
  /** `slackApiUrl` for clients (`…/api/`). */
  apiUrl: string;
  calls(method?: string): RecordedCall[];
  responses(id?: string): RecordedResponse[];
  /** A fresh response_url on this server. */
  responseUrl(): string;
  rateLimit(rule: RateLimitRule): void;
  /** Holds every answer to `method` for `ms` (recorded on arrival, answered later); 0 = off. */
  slow(method: string, ms: number): void;
  /** Overrides the JSON answer for a method. */
  answer(method: string, body: (args: Record<string, unknown>) => Record<string, unknown>): void;
  /** Resolves when `predicate` holds (polling), or rejects after `timeoutMs`. */
  waitFor<T>(predicate: () => T | undefined | false, timeoutMs?: number): Promise<T>;
  reset(): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function decodeArgs(body: string, type: string | undefined): Record<string, unknown> {
  if (type?.startsWith('application/json')) return body ? (JSON.parse(body) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    if ((k === 'blocks' || k === 'view' || k === 'attachments') && /^[[{]/.test(v)) {
      args[k] = JSON.parse(v);
    } else args[k] = v;
  }
  return args;
}

const DEFAULTS: Record<string, (args: Record<string, unknown>) => Record<string, unknown>> = {
  'auth.test': () => ({ user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' }),
  'chat.postMessage': (a) => ({ channel: a.channel, ts: `${Date.now() / 1000}` }),
  'conversations.open': (a) => ({ channel: { id: `D${String(a.users).replace(/^U/, '')}` } }),
  'views.open': () => ({ view: { id: 'VMODAL' } }),
  'views.publish': () => ({ view: { id: 'VHOME' } }),
};

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: RecordedCall[] = [];
  const responses: RecordedResponse[] = [];
  const rules: RateLimitRule[] = [];
  const answers = new Map(Object.entries(DEFAULTS));
  const delays = new Map<string, number>();
  let nextId = 1;

  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const respond = /^\/respond\/([\w-]+)$/.exec(path);
      if (respond) {
        responses.push({ id: respond[1], body: JSON.parse(body) as Record<string, unknown>, at: Date.now() });
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('ok');
        return;
      }
      const api = /^\/api\/([\w.]+)$/.exec(path);
      if (!api) {
        res.writeHead(404);
        res.end();
        return;
      }
      const method = api[1];
      const args = decodeArgs(body, req.headers['content-type']);
      const call: RecordedCall = {
        method,
        args,
        authorization: req.headers.authorization,
        at: Date.now(),
        status: 200,
      };
      calls.push(call);
      const rule = rules.find(
        (r) => r.times > 0 && r.method === method && (r.channel === undefined || r.channel === args.channel),
      );
      if (rule) {
        rule.times -= 1;
        call.status = 429;
        res.writeHead(429, {
          'retry-after': String(rule.retryAfterSeconds),
          'content-type': 'application/json',
        });
        res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }
      const make = answers.get(method) ?? (() => ({}));
      const delay = delays.get(method) ?? 0;
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      if (res.destroyed) return;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, ...make(args) }));
    })().catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    apiUrl: `${url}/api/`,
    calls: (method) => calls.filter((c) => method === undefined || c.method === method),
    responses: (id) => responses.filter((r) => id === undefined || r.id === id),
    responseUrl: () => `${url}/respond/r${nextId++}`,
    rateLimit: (rule) => rules.push({ ...rule }),
    answer: (method, make) => answers.set(method, make),
    slow: (method, ms) => delays.set(method, ms),
    async waitFor(predicate, timeoutMs = 8000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = predicate();
        if (value) return value;
        if (Date.now() > deadline) throw new Error('fake Slack API: timed out waiting');
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    reset() {
      calls.length = 0;
      responses.length = 0;
      rules.length = 0;
      delays.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
