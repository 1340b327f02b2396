/**
 * A turn's replies straight to the Bot Connector REST API.
 *
 * botbuilder sends every reply through botframework-connector's `ConnectorClient`: an
 * `@azure/core-client` operation that walks the whole activity through the model mapper (the list
 * card is ≈ 23 KB of JSON), a core-rest-pipeline of policies (request ids, user agent, tracing
 * spans, retries, decompression, the credentials policy) and a compat layer around the response:
 * ≈ 12% of the bot's CPU per `pat list`. For the two calls a turn makes — `replyToActivity` and
 * `sendToConversation`, the only ones CloudAdapter's `sendActivities` uses — this posts the
 * activity as botbuilder built it, serialised once, over a keep-alive agent (the Azure DevOps
 * client's, ../../ado/http-exchange.ts), with the same `Authorization` (the client's own
 * credentials sign a stand-in request, so the bot's connector token, its cache and refresh stay
 * botbuilder's), the same `x-ms-conversation-id` header on replies, the same URL encoding and the
 * same retries (3: after `Retry-After` for 429, exponential from 1 s for 5xx and network
 * failures). A failed call rejects with a `ConnectorCallError` carrying `statusCode` and `code`,
 * as the SDK's `RestError` does (./proactive-sender.ts `statusOf`). Every other operation stays
 * the SDK's.
 */
import type { Activity } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import { nodeExchange, type HttpExchange } from '../../ado/http-exchange';

/** No default deadline in the SDK; a reply that hangs this long fails the turn instead. */
export const REPLY_TIMEOUT_MS = 30_000;

/** A Bot Connector call that was answered with an error status (or not answered). */
export class ConnectorCallError extends Error {
  readonly statusCode: number | undefined;
  /** The connector's `error.code` (e.g. `BotNotInConversationRoster`), when it sent one. */
  readonly code: string | undefined;
  readonly response: { status: number; bodyAsText: string } | undefined;

  constructor(message: string, statusCode?: number, code?: string, bodyAsText?: string) {
    super(message);
    this.name = 'ConnectorCallError';
    this.statusCode = statusCode;
    this.code = code;
    this.response =
      statusCode === undefined ? undefined : { status: statusCode, bodyAsText: bodyAsText ?? '' };
  }
}

/** The parts of a ConnectorClient this uses (SDK boundary: `baseUri` is protected there). */
interface ClientParts {
  baseUri?: string;
  credentials?: { signRequest(resource: unknown): Promise<unknown> };
  conversations?: {
    replyToActivity: (
      conversationId: string,
      activityId: string,
      activity: Partial<Activity>,
    ) => Promise<unknown>;
    sendToConversation: (conversationId: string, activity: Partial<Activity>) => Promise<unknown>;
  };
}

/** The `Authorization` header the client's credentials put on a request (none when anonymous). */
async function authorization(
  credentials: NonNullable<ClientParts['credentials']>,
): Promise<string | undefined> {
  let value: string | undefined;
  await credentials.signRequest({
    headers: {
      set(name: string, v: string) {
        if (name.toLowerCase() === 'authorization') value = v;
      },
    },
  });
  return value;
}

function errorCode(body: string): string | undefined {
  try {
    const code = (JSON.parse(body) as { error?: { code?: unknown } } | null)?.error?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

/** Where a reply goes and how it is signed. */
interface Target {
  baseUri: string;
  credentials: NonNullable<ClientParts['credentials']>;
  /** First retry delay (doubled each time), as core-rest-pipeline's exponential retry: 1 s. */
  retryDelayMs: number;
}

/** The SDK's pipeline retries a failed call 3 times (429 after `Retry-After`, 5xx, network). */
export const REPLY_RETRIES = 3;
const MAX_RETRY_AFTER_MS = 60_000;

function isRetryable(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

/** How long to wait before retry `attempt` (0-based): `Retry-After` if given, else 1 s, 2 s, 4 s (±20%). */
function retryDelay(target: Target, attempt: number, retryAfter: string | null): number {
  const seconds = retryAfter === null ? NaN : Number(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, MAX_RETRY_AFTER_MS);
  return target.retryDelayMs * 2 ** attempt * (0.8 + Math.random() * 0.4);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function resourceResponse(body: string): { id?: string } {
  if (!body) return {};
  try {
    const parsed = JSON.parse(body) as { id?: unknown } | null;
    return typeof parsed?.id === 'string' ? { id: parsed.id } : {};
  } catch {
    return {};
  }
}

/** One activity POSTed (serialised once, retried like the SDK); resolves with the `ResourceResponse`. */
async function postActivity(
  exchange: HttpExchange,
  target: Target,
  conversationId: string,
  path: string,
  activity: Partial<Activity>,
  reply: boolean,
): Promise<{ id?: string }> {
  const body = JSON.stringify(activity);
  const url = `${target.baseUri.replace(/\/+$/, '')}/${path}`;
  for (let attempt = 0; ; attempt++) {
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      accept: 'application/json',
    };
    // The SDK sends the conversation header on replies only.
    if (reply) headers['x-ms-conversation-id'] = conversationId;
    const auth = await authorization(target.credentials);
    if (auth) headers.authorization = auth;
    let response;
    try {
      response = await exchange({
        method: 'POST',
        url,
        headers,
        body,
        signal: AbortSignal.timeout(REPLY_TIMEOUT_MS),
      });
    } catch (error) {
      if (attempt >= REPLY_RETRIES) throw error;
      await sleep(retryDelay(target, attempt, null));
      continue;
    }
    if (response.status >= 200 && response.status <= 299) return resourceResponse(response.body);
    if (!isRetryable(response.status) || attempt >= REPLY_RETRIES) {
      throw new ConnectorCallError(
        `The Bot Connector answered ${response.status}.`,
        response.status,
        errorCode(response.body),
        response.body,
      );
    }
    await sleep(retryDelay(target, attempt, response.headers.get('retry-after')));
  }
}

function required(name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new TypeError(`${name} is required`);
  return value;
}

/**
 * Makes `client`'s `replyToActivity` and `sendToConversation` post directly (see above); returns
 * the same client. A client without the usual parts (a test double) is returned as it is.
 */
export function directReplies<C extends ConnectorClient>(
  client: C,
  exchange: HttpExchange = nodeExchange,
  options: { retryDelayMs?: number } = {},
): C {
  const parts = client as unknown as ClientParts;
  const { conversations, credentials, baseUri } = parts;
  if (!conversations || !credentials || typeof baseUri !== 'string' || !/^https?:\/\//i.test(baseUri)) {
    return client;
  }
  const target: Target = { baseUri, credentials, retryDelayMs: options.retryDelayMs ?? 1000 };
  const conversationPath = (id: string) => `v3/conversations/${encodeURIComponent(id)}/activities`;
  conversations.replyToActivity = async (conversationId, activityId, activity) => {
    const id = required('conversationId', conversationId);
    const path = `${conversationPath(id)}/${encodeURIComponent(required('activityId', activityId))}`;
    return postActivity(exchange, target, id, path, activity, true);
  };
  conversations.sendToConversation = async (conversationId, activity) => {
    const id = required('conversationId', conversationId);
    return postActivity(exchange, target, id, conversationPath(id), activity, false);
  };
  return client;
}
