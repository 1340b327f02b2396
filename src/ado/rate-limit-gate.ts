/**
 * Pre-emptive slow-down: reads Azure DevOps' `X-RateLimit-*` headers and, when the service says
 * an identity is being delayed or has no budget left, makes that identity's next call wait
 * before it is sent (instead of running into a 429).
 */
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { HeaderLookup } from './http-exchange';

export type Sleep = (ms: number) => Promise<void>;

export class RateLimitGate {
  private readonly notBefore = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly sleep: Sleep,
    private readonly logger: Logger,
    private readonly maxWaitMs: number,
  ) {}

  /** Waits until the identity may call again (no-op when nothing is pending). Returns the wait used. */
  async wait(key: string): Promise<number> {
    const until = this.notBefore.get(key);
    if (until === undefined) return 0;
    this.notBefore.delete(key);
    const ms = Math.min(this.maxWaitMs, until - this.clock.now().getTime());
    if (ms <= 0) return 0;
    this.logger.info({ waitMs: ms }, 'ado rate limit: slowing down before the next call');
    await this.sleep(ms);
    return ms;
  }

  /** Records the rate-limit headers of a response. */
  observe(key: string, headers: HeaderLookup): void {
    const now = this.clock.now().getTime();
    const delaySeconds = numberHeader(headers, 'x-ratelimit-delay');
    const remaining = numberHeader(headers, 'x-ratelimit-remaining');
    const reset = numberHeader(headers, 'x-ratelimit-reset');
    let waitMs = 0;
    if (delaySeconds !== undefined && delaySeconds > 0) waitMs = delaySeconds * 1000;
    if (remaining !== undefined && remaining <= 0) {
      const untilReset = reset !== undefined ? reset * 1000 - now : 1000;
      waitMs = Math.max(waitMs, untilReset, 1000);
    }
    if (waitMs > 0) this.hold(key, Math.min(waitMs, this.maxWaitMs));
  }

  /** Makes the identity's next call wait at least `ms`. */
  hold(key: string, ms: number): void {
    const until = this.clock.now().getTime() + Math.min(ms, this.maxWaitMs);
    this.notBefore.set(key, Math.max(until, this.notBefore.get(key) ?? 0));
  }
}

function numberHeader(headers: HeaderLookup, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}
