/**
 * Adapts patbot's pino-compatible logger to the `Logger` Bolt and `@slack/web-api` expect.
 * Bolt logs free-form arguments; they are joined into one message (Bolt never logs tokens, and
 * patbot's logger masks token shapes anyway), and the first error among them is kept as `err`.
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../core/logger';

const ORDER: Record<LogLevel, number> = {
  [LogLevel.DEBUG]: 0,
  [LogLevel.INFO]: 1,
  [LogLevel.WARN]: 2,
  [LogLevel.ERROR]: 3,
};

/** An Error, also from another realm or a library's own error shape (message + stack). */
function isErrorLike(value: unknown): value is Error {
  if (value instanceof Error) return true;
  const v = value as { message?: unknown; stack?: unknown } | null;
  return typeof v === 'object' && v !== null && typeof v.message === 'string' && typeof v.stack === 'string';
}

function describe(value: unknown): string {
  if (isErrorLike(value)) return `${value.name}: ${value.message}`;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** A Bolt logger writing to `logger` (component `slack`). */
export function toBoltLogger(logger: Logger, initial: LogLevel = LogLevel.INFO): BoltLogger {
  let level = initial;
  let name = 'bolt';
  const log = (at: LogLevel, msg: unknown[]): void => {
    if (ORDER[at] < ORDER[level]) return;
    const text = msg.map(describe).join(' ');
    // Keep the error object itself (with its stack) for pino's `err` serializer.
    const err = msg.find(isErrorLike);
    const fields = err ? { component: name, err } : { component: name };
    logger[at](fields, text);
  };
  return {
    debug: (...msg: unknown[]) => log(LogLevel.DEBUG, msg),
    info: (...msg: unknown[]) => log(LogLevel.INFO, msg),
    warn: (...msg: unknown[]) => log(LogLevel.WARN, msg),
    error: (...msg: unknown[]) => log(LogLevel.ERROR, msg),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next: string) => {
      name = next;
    },
  };
}
