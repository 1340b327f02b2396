/** REMINDER_* (validated by the scheduler's parser) and LOG_LEVEL. */
import { parseReminderEnv } from '../scheduler/parse-reminder-settings';
import { Problems } from './parse';
import type { Raw } from './schema';
import type { LogLevel, RemindersConfig, Slice } from './types';

export function remindersFrom(raw: Raw): Slice<RemindersConfig> {
  const parsed = parseReminderEnv(raw);
  return { value: parsed.settings, problems: parsed.problems };
}

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function logFrom(raw: Raw): Slice<{ level: LogLevel }> {
  const problems = new Problems();
  const level = (raw.LOG_LEVEL ?? 'info').toLowerCase() as LogLevel;
  if (!LOG_LEVELS.includes(level))
    problems.add(
      'LOG_LEVEL',
      `"${raw.LOG_LEVEL}" is not a log level.`,
      `Use one of ${LOG_LEVELS.join(', ')}.`,
    );
  return { value: { level }, problems: problems.list };
}
