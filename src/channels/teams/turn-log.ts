/**
 * The request's logger for a Teams turn (probot's `context.log`): the edge's child logger that
 * carries the request's correlation id, kept on the turn so handlers log through it.
 */
import type { TurnContext } from 'botbuilder';
import type { Logger } from '../../core/logger';

const REQUEST_LOG = Symbol('patbot.requestLog');

/** Keeps the request's logger on the turn (the `/api/messages` route calls this first). */
export function keepRequestLog(ctx: TurnContext, log: Logger | undefined): void {
  if (log) ctx.turnState.set(REQUEST_LOG, log.child({ component: 'teams' }));
}

/** The turn's request logger, or `fallback` (proactive and background turns have no request). */
export function turnLog(ctx: TurnContext, fallback: Logger): Logger {
  return (ctx.turnState.get(REQUEST_LOG) as Logger | undefined) ?? fallback;
}
