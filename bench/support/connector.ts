/**
 * A Bot Connector on loopback, used as the activities' `serviceUrl`: answers
 * `POST /v3/conversations/:id/activities[/:replyToId]` with `{ id }` and reports each arriving
 * message activity with its arrival time (performance.now()), keyed by the `replyToId` it
 * answers, so the load generator can close the loop.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorArrival {
  at: number;
  replyToId: string | undefined;
  conversationId: string;
  /** The raw JSON body (parse it only when needed). */
  text: string;
}

export interface BenchConnector {
  serviceUrl: string;
  /** Resolves with the first reply to `activityId` (or rejects after `timeoutMs`). */
  waitForReply(activityId: string, timeoutMs: number): Promise<ConnectorArrival>;
  /** Replies that arrived with nobody waiting (e.g. welcome cards, sign-in confirmations). */
  unclaimed: number;
  received: number;
  close(): Promise<void>;
}

export async function startBenchConnector(): Promise<BenchConnector> {
  const waiting = new Map<string, (a: ConnectorArrival) => void>();
  const early = new Map<string, ConnectorArrival>();
  let seq = 0;
  const state = { unclaimed: 0, received: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      const parts = new URL(req.url ?? '/', 'http://x').pathname.split('/').filter(Boolean);
      if (
        req.method !== 'POST' ||
        parts[0] !== 'v3' ||
        parts[1] !== 'conversations' ||
        parts[3] !== 'activities'
      ) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{}');
        return;
      }
      const text = Buffer.concat(chunks).toString('utf8');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `bench-act-${++seq}` }));
      state.received++;
      let replyToId = parts[4] ? decodeURIComponent(parts[4]) : undefined;
      if (!replyToId) {
        try {
          replyToId = (JSON.parse(text) as { replyToId?: string }).replyToId;
        } catch {
          replyToId = undefined;
        }
      }
      const arrival: ConnectorArrival = { at, replyToId, conversationId: decodeURIComponent(parts[2]), text };
      const w = replyToId ? waiting.get(replyToId) : undefined;
      if (w && replyToId) {
        waiting.delete(replyToId);
        w(arrival);
      } else if (replyToId && early.size < 10_000) early.set(replyToId, arrival);
      else state.unclaimed++;
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    waitForReply(activityId, timeoutMs) {
      const got = early.get(activityId);
      if (got) {
        early.delete(activityId);
        return Promise.resolve(got);
      }
      return new Promise<ConnectorArrival>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(activityId);
          reject(new Error(`no reply at the connector within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(activityId, (a) => {
          clearTimeout(timer);
          resolve(a);
        });
      });
    },
    get unclaimed() {
      return state.unclaimed + early.size;
    },
    get received() {
      return state.received;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
