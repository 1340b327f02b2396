/** Small fakes of the TokenProvider and AuditLog ports, and a log capture. */
import { CodedError } from '../../../src/errors';
import type { LogFn, Logger } from '../../../src/core/logger';
import type { AuditEntry, AuditLog } from '../../../src/core/store';
import type { TokenOutcome, TokenProvider } from '../../../src/core/token-provider';

export class FakeTokenProvider implements TokenProvider {
  readonly calls: string[] = [];
  private readonly outcomes = new Map<string, TokenOutcome>();

  /** Users not set up explicitly get an `ok` token `token-for-<userId>`. */
  set(userId: string, outcome: TokenOutcome): void {
    this.outcomes.set(userId, outcome);
  }

  needsSignin(userId: string): TokenOutcome {
    const outcome: TokenOutcome = {
      kind: 'needs_signin',
      error: new CodedError('auth.needs_signin', 'Your sign-in expired.', { nextStep: 'Sign in again.' }),
    };
    this.set(userId, outcome);
    return outcome;
  }

  async getAccessToken(userId: string): Promise<TokenOutcome> {
    this.calls.push(userId);
    return (
      this.outcomes.get(userId) ?? {
        kind: 'ok',
        accessToken: `token-for-${userId}`,
        expiresOn: new Date('2099-01-01T00:00:00Z'),
      }
    );
  }
}

export class MemoryAuditLog implements AuditLog {
  readonly entries: AuditEntry[] = [];
  failWith: Error | null = null;

  async record(entry: AuditEntry): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.entries.push({ ...entry });
  }

  async list(userId: string, limit: number): Promise<AuditEntry[]> {
    return this.entries
      .filter((e) => e.userId === userId)
      .slice(-limit)
      .reverse();
  }
}

export interface CapturedLog {
  level: string;
  obj: object | undefined;
  msg: string | undefined;
}

/** A Logger that keeps every line, to assert that nothing secret is logged. */
export function captureLogger(lines: CapturedLog[] = []): Logger & { lines: CapturedLog[] } {
  const fn =
    (level: string): LogFn =>
    (a: object | string, b?: string) => {
      if (typeof a === 'string') lines.push({ level, obj: undefined, msg: a });
      else lines.push({ level, obj: a, msg: b });
    };
  const logger: Logger & { lines: CapturedLog[] } = {
    lines,
    fatal: fn('fatal'),
    error: fn('error'),
    warn: fn('warn'),
    info: fn('info'),
    debug: fn('debug'),
    trace: fn('trace'),
    child: () => logger,
  };
  return logger;
}
