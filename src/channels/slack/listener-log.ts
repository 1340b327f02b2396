/** The request's logger inside a Bolt listener (probot's `context.log`), else the channel's. */
import type { Logger } from '../../core/logger';

/**
 * `context.requestLog` is set by SlackReceiver from the edge's request logger (it carries the
 * correlation id and `component: slack`); without one (tests driving Bolt directly), the channel's.
 */
export function listenerLog(context: object | undefined, fallback: Logger): Logger {
  const log = (context as { requestLog?: Logger } | undefined)?.requestLog;
  return log && typeof log.info === 'function' ? log : fallback.child({ component: 'slack' });
}
