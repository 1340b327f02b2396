/** Drives the bot's `/api/messages` the way Teams does (Bot Framework activity JSON, personal chat). */
import type { BenchConnector } from './connector';
import type { BenchUser } from './sims';

export interface TeamsTarget {
  /** Origin serving `/api/messages`. */
  url: string;
  connector: BenchConnector;
  tenantId: string;
  /** The `Authorization` header for an activity with this service URL (signed channel token). */
  authorization(serviceUrl: string): Promise<string>;
}

let activitySeq = 0;

function activity(t: TeamsTarget, user: BenchUser, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    id: `bench-${process.pid}-${++activitySeq}`,
    timestamp: new Date().toISOString(),
    serviceUrl: t.connector.serviceUrl,
    channelId: 'msteams',
    from: { id: user.teamsId, name: user.name, aadObjectId: user.oid },
    conversation: { id: user.conversationId, conversationType: 'personal', tenantId: t.tenantId },
    recipient: { id: '28:patbot-bench', name: 'patbot' },
    channelData: { tenant: { id: t.tenantId } },
    locale: 'en-GB',
    localTimezone: 'Europe/Berlin',
    ...extra,
  };
}

async function post(
  t: TeamsTarget,
  body: Record<string, unknown>,
): Promise<{ status: number; text: string }> {
  const res = await fetch(`${t.url}/api/messages`, {
    method: 'POST',
    signal: AbortSignal.timeout(15_000),
    headers: {
      'content-type': 'application/json',
      authorization: await t.authorization(String(body.serviceUrl)),
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

/** Real Teams SSO: a `signin/tokenExchange` invoke with an SSO token from the Entra simulator. */
export async function teamsSignIn(t: TeamsTarget, user: BenchUser, ssoToken: string): Promise<void> {
  const answer = await post(
    t,
    activity(t, user, {
      type: 'invoke',
      name: 'signin/tokenExchange',
      value: { id: `x-${user.index}`, connectionName: '', token: ssoToken },
    }),
  );
  if (answer.status !== 200)
    throw new Error(`sign-in of ${user.upn}: HTTP ${answer.status} ${answer.text.slice(0, 200)}`);
}

export interface TeamsCommandTiming {
  /** Request sent → reply activity at the connector. */
  e2eMs: number;
  /** Request sent → HTTP answer from /api/messages. */
  httpMs: number;
  reply: string;
}

/** What an `adaptiveCard/action` invoke answered (the HTTP body: an invoke response). */
export async function teamsCardAction(
  t: TeamsTarget,
  user: BenchUser,
  action: { verb: string; data: Record<string, unknown> },
): Promise<{ status: number; text: string; ms: number }> {
  const t0 = performance.now();
  const answer = await post(
    t,
    activity(t, user, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: `bench-card-${user.index}`,
      value: { action: { type: 'Action.Execute', ...action }, trigger: 'manual' },
    }),
  );
  return { ...answer, ms: performance.now() - t0 };
}

/** Sends a `message` activity and waits for the reply at the connector (and the HTTP answer). */
export async function teamsCommand(
  t: TeamsTarget,
  user: BenchUser,
  text: string,
  timeoutMs: number,
): Promise<TeamsCommandTiming> {
  const body = activity(t, user, { type: 'message', text });
  const id = body.id as string;
  const t0 = performance.now();
  const replied = t.connector.waitForReply(id, timeoutMs);
  const answered = post(t, body).then((a) => ({ ...a, at: performance.now() }));
  // Consume both, so a failing one never becomes an unhandled rejection.
  const [reply, http] = await Promise.allSettled([replied, answered]);
  if (http.status === 'rejected')
    throw http.reason instanceof Error ? http.reason : new Error(String(http.reason));
  if (http.value.status !== 200) throw new Error(`HTTP ${http.value.status}`);
  if (reply.status === 'rejected')
    throw reply.reason instanceof Error ? reply.reason : new Error(String(reply.reason));
  return { e2eMs: reply.value.at - t0, httpMs: http.value.at - t0, reply: reply.value.text };
}
