/**
 * msal-node `INetworkModule` on `node:https` with a timeout on every request (msal's default
 * fetch client has none for POST, so a hanging Entra would hang the turn or the scheduler).
 * TLS is always fully verified: by default against Node's CA store (which includes
 * NODE_EXTRA_CA_CERTS); with `ca`, against exactly that CA (the sandbox's generated one).
 */
import { request } from 'node:https';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

export interface HttpsNetworkClientOptions {
  /** Trust exactly this PEM CA instead of Node's store (sandbox in-process only). */
  ca?: string;
  /** Per-request timeout in ms (default 10 000). */
  timeoutMs?: number;
}

/** Thrown for timeouts and connection failures; msal turns it into a `network_error`. */
export class EntraNetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EntraNetworkError';
  }
}

export class HttpsNetworkClient implements INetworkModule {
  private readonly timeoutMs: number;

  constructor(private readonly options: HttpsNetworkClientOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  sendGetRequestAsync<T>(
    url: string,
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options);
  }

  private send<T>(
    method: 'GET' | 'POST',
    url: string,
    options: NetworkRequestOptions | undefined,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    const target = new URL(url);
    if (target.protocol !== 'https:') return Promise.reject(new EntraNetworkError('Only https is allowed'));
    const limit = Math.min(timeout ?? this.timeoutMs, this.timeoutMs);
    const body = method === 'POST' ? (options?.body ?? '') : undefined;
    const headers: Record<string, string> = { ...(options?.headers ?? {}) };
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    return new Promise((resolve, reject) => {
      const req = request(
        target,
        { method, headers, ...(this.options.ca ? { ca: this.options.ca } : {}), timeout: limit },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (e) => reject(new EntraNetworkError(`Response failed: ${e.message}`)));
          res.on('end', () => {
            clearTimeout(timer);
            const status = res.statusCode ?? 0;
            const text = Buffer.concat(chunks).toString('utf8');
            const responseHeaders: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers)) {
              if (v !== undefined) responseHeaders[k] = Array.isArray(v) ? v.join(', ') : v;
            }
            let parsed: unknown;
            try {
              parsed = text === '' ? {} : JSON.parse(text);
            } catch {
              if (status < 400) {
                reject(new EntraNetworkError(`Unparseable response (HTTP ${status})`));
                return;
              }
              parsed = {
                error: status >= 500 ? 'temporarily_unavailable' : 'invalid_response',
                error_description: `HTTP ${status}`,
              };
            }
            resolve({ headers: responseHeaders, body: parsed as T, status });
          });
        },
      );
      // Whole-request deadline (the socket `timeout` only covers idle time).
      const timer = setTimeout(
        () => req.destroy(new EntraNetworkError(`Request timeout after ${limit} ms`)),
        limit,
      );
      req.on('timeout', () => req.destroy(new EntraNetworkError(`Request timeout after ${limit} ms`)));
      req.on('error', (e) => {
        clearTimeout(timer);
        reject(
          e instanceof EntraNetworkError ? e : new EntraNetworkError(`Network request failed: ${e.message}`),
        );
      });
      if (body !== undefined) req.write(body);
      req.end();
    });
  }
}
