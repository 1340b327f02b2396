/**
 * The HTTP edge, and the only file that imports restify.
 *
 * Routes come in two forms:
 * - `handle`: a pure function of `{ method, path, query, headers, body }` returning
 *   `{ status, headers, body }` (health checks, sign-in pages, anything of ours);
 * - `raw`: for SDKs that want Node's request/response (botbuilder's CloudAdapter, Bolt's HTTP
 *   helpers). The body is read here, with a size limit, and handed over as `req.rawBody` (a
 *   Buffer, as Bolt's signature check needs) and, for JSON routes, `req.body` (parsed).
 *
 * Errors never leak internals: bodies are `{ "error": code, "message": short text }`.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import type { Logger } from '../core/logger';
import { asCodedError } from '../errors';
import { httpStatusOf } from './error-status';

export interface HttpRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  correlationId: string;
  log: Logger;
  /** The TCP peer's address (a proxy's, when there is one in front). */
  remoteAddress: string;
}

export interface HttpResponse {
  status: number;
  headers?: Record<string, string>;
  /** A string or Buffer is sent as is; anything else as JSON. */
  body?: unknown;
}

/** Node request with the body read by the edge. */
export type RawRequest = IncomingMessage & {
  body?: unknown;
  rawBody?: Buffer;
  correlationId?: string;
  log?: Logger;
};

/** Node response with the restify helpers botbuilder's `Response` interface expects. */
export type RawResponse = ServerResponse & {
  status(code: number): unknown;
  send(...args: unknown[]): unknown;
  header(name: string, value: unknown): unknown;
};

export interface Route {
  method: 'GET' | 'POST';
  path: string;
  /** `json`: parse the body as JSON (malformed → 400); `raw`: leave parsing to the handler. */
  body?: 'json' | 'raw' | 'none';
  handle?: (req: HttpRequest) => Promise<HttpResponse>;
  raw?: (req: RawRequest, res: RawResponse) => Promise<void>;
}

export interface HttpServerOptions {
  host: string;
  port: number;
  bodyLimitBytes: number;
  logger: Logger;
  routes: Route[];
}

export interface RunningHttpServer {
  url: string;
  port: number;
  /** Requests being handled right now (graceful shutdown waits for them). */
  inFlight(): number;
  /** Stops accepting, waits up to `timeoutMs` for in-flight requests, then closes connections. */
  close(timeoutMs?: number): Promise<void>;
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function sendResponse(res: ServerResponse, response: HttpResponse): void {
  const headers = { ...(response.headers ?? {}) };
  if (response.body === undefined) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  if (typeof response.body === 'string' || Buffer.isBuffer(response.body)) {
    const buf = typeof response.body === 'string' ? Buffer.from(response.body, 'utf8') : response.body;
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['content-type'] = 'text/plain; charset=utf-8';
    res.writeHead(response.status, { ...headers, 'content-length': buf.length });
    res.end(buf);
    return;
  }
  sendJson(res, response.status, response.body, headers);
}

function queryOf(url: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const search = new URL(url ?? '/', 'http://localhost').searchParams;
  for (const [k, v] of search) if (!(k in out)) out[k] = v;
  return out;
}

/** Requests in flight, and whether the server has begun closing (shared by every route). */
interface ServerState {
  active: number;
  closing: boolean;
}

/** What a route's handler needs to know about the request beyond Node's own objects. */
interface RequestScope {
  correlationId: string;
  log: Logger;
  bodyLimitBytes: number;
}

/** Starts restify with the given routes. Resolves once listening. */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const server = restify.createServer({ name: 'patbot', handleUncaughtExceptions: false });
  const state: ServerState = { active: 0, closing: false };

  for (const route of options.routes) {
    const register = route.method === 'GET' ? server.get.bind(server) : server.post.bind(server);
    register(route.path, routeHandler(route, options, state));
  }
  usePlainErrorBodies(server);

  await listen(server, options);
  const address = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;

