/**
 * `CloudAdapter.process(req, res, logic)` for an activity already checked at the edge, without
 * its per-request zod work: botbuilder builds and runs five zod schemas on every request (the
 * response object, the logic function, `z.record(z.unknown())` of the body twice, the
 * Authorization header) before `processActivity`; here the body has passed `checkActivityShape`
 * (an object with a `type`, `serviceUrl`, conversation and sender). The rest is botbuilder's own
 * steps, in its order: fix the timestamps (`validateAndFixActivity`), authenticate and run the
 * turn (`processActivity`), answer with the invoke response (200 by default), 401 for an
 * authentication failure and 500 for anything else (the edge's `botResponse` turns either into
 * its coded body).
 */
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Logger } from '../../core/logger';
import type { BotResponse } from './bot-response';

/** botbuilder's `validateAndFixActivity`: ISO timestamps become Dates, the raw text is kept. */
function fixTimestamps(activity: Activity): Activity {
  const raw = activity as unknown as Record<string, unknown>;
  for (const [field, rawField] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    const value = raw[field];
    if (typeof value === 'string') {
      raw[rawField] = value;
      raw[field] = new Date(value);
    }
  }
  return activity;
}

/** CloudAdapterBase's `processActivity`: protected in the typings, what `process` itself calls. */
type ProcessActivity = (
  authHeader: string,
  activity: Activity,
  logic: (context: TurnContext) => Promise<void>,
) => Promise<InvokeResponse | undefined>;

export async function processTurn(
  adapter: TeamsAdapter,
  request: { headers: Record<string, string | string[] | undefined>; body?: unknown; log?: Logger },
  response: BotResponse,
  logic: (context: TurnContext) => Promise<void>,
): Promise<void> {
  const header = request.headers.authorization;
  const authHeader = typeof header === 'string' ? header : '';
  const activity = fixTimestamps(request.body as Activity);
  try {
    // SDK boundary: the protected method CloudAdapter.process runs after its zod checks.
    const processActivity = (adapter as unknown as { processActivity: ProcessActivity }).processActivity;
    const invoke = await processActivity.call(adapter, authHeader, activity, logic);
    response.status(invoke?.status ?? 200);
    if (invoke?.body) response.send(invoke.body);
    response.end();
  } catch (err) {
    const unauthorized = err instanceof AuthenticationError;
    request.log?.[unauthorized ? 'warn' : 'error'](
      { err: { name: (err as Error | null)?.name, message: (err as Error | null)?.message } },
      unauthorized ? 'Teams request refused: not authenticated' : 'Teams turn failed',
    );
    response
      .status(unauthorized ? 401 : 500)
      .send((err as Error | null)?.message ?? err)
      .end();
  }
}
