/**
 * Remembers, per user, an outcome only the user can fix, so the scheduler does not call Entra
 * again and again. In memory: each bot instance makes at most one Entra call per user per
 * `terminalTtlMs` (until the user signs in again or signs out). Entra outages are handled by
 * the circuit breaker in the network layer instead.
 */
import type { Clock } from '../core/clock';
import { CodedError } from '../errors';
import type { FailureOutcome } from './classify-msal-error';

export interface FailureMemoOptions {
  /** How long a terminal outcome is remembered (default 6 h). */
  terminalTtlMs?: number;
  /** Most users remembered at once (oldest dropped first; default 50 000). */
  maxEntries?: number;
}

interface Entry {
  outcome: FailureOutcome;
  since: Date;
  until: number;
}

export class FailureMemo {
  private readonly entries = new Map<string, Entry>();
  private readonly terminalTtlMs: number;
  private readonly maxEntries: number;

  constructor(
    private readonly clock: Clock,
    options: FailureMemoOptions = {},
  ) {
    this.terminalTtlMs = options.terminalTtlMs ?? 6 * 3600_000;
    this.maxEntries = options.maxEntries ?? 50_000;
  }

  /** The remembered terminal outcome for this user, marked `details.repeated`. */
  get(userId: string): FailureOutcome | null {
    const now = this.clock.now().getTime();
    const entry = this.entries.get(userId);
    if (entry && entry.until > now) return repeated(entry.outcome, entry.since);
    if (entry) this.entries.delete(userId);
    return null;
  }

  rememberTerminal(userId: string, outcome: FailureOutcome): void {
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    const now = this.clock.now();
    this.entries.set(userId, { outcome, since: now, until: now.getTime() + this.terminalTtlMs });
  }

  /** The user signed in again or signed out: forget what was remembered. */
  clear(userId: string): void {
    this.entries.delete(userId);
  }
}

function repeated(outcome: FailureOutcome, since: Date): FailureOutcome {
  const { error } = outcome;
  const copy = new CodedError(error.code, error.message, {
    nextStep: error.nextStep,
    details: { ...error.details, repeated: true, since: since.toISOString() },
    retryAfterSeconds: error.retryAfterSeconds,
  });
  return { ...outcome, error: copy };
}
