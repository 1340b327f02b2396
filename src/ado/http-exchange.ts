/**
 * One HTTP exchange with Azure DevOps: a request out, the status, headers and whole body back.
 *
 * The default goes through `node:http` / `node:https` with one keep-alive agent per protocol:
 * the WHATWG `fetch` (undici, web streams, `Headers`, `Response`) costs about twice the CPU per
 * call for the same exchange, and every `pat list` makes at least two. Redirects are never
 * followed (as `redirect: 'manual'`), the caller's signal aborts the request and the body, and TLS
 * is verified with Node's trust store (plus `NODE_EXTRA_CA_CERTS`), as for `fetch`. An injected
 * `fetch` (tests, `startApp` overrides) is used through `fetchExchange` instead.
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';

export interface HeaderLookup {
  /** The header's value (several joined with ", "), or null. Names are case-insensitive. */
  get(name: string): string | null;
}

export interface ExchangeRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

export interface ExchangeResponse {
  status: number;
  headers: HeaderLookup;
  body: string;
}

export type HttpExchange = (request: ExchangeRequest) => Promise<ExchangeResponse>;

/** `fetch` as an exchange (no redirects). */
export function fetchExchange(fetchFn: typeof fetch): HttpExchange {
  return async (request) => {
    const response = await fetchFn(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: request.signal,
    });
    return { status: response.status, headers: response.headers, body: await response.text() };
  };
}

class NodeHeaders implements HeaderLookup {
  constructor(private readonly raw: IncomingHttpHeaders) {}

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }
}

const plainAgent = new http.Agent({ keepAlive: true, timeout: 30_000 });
const tlsAgent = new https.Agent({ keepAlive: true, timeout: 30_000 });

/** The signal's reason as an Error (fetch rejects with it too). */
function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error('aborted', { cause: reason });
}

/** The default exchange over Node's own HTTP client (see above). */
export const nodeExchange: HttpExchange = (request) =>
  new Promise<ExchangeResponse>((resolve, reject) => {
    const { signal } = request;
    if (signal.aborted) return reject(abortError(signal));
    const url = new URL(request.url);
    const secure = url.protocol === 'https:';
    if (!secure && url.protocol !== 'http:')
      return reject(new TypeError(`unsupported protocol ${url.protocol}`));
    const client = secure ? https : http;
    const headers: Record<string, string | number> = { ...request.headers };
    if (request.body !== undefined) headers['Content-Length'] = Buffer.byteLength(request.body);
    const req = client.request(url, {
      method: request.method,
      headers,
      agent: secure ? tlsAgent : plainAgent,
    });
    const onAbort = (): void => {
      req.destroy(abortError(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const fail = (error: Error): void => {
      signal.removeEventListener('abort', onAbort);
      reject(error);
    };
    req.on('error', fail);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', fail);
      res.on('close', () => {
        if (!res.complete) fail(signal.aborted ? abortError(signal) : new Error('response cut short'));
      });
      res.on('end', () => {
        signal.removeEventListener('abort', onAbort);
        resolve({
          status: res.statusCode ?? 0,
          headers: new NodeHeaders(res.headers),
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    req.end(request.body);
  });