  return {
    url,
    port: address.port,
    inFlight: () => state.active,
    async close(timeoutMs = 10_000) {
      state.closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const deadline = Date.now() + timeoutMs;
      while (state.active > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      server.server.closeAllConnections?.();
      await closed;
    },
  };
}

/** The restify handler for one route: counts the request in flight, refuses it while closing. */
function routeHandler(route: Route, options: HttpServerOptions, state: ServerState) {
  return (req: restify.Request, res: restify.Response, next: restify.Next): void => {
    const correlationId = (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID();
    const log = options.logger.child({ correlationId, route: `${route.method} ${route.path}` });
    state.active += 1;
    const done = () => {
      state.active -= 1;
      next(false);
    };
    if (state.closing) {
      sendJson(res, 503, { error: 'shutting_down', message: 'The bot is restarting; try again shortly.' });
      done();
      return;
    }
    const scope: RequestScope = { correlationId, log, bodyLimitBytes: options.bodyLimitBytes };
    void (async () => {
      try {
        await serveRoute(route, req, res, scope);
      } catch (error) {
        answerFailure(error, req, res, scope);
      }
    })().finally(done);
  };
}

/** Reads (and for JSON routes parses) the body, then hands the request to the route. */
async function serveRoute(
  route: Route,
  req: restify.Request,
  res: restify.Response,
  scope: RequestScope,
): Promise<void> {
  const { correlationId, log } = scope;
  const body =
    route.method === 'POST' && route.body !== 'none'
      ? await readBody(req, scope.bodyLimitBytes)
      : Buffer.alloc(0);
  let parsed: unknown;
  if (route.body === 'json') {
    const json = parseJsonObject(req, body, res);
    if (!json) return;
    parsed = json.parsed;
  }
  if (route.raw) {
    const rawReq = req as unknown as RawRequest;
    rawReq.rawBody = body;
    rawReq.body = route.body === 'json' ? parsed : body;
    rawReq.correlationId = correlationId;
    rawReq.log = log;
    await route.raw(rawReq, res as unknown as RawResponse);
  } else if (route.handle) {
    const response = await route.handle({
      method: route.method,
      path: route.path,
      query: queryOf(req.url),
      headers: req.headers,
      body,
      correlationId,
      log,
      remoteAddress: req.socket.remoteAddress ?? '',
    });
    sendResponse(res, response);
  }
}

/** A JSON route's body as an object; null once a 415 or 400 has been sent. */
function parseJsonObject(
  req: IncomingMessage,
  body: Buffer,
  res: ServerResponse,
): { parsed: unknown } | null {
  const type = String(req.headers['content-type'] ?? '');
  if (!/^application\/json\b/i.test(type)) {
    sendJson(res, 415, { error: 'unsupported_media_type', message: 'Send application/json.' });
    return null;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    sendJson(res, 400, { error: 'malformed_json', message: 'The request body is not valid JSON.' });
    return null;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    sendJson(res, 400, {
      error: 'malformed_json',
      message: 'The request body must be a JSON object.',
    });
    return null;
  }
  return { parsed };
}

/** 413 for an oversized body, the coded status for a known refusal, else a logged 500. */
function answerFailure(error: unknown, req: IncomingMessage, res: ServerResponse, scope: RequestScope): void {
  const { correlationId, log } = scope;
  if (error instanceof BodyTooLarge) {
    sendJson(res, 413, {
      error: 'payload_too_large',
      message: `The request body is larger than ${scope.bodyLimitBytes} bytes.`,
    });
    req.destroy();
    return;
  }
  const coded = asCodedError(error);
  const status = httpStatusOf(coded.code);
  if (status !== null) {
    log.warn({ code: coded.code, status, ...coded.details }, 'request refused');
    sendJson(res, status, { error: coded.code, message: coded.message });
    return;
  }
  log.error({ err: error, code: coded.code }, 'request failed');
  sendJson(res, 500, { error: 'internal', message: 'Internal error.', correlationId });
}

/** restify answers unknown routes itself; give its errors our body shape (no echo of the path). */
function usePlainErrorBodies(server: restify.Server): void {
  const plainError =
    (code: string, message: string) => (_req: unknown, _res: unknown, err: Error, cb: () => void) => {
      (err as Error & { toJSON?: () => unknown }).toJSON = () => ({ error: code, message });
      cb();
    };
  server.on('NotFound', plainError('not_found', 'No such route.'));
  server.on('MethodNotAllowed', plainError('method_not_allowed', 'Method not allowed.'));
}

function listen(server: restify.Server, options: HttpServerOptions): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
}
