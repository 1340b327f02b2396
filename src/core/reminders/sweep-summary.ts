/** What one sweep did: logged as ONE line and shown in /readyz (`scheduler.status().lastSweep`). */

export interface SweepSummary {
  startedAt: Date;
  finishedAt: Date;
  durationMs: number;
  /** Signed-in users looked at, and those skipped because nobody was in working hours. */
  users: number;
  usersSkipped: number;
  /** Users whose turn failed (token, every org unreadable, timeout, unexpected error). */
  usersFailed: number;
  /** PATs read. */
  pats: number;
  remindersSent: number;
  digestsSent: number;
  /** Due messages not sent because the recipient has no usable conversation. */
  undeliverable: number;
  /** Failure counts by error code (token, Azure DevOps, delivery). */
  failures: Record<string, number>;
  /** True when the sweep was stopped before it finished (shutdown, lost lease). */
  aborted: boolean;
}

/** Mutable counters of a running sweep. */
export class SweepTally {
  users = 0;
  usersSkipped = 0;
  usersFailed = 0;
  pats = 0;
  remindersSent = 0;
  digestsSent = 0;
  undeliverable = 0;
  readonly failures: Record<string, number> = {};

  constructor(readonly startedAt: Date) {}

  fail(code: string): void {
    this.failures[code] = (this.failures[code] ?? 0) + 1;
  }

  /** Adds another tally's counts (one user's turn) to this one. */
  merge(other: SweepTally): void {
    this.users += other.users;
    this.usersSkipped += other.usersSkipped;
    this.usersFailed += other.usersFailed;
    this.pats += other.pats;
    this.remindersSent += other.remindersSent;
    this.digestsSent += other.digestsSent;
    this.undeliverable += other.undeliverable;
    for (const [code, n] of Object.entries(other.failures))
      this.failures[code] = (this.failures[code] ?? 0) + n;
  }

  /** Forgets the failures counted so far (a timed-out turn is counted as one failure instead). */
  clearFailures(): void {
    for (const code of Object.keys(this.failures)) delete this.failures[code];
    this.usersFailed = 0;
  }

  /** `durationMs` is wall time (the sweep's clock may be fixed, e.g. `npm run sweep -- --now`). */
  finish(finishedAt: Date, aborted: boolean, durationMs: number): SweepSummary {
    return {
      startedAt: this.startedAt,
      finishedAt,
      durationMs: Math.max(0, Math.round(durationMs)),
      users: this.users,
      usersSkipped: this.usersSkipped,
      usersFailed: this.usersFailed,
      pats: this.pats,
      remindersSent: this.remindersSent,
      digestsSent: this.digestsSent,
      undeliverable: this.undeliverable,
      failures: { ...this.failures },
      aborted,
    };
  }
}
