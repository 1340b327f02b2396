/**
 * Web API calls queued per key (a channel, a user's Home tab): a 429 on one key delays only that
 * key's calls, never the others, and retries are bounded.
 *
 * web-api's own behaviour on a 429 is to pause the WHOLE client's queue; the client used here is
 * built with `rejectRateLimitedCalls: true`, so the 429 comes back as `WebAPIRateLimitedError`
 * (with `retryAfter` in seconds) and this class reschedules just that key.
 *
 * With `pauses` (the store's EphemeralStore), a key's pause is shared by every instance: after
 * a 429 on instance A, instance B waits out the same `Retry-After` instead of drawing its own
 * 429 for that channel. The FIFO order of one key's calls stays per process. The shared pause
 * is read at most once a second per key (`sharedReadMs`): a burst of posts to one channel (a
 * digest, a sweep's reminders) costs one store read, and another instance's new pause is seen
 * within that second (at worst this instance draws one 429 of its own meanwhile, and then
 * pauses anyway). A pause this instance sets is seen at once.
 */
import { ErrorCode, type WebClient } from '@slack/web-api';
import type { ChatPostMessageArguments, ChatPostMessageResponse } from '@slack/web-api';
import type { Logger } from '../../core/logger';
import { SharedValues } from '../../core/shared-values';
import type { EphemeralStore } from '../../core/store';
import { CodedError } from '../../errors';

export interface SlackSenderOptions {
  logger: Logger;
  /** Attempts per call, the first included (default 3). */
  maxAttempts?: number;
  /** A `Retry-After` longer than this gives up at once (default 120 s). */
  maxRetryAfterSeconds?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Shares rate-limit pauses with the other instances (see above). */
  pauses?: EphemeralStore;
  /** How long a read of a key's shared pause is reused (default 1,000 ms; 0 = read every call). */
  sharedReadMs?: number;
}

const MAX_SHARED_READS = 10_000;

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function retryAfterOf(error: unknown): number | null {
  if (
    error &&
    typeof error === 'object' &&
    (error as { code?: unknown }).code === ErrorCode.RateLimitedError
  ) {
    const seconds = Number((error as { retryAfter?: unknown }).retryAfter);
    return Number.isFinite(seconds) && seconds >= 0 ? seconds : 1;
  }
  return null;
}

export class SlackSender {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly blockedUntil = new Map<string, number>();
  private readonly maxAttempts: number;
  private readonly maxRetryAfterSeconds: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly shared: SharedValues<{ until: number }> | null;
  /** The last read of each key's shared pause: its `until` (0 = none) and when it was read. */
  private readonly sharedReads = new Map<string, { until: number; readAt: number }>();
  private readonly sharedReadMs: number;

  constructor(
    readonly client: WebClient,
    private readonly options: SlackSenderOptions,
  ) {
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.maxRetryAfterSeconds = options.maxRetryAfterSeconds ?? 120;
    this.sleep = options.sleep ?? realSleep;
    this.now = options.now ?? Date.now;
    this.sharedReadMs = Math.max(0, options.sharedReadMs ?? 1000);
    this.shared = options.pauses
      ? new SharedValues(options.pauses, 'slack-pause', 0, () => new Date(this.now()))
      : null;
  }

  /** `chat.postMessage`, queued on its channel. */
  postMessage(args: ChatPostMessageArguments): Promise<ChatPostMessageResponse> {
    return this.enqueue(`chat:${args.channel}`, () => this.client.chat.postMessage(args));
  }

  /** Runs `call` after the key's earlier calls, honouring that key's rate-limit pause. */
  enqueue<T>(key: string, call: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.attempt(key, call));
    const tail = run.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return run;
  }

  /** Calls waiting or running, per key (for tests and shutdown). */
  pendingKeys(): string[] {
    return [...this.tails.keys()];
  }

  /** The later of this process's and the shared pause of `key` (epoch ms; 0 = none). */
  private async pausedUntil(key: string): Promise<number> {
    const local = this.blockedUntil.get(key) ?? 0;
    if (!this.shared) return local;
    const now = this.now();
    const read = this.sharedReads.get(key);
    if (read && now - read.readAt < this.sharedReadMs) return Math.max(local, read.until);
    const shared = await this.shared.get(key).catch(() => null);
    const until = shared?.until ?? 0;
    if (this.sharedReadMs > 0) {
      if (this.sharedReads.size >= MAX_SHARED_READS) this.sharedReads.clear();
      this.sharedReads.set(key, { until, readAt: now });
    }
    return Math.max(local, until);
  }

  private async pause(key: string, ms: number): Promise<void> {
    const until = this.now() + ms;
    this.blockedUntil.set(key, until);
    if (ms > 0) await this.shared?.put(key, { until }, ms).catch(() => undefined);
  }

  private async attempt<T>(key: string, call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const wait = (await this.pausedUntil(key)) - this.now();
      if (wait > 0) await this.sleep(wait);
      try {
        return await call();
      } catch (error) {
        const retryAfter = retryAfterOf(error);
        if (retryAfter === null) throw error;
        await this.pause(key, retryAfter * 1000);
        this.options.logger.warn(
          { key, retryAfter, attempt },
          'Slack rate-limited this channel; delaying it',
        );
        if (attempt >= this.maxAttempts || retryAfter > this.maxRetryAfterSeconds) {
          throw new CodedError('chat.throttled', 'Slack asked me to slow down, so a message was not sent.', {
            nextStep: 'Try again in a minute.',
            cause: error,
            details: { key, attempts: attempt },
            retryAfterSeconds: retryAfter,
          });
        }
      }
    }
  }
}
