/**
 * A fake Slack Web API: a real HTTP server on 127.0.0.1 that records every call (form bodies
 * decoded; `blocks`/`view` JSON parsed), answers `{ ok: true, … }` as Slack does, can answer 429
 * with Retry-After for chosen calls, and also receives `response_url` posts at `/respond/<id>`.
 * Tests use it directly; sandbox mode's Slack workspace (./workspace.ts) listens to it to show
 * what the bot posted. With `token` set, a call without that bearer token gets `invalid_auth`.
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
  /** The JSON answered (`ok` included). */
  answer?: Record<string, unknown>;
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
  /** Told about every recorded call (after its answer is made) and every response_url post. */
  subscribe(listener: FakeSlackListener): void;
  reset(): void;
  close(): Promise<void>;
}

export type FakeSlackEvent =
  { type: 'call'; call: RecordedCall } | { type: 'response'; response: RecordedResponse };
export type FakeSlackListener = (event: FakeSlackEvent) => void;

export interface FakeSlackApiOptions {
  /** The bot token the API accepts; calls with another bearer get `invalid_auth` (default: any). */
  token?: string;
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

type Answer = (args: Record<string, unknown>) => Record<string, unknown>;

/** Message timestamps as Slack makes them: seconds, a dot, six digits; unique and increasing. */
function tsMaker(): () => string {
  let last = 0;
  return () => {
    last = Math.max(last + 1, Date.now() * 1000);
    return `${Math.floor(last / 1e6)}.${String(last % 1e6).padStart(6, '0')}`;
  };
}

/**
 * `views.open` / `views.update` as Slack documents them: open needs a `trigger_id` (each usable
 * once: `exchanged_trigger_id` after) and a `view`; update needs the `view_id` (or
 * `external_id`) of an open view (`not_found` otherwise) and, when given, its current `hash`
 * (`hash_conflict` otherwise). Both answer the whole stored view with a new `hash`.
 * Not modelled: the 3-second trigger lifetime (the sandbox workspace checks it).
 */
export class FakeViews {
  private readonly views = new Map<string, Record<string, unknown>>();
  private readonly usedTriggers = new Set<string>();
  private seq = 0;

  private store(id: string, view: Record<string, unknown>): Record<string, unknown> {
    const full = {
      id,
      team_id: 'T1',
      type: view.type,
      blocks: view.blocks ?? [],
      private_metadata: view.private_metadata ?? '',
      callback_id: view.callback_id ?? '',
      external_id: view.external_id ?? '',
      title: view.title,
      close: view.close ?? null,
      submit: view.submit ?? null,
      state: { values: {} },
      hash: `${Date.now()}.${++this.seq}`,
      root_view_id: id,
      previous_view_id: null,
    };
    this.views.set(id, full);
    return full;
  }

  /** Remembers a view another answer opened (e.g. the sandbox workspace's own views.open). */
  remember(answer: Record<string, unknown>, args: Record<string, unknown>): void {
    const view = answer.view as { id?: unknown } | undefined;
    if (answer.ok !== true || typeof view?.id !== 'string' || this.views.has(view.id)) return;
    if (typeof args.view === 'object' && args.view !== null)
      this.store(view.id, args.view as Record<string, unknown>);
  }

  open(a: Record<string, unknown>): Record<string, unknown> {
    if (typeof a.trigger_id !== 'string' || a.trigger_id === '')
      return { ok: false, error: 'invalid_arguments' };
    if (this.usedTriggers.has(a.trigger_id)) return { ok: false, error: 'exchanged_trigger_id' };
    const view = a.view as Record<string, unknown> | undefined;
    if (typeof view !== 'object' || view === null || view.type !== 'modal')
      return { ok: false, error: 'invalid_arguments' };
    this.usedTriggers.add(a.trigger_id);
    return { view: this.store(`V${String(++this.seq).padStart(10, '0')}`, view) };
  }

  update(a: Record<string, unknown>): Record<string, unknown> {
    const byExternal = [...this.views.values()].find(
      (v) => a.external_id !== undefined && v.external_id === a.external_id,
    );
    const current = typeof a.view_id === 'string' ? this.views.get(a.view_id) : byExternal;
    if (!current) return { ok: false, error: 'not_found' };
    if (a.hash !== undefined && a.hash !== current.hash) return { ok: false, error: 'hash_conflict' };
    const view = a.view as Record<string, unknown> | undefined;
    if (typeof view !== 'object' || view === null) return { ok: false, error: 'invalid_arguments' };
    return { view: this.store(String(current.id), view) };
  }
}

function defaults(nextTs: () => string, views: FakeViews): Record<string, Answer> {
  return {
    'auth.test': () => ({ user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' }),
    'chat.postMessage': (a) => ({ channel: a.channel, ts: nextTs() }),
    'chat.update': (a) => ({ channel: a.channel, ts: a.ts, text: a.text }),
    'chat.postEphemeral': () => ({ message_ts: nextTs() }),
    'conversations.open': (a) => ({ channel: { id: `D${String(a.users).replace(/^U/, '')}` } }),
    'views.open': (a) => views.open(a),
    'views.update': (a) => views.update(a),
    'views.publish': () => ({ view: { id: 'VHOME' } }),
  };
}

export async function startFakeSlackApi(options: FakeSlackApiOptions = {}): Promise<FakeSlackApi> {
  const calls: RecordedCall[] = [];
  const responses: RecordedResponse[] = [];
  const rules: RateLimitRule[] = [];
  const listeners: FakeSlackListener[] = [];
  const views = new FakeViews();
  const answers = new Map(Object.entries(defaults(tsMaker(), views)));
  const tell = (event: FakeSlackEvent): void => {
    for (const listener of listeners) listener(event);
  };
  const delays = new Map<string, number>();
  let nextId = 1;

  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const respond = /^\/respond\/([\w-]+)$/.exec(path);
      if (respond) {
        const response = {
          id: respond[1],
          body: JSON.parse(body) as Record<string, unknown>,
          at: Date.now(),
        };
        responses.push(response);
        tell({ type: 'response', response });
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
      const authorized = !options.token || call.authorization === `Bearer ${options.token}`;
      const make = answers.get(method) ?? (() => ({}));
      const delay = delays.get(method) ?? 0;
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      if (res.destroyed) return;
      call.answer = authorized ? { ok: true, ...make(args) } : { ok: false, error: 'invalid_auth' };
      if (method === 'views.open') views.remember(call.answer, args);
      tell({ type: 'call', call });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(call.answer));
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
    subscribe: (listener) => {
      listeners.push(listener);
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
