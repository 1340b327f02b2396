/**
 * Turn replies posted straight to the Bot Connector: a real ConnectorClient (botframework-connector,
 * with real app credentials whose token is served from botbuilder's own cache) against a loopback
 * connector that records what arrives. The same URL, headers and body as the SDK's operation; an
 * error status rejects with `statusCode` and `code` like the SDK's RestError; other operations stay
 * the SDK's.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';
import { AppCredentials, ConnectorClient, MicrosoftAppCredentials } from 'botframework-connector';
import { ConnectorCallError, directReplies } from '../../../src/channels/teams/connector-replies';

interface Arrival {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

describe('directReplies', () => {
  let server: Server;
  let baseUri: string;
  const arrivals: Arrival[] = [];
  let answer: { status: number; body: string } = { status: 200, body: '{"id":"act-1"}' };
  /** Answers used first, one per request (then `answer`). */
  const queued: { status: number; body: string; retryAfter?: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        arrivals.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        const next: { status: number; body: string; retryAfter?: string } = queued.shift() ?? answer;
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (next.retryAfter !== undefined) headers['retry-after'] = next.retryAfter;
        res.writeHead(next.status, headers);
        res.end(next.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    arrivals.length = 0;
    queued.length = 0;
    answer = { status: 200, body: '{"id":"act-1"}' };
  });

  /** A real client with app credentials whose token is already in botbuilder's token cache. */
  function client(): ConnectorClient {
    const credentials = new MicrosoftAppCredentials('app-id', 'secret', 'tenant-id');
    const cache = (AppCredentials as unknown as { cache: Map<string, unknown> }).cache;
    cache.set((credentials as unknown as { tokenCacheKey: string }).tokenCacheKey, {
      accessToken: 'connector-token',
      expiresOn: new Date(Date.now() + 3_600_000),
    });
    return new ConnectorClient(credentials, { baseUri });
  }

  const activity = {
    type: 'message',
    text: 'PATs of Alice',
    attachments: [
      { contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard' } },
    ],
    conversation: { id: 'a:1;messageid=9' },
  } as unknown as Activity;
  /** The SDK's overloads type the answer loosely; it is a ResourceResponse. */
  const idOf = (r: unknown): string | undefined => (r as { id?: string }).id;

  it('posts a reply once, to the encoded conversation and activity, with the bot token and the conversation header', async () => {
    const c = directReplies(client());
    const response = await c.conversations.replyToActivity('a:1;messageid=9', 'f:act/1', activity);
    expect(idOf(response)).toBe('act-1');
    expect(arrivals).toHaveLength(1);
    const [a] = arrivals;
    expect(a.method).toBe('POST');
    expect(a.url).toBe('/v3/conversations/a%3A1%3Bmessageid%3D9/activities/f%3Aact%2F1');
    expect(a.headers.authorization).toBe('Bearer connector-token');
    expect(a.headers['x-ms-conversation-id']).toBe('a:1;messageid=9');
    expect(a.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(a.body)).toEqual(activity);
  });

  it('sends to a conversation (no reply id) the same way as the SDK does', async () => {
    const sdk = await client().conversations.sendToConversation('19:chan@thread.tacv2', activity);
    const viaSdk = arrivals.pop()!;
    const direct = await directReplies(client()).conversations.sendToConversation(
      '19:chan@thread.tacv2',
      activity,
    );
    const viaDirect = arrivals.pop()!;
    expect(idOf(direct)).toBe(idOf(sdk));
    expect(viaDirect.url).toBe(viaSdk.url);
    expect(viaDirect.headers.authorization).toBe(viaSdk.headers.authorization);
    expect(viaDirect.headers['x-ms-conversation-id']).toBe(viaSdk.headers['x-ms-conversation-id']);
    expect(JSON.parse(viaDirect.body)).toEqual(JSON.parse(viaSdk.body));
  });

  it("rejects an error status with the status and the connector's code, as the SDK's RestError carries them", async () => {
    answer = { status: 403, body: '{"error":{"code":"BotNotInConversationRoster","message":"gone"}}' };
    const c = directReplies(client());
    const failure = await c.conversations.replyToActivity('a:1', 'act', activity).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ConnectorCallError);
    expect(failure).toMatchObject({
      statusCode: 403,
      code: 'BotNotInConversationRoster',
      response: { status: 403 },
    });
    const sdkFailure = await client()
      .conversations.replyToActivity('a:1', 'act', activity)
      .catch((e: unknown) => e);
    expect((sdkFailure as { statusCode: number }).statusCode).toBe(403);
  });

  it('retries 429 after Retry-After and 5xx like the SDK, 3 times, with the same body', async () => {
    queued.push({ status: 503, body: '{}' }, { status: 429, body: '{}', retryAfter: '0' });
    const c = directReplies(client(), undefined, { retryDelayMs: 5 });
    const response = await c.conversations.replyToActivity('a:1', 'act', activity);
    expect(idOf(response)).toBe('act-1');
    expect(arrivals).toHaveLength(3);
    expect(new Set(arrivals.map((a) => a.body)).size).toBe(1);
    arrivals.length = 0;
    answer = { status: 500, body: '{"error":{"code":"ServiceError","message":"down"}}' };
    const failure = await c.conversations.replyToActivity('a:1', 'act', activity).catch((e: unknown) => e);
    expect(failure).toMatchObject({ statusCode: 500, code: 'ServiceError' });
    expect(arrivals).toHaveLength(4);
  });

  it('sends no Authorization for anonymous credentials, and refuses a missing conversation id', async () => {
    const anonymous = new ConnectorClient(new MicrosoftAppCredentials('', ''), { baseUri });
    await directReplies(anonymous).conversations.replyToActivity('a:2', 'act', activity);
    expect(arrivals[0].headers.authorization).toBeUndefined();
    await expect(directReplies(client()).conversations.sendToConversation('', activity)).rejects.toThrow(
      'conversationId is required',
    );
    expect(arrivals).toHaveLength(1);
  });

  it('leaves a client without the usual parts as it is', () => {
    const double = { serviceUrl: baseUri } as unknown as ConnectorClient;
    expect(directReplies(double)).toBe(double);
  });
});
