/**
 * Adapts patbot's pino-compatible logger to the `Logger` Bolt and `@slack/web-api` expect.
 * Bolt logs free-form arguments; they are joined into one message (Bolt never logs tokens, and
 * patbot's logger masks token shapes anyway).
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../core/logger';

const ORDER: Record<LogLevel, number> = {
  [LogLevel.DEBUG]: 0,
  [LogLevel.INFO]: 1,
  [LogLevel.WARN]: 2,
  [LogLevel.ERROR]: 3,
};

function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
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
    const err = msg.find((m): m is Error => m instanceof Error);
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
