/**
 * A fake Bot Framework connector: a real HTTP server on loopback, used as the activities'
 * `serviceUrl`. It records what the bot sends (new activities, replies, updates) the way the
 * Bot Connector REST API receives them, with the Authorization header it was sent with.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  method: 'POST' | 'PUT' | 'DELETE';
  kind: 'send' | 'reply' | 'update' | 'delete' | 'createConversation';
  conversationId: string;
  /** replyToId for replies, the activity id for updates. */
  activityId?: string;
  authorization?: string;
  // Bot Framework activity JSON as sent by the bot.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface FakeConnector {
  /** `http://127.0.0.1:{port}/` (the activity's serviceUrl). */
  serviceUrl: string;
  calls: ConnectorCall[];
  /** Message activities sent to a conversation (sends and replies), in order. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  messages(conversationId?: string): any[];
  clear(): void;
  /** Makes the next `n` calls answer with this status (e.g. 403 bot removed). */
  failNext(status: number, n?: number): void;
  /** Makes every call to one conversation answer with this status until `clearFailures` (null: all). */
  failFor(conversationId: string, status: number): void;
  clearFailures(): void;
  /** Calls answered with a simulated failure, per conversation id. */
  failedCalls(conversationId: string): number;
  close(): Promise<void>;
}

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  let failures: { status: number; left: number } | null = null;
  const failing = new Map<string, number>();
  const failedCount = new Map<string, number>();
  let seq = 0;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const text = await read(req);
      const url = new URL(req.url ?? '/', 'http://localhost');
      const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      const body = text ? JSON.parse(text) : undefined;
      const authorization = req.headers.authorization;
      const answer = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (failures && failures.left > 0) {
        failures.left -= 1;
        answer(failures.status, { error: { code: 'Forbidden', message: 'simulated failure' } });
        return;
      }
      // /v3/conversations
      if (parts[0] === 'v3' && parts[1] === 'conversations' && parts.length === 2 && req.method === 'POST') {
        const id = `a:created-${++seq}`;
        calls.push({ method: 'POST', kind: 'createConversation', conversationId: id, authorization, body });
        answer(201, { id, activityId: `act-${seq}` });
        return;
      }
      if (parts[0] !== 'v3' || parts[1] !== 'conversations' || parts[3] !== 'activities') {
        answer(404, { error: { code: 'NotFound', message: 'no such route' } });
        return;
      }
      const conversationId = parts[2];
      const activityId = parts[4];
      const status = failing.get(conversationId);
      if (status !== undefined) {
        failedCount.set(conversationId, (failedCount.get(conversationId) ?? 0) + 1);
        if (status === 429) res.setHeader('retry-after', '1');
        answer(status, { error: { code: 'Simulated', message: 'simulated failure' } });
        return;
      }
      if (req.method === 'POST') {
        calls.push({
          method: 'POST',
          kind: activityId ? 'reply' : 'send',
          conversationId,
          activityId,
          authorization,
          body,
        });
        answer(200, { id: `act-${++seq}` });
      } else if (req.method === 'PUT') {
        calls.push({ method: 'PUT', kind: 'update', conversationId, activityId, authorization, body });
        answer(200, { id: activityId });
      } else if (req.method === 'DELETE') {
        calls.push({ method: 'DELETE', kind: 'delete', conversationId, activityId, authorization, body });
        answer(200, {});
      } else answer(405, {});
    })().catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls,
    messages: (conversationId) =>
      calls
        .filter((c) => (c.kind === 'send' || c.kind === 'reply') && c.body?.type === 'message')
        .filter((c) => conversationId === undefined || c.conversationId === conversationId)
        .map((c) => c.body),
    clear: () => {
      calls.length = 0;
    },
    failNext: (status, n = 1) => {
      failures = { status, left: n };
    },
    failFor: (conversationId, status) => {
      failing.set(conversationId, status);
    },
    clearFailures: () => {
      failures = null;
      failing.clear();
    },
    failedCalls: (conversationId) => failedCount.get(conversationId) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
