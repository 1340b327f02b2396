import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';
import type { Logger } from '../../src/core/logger';

/** A real pino logger whose JSON lines are kept in memory, for asserting on logs as data. */
export function captureLogger(level: 'trace' | 'debug' | 'info' | 'warn' = 'trace'): {
  logger: Logger;
  lines: () => Array<Record<string, unknown>>;
  text: () => string;
} {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString('utf8'));
      cb();
    },
  });
  const logger = createLogger({ level, destination });
  const text = () => chunks.join('');
  const lines = () =>
    text()
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { logger, lines, text };
}
