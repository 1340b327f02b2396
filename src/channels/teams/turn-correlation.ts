/**
 * The HTTP request's correlation id, carried on the turn (set in ./teams-channel.ts before
 * teams-ai runs), so an error card names the same id as the request's log lines.
 */
import type { TurnContext } from 'botbuilder';

const KEY = 'patbot.correlationId';

export function setCorrelationId(ctx: TurnContext, correlationId: string | undefined): void {
  if (correlationId) ctx.turnState.set(KEY, correlationId);
}

export function correlationIdOf(ctx: TurnContext): string {
  const id: unknown = ctx.turnState.get(KEY);
  return typeof id === 'string' && id !== '' ? id : (ctx.activity.id ?? 'unknown');
}
