/**
 * Remembers, per user, an outcome only the user can fix, so the scheduler does not call Entra
 * again and again. In the store (`EphemeralStore`), so it holds for every instance: all
 * instances together make at most one Entra call per user per `terminalTtlMs` (until the user
 * signs in again or signs out, on whichever instance). Entra outages are handled by the
 * circuit breaker in the network layer instead (per process, see docs/architecture.md).
 */
import type { Clock } from '../core/clock';
import { SharedValues } from '../core/shared-values';
import type { EphemeralStore } from '../core/store';
import { CodedError, type ErrorCode } from '../errors';
import type { FailureOutcome } from './classify-msal-error';

export interface FailureMemoOptions {
  /** How long a terminal outcome is remembered (default 6 h). */
  terminalTtlMs?: number;
}

/**
 * Stands for the channel's command prefix in a stored next step, so a remembered outcome is still
 * worded for whichever channel shows it (`pat signin` in Teams, `/pat signin` in Slack).
 */
const PREFIX = '{prefix}';

/** What is stored: the outcome's codes and texts (never a token), and since when. */
interface StoredOutcome {
  kind: FailureOutcome['kind'];
  claims?: string;
  code: ErrorCode;
  message: string;
  /** With `{prefix}` where a command's prefix goes. */
  nextStep: string;
  details: Record<string, unknown>;
  retryAfterSeconds?: number;
  since: string;
}

export class FailureMemo {
  private readonly values: SharedValues<StoredOutcome>;

  constructor(
    store: EphemeralStore,
    private readonly clock: Clock,
    options: FailureMemoOptions = {},
  ) {
    this.values = new SharedValues(store, 'signin-failure', options.terminalTtlMs ?? 6 * 3600_000, () =>
      clock.now(),
    );
  }

  /** The remembered terminal outcome for this user, marked `details.repeated`. */
  async get(userId: string): Promise<FailureOutcome | null> {
    const stored = await this.values.get(userId);
    if (!stored) return null;
    const error = new CodedError(stored.code, stored.message, {
      nextStep: (prefix) => stored.nextStep.split(PREFIX).join(prefix),
      details: { ...stored.details, repeated: true, since: stored.since },
      retryAfterSeconds: stored.retryAfterSeconds,
    });
    return (
      stored.claims === undefined
        ? { kind: stored.kind, error }
        : { kind: stored.kind, error, claims: stored.claims }
    ) as FailureOutcome;
  }

  async rememberTerminal(userId: string, outcome: FailureOutcome): Promise<void> {
    const { error } = outcome;
    await this.values.put(userId, {
      kind: outcome.kind,
      ...(outcome.claims === undefined ? {} : { claims: outcome.claims }),
      code: error.code,
      message: error.message,
      nextStep: error.nextStepFor(PREFIX),
      details: error.details,
      ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
      since: this.clock.now().toISOString(),
    });
  }

  /** The user signed in again or signed out: forget what was remembered, on every instance. */
  async clear(userId: string): Promise<void> {
    await this.values.delete(userId);
  }
}
