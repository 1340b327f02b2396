/**
 * Wraps the Entra network client with a circuit breaker: after a 5xx, 429, timeout or connection
 * failure, every request fails at once (as a network error → `unavailable`) until the cool-down
 * ends (Retry-After, bounded). Cached tokens are still served during the cool-down because msal
 * only uses the network when the cache cannot answer. msal's own 60 s throttling after a 503 lives
 * in a per-client cache, which patbot's one-client-per-operation design does not keep.
 */
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import type { Clock } from '../core/clock';
import { EntraNetworkError } from './https-network-client';

export interface CircuitBreakerOptions {
  /** Cool-down when the answer has no Retry-After (default 60 s). */
  defaultCooldownMs?: number;
  minCooldownMs?: number;
  maxCooldownMs?: number;
}

export class CircuitBreakerNetworkClient implements INetworkModule {
  private openUntil = 0;
  private readonly defaultMs: number;
  private readonly minMs: number;
  private readonly maxMs: number;

  constructor(
    private readonly inner: INetworkModule,
    private readonly clock: Clock,
    options: CircuitBreakerOptions = {},
  ) {
    this.defaultMs = options.defaultCooldownMs ?? 60_000;
    this.minMs = options.minCooldownMs ?? 5_000;
    this.maxMs = options.maxCooldownMs ?? 300_000;
  }

  /** True while requests are refused without reaching Entra. */
  isOpen(): boolean {
    return this.clock.now().getTime() < this.openUntil;
  }

  sendGetRequestAsync<T>(
    url: string,
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    return this.guard(() => this.inner.sendGetRequestAsync<T>(url, options, timeout));
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.guard(() => this.inner.sendPostRequestAsync<T>(url, options));
  }

  private async guard<T>(send: () => Promise<NetworkResponse<T>>): Promise<NetworkResponse<T>> {
    if (this.isOpen()) throw new EntraNetworkError('Entra is cooling down after a failure');
    let response: NetworkResponse<T>;
    try {
      response = await send();
    } catch (e) {
      this.trip(null);
      throw e;
    }
    if (response.status >= 500 || response.status === 429) this.trip(response.headers['retry-after'] ?? null);
    return response;
  }

  private trip(retryAfter: string | null): void {
    const seconds =
      retryAfter !== null && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) * 1000 : this.defaultMs;
    const ms = Math.min(this.maxMs, Math.max(this.minMs, seconds));
    this.openUntil = this.clock.now().getTime() + ms;
  }
}
