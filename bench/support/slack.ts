/**
 * The Slack side: a fake Web API on loopback (`SLACK_API_URL`, answers `{ ok: true }`) that also
 * receives `response_url` posts at `/respond/<id>` and reports their arrival times, signed
 * `/pat` slash commands, and account linking through the bot's real sign-in round trip
 * (`/auth/slack/start` → Entra simulator `/authorize` → `/auth/callback`).
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { EntraSimulator } from '../../src/sandbox/entra';
import type { BenchUser } from './sims';

export const BENCH_SLACK_TEAM = 'TBENCH';
export const BENCH_SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';
export const BENCH_BOT_TOKEN = 'fake-bench-bot-token';

export interface SlackArrival {
  at: number;
  text: string;
}

export interface FakeSlack {
  apiUrl: string;
  responseUrl(id: string): string;
  waitForResponse(id: string, timeoutMs: number): Promise<SlackArrival>;
  apiCalls: number;
  close(): Promise<void>;
}

/** `users.info` answers: the bench users' profile e-mail (patbot checks it against the Entra account) and zone. */
function userInfo(users: readonly BenchUser[], body: string): Record<string, unknown> {
  let id: string | null = null;
  try {
    id = body.trim().startsWith('{')
      ? ((JSON.parse(body) as { user?: string }).user ?? null)
      : new URLSearchParams(body).get('user');
  } catch {
    id = null;
  }
  const u = users.find((x) => x.slackId === id);
  if (!u) return { ok: false, error: 'user_not_found' };
  return {
    user: {
      id: u.slackId,
      team_id: BENCH_SLACK_TEAM,
      name: `user${u.index}`,
      real_name: u.name,
      tz: 'Europe/Berlin',
      profile: { email: u.upn, real_name: u.name, display_name: u.name },
    },
  };
}

export async function startFakeSlack(users: readonly BenchUser[] = []): Promise<FakeSlack> {
  const waiting = new Map<string, (a: SlackArrival) => void>();
  const early = new Map<string, SlackArrival>();
  const counts = { api: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const text = Buffer.concat(chunks).toString('utf8');
      const respond = /^\/respond\/([\w.-]+)$/.exec(path);
      if (respond) {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('ok');
        const w = waiting.get(respond[1]);
        if (w) {
          waiting.delete(respond[1]);
          w({ at, text });
        } else if (early.size < 10_000) early.set(respond[1], { at, text });
        return;
      }
      counts.api++;
      const method = /^\/api\/([\w.]+)$/.exec(path)?.[1] ?? '';
      const extra: Record<string, unknown> =
        method === 'users.info'
          ? userInfo(users, text)
          : method === 'auth.test'
            ? { user_id: 'UBOT', bot_id: 'BBOT', team_id: BENCH_SLACK_TEAM }
            : method === 'conversations.open'
              ? { channel: { id: 'DBENCH' } }
              : method === 'chat.postMessage'
                ? { channel: 'DBENCH', ts: `${Date.now() / 1000}` }
                : {};
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, ...extra }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${url}/api/`,
    responseUrl: (id) => `${url}/respond/${id}`,
    waitForResponse(id, timeoutMs) {
      const got = early.get(id);
      if (got) {
        early.delete(id);
        return Promise.resolve(got);
      }
      return new Promise<SlackArrival>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`no response_url post within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(id, (a) => {
          clearTimeout(timer);
          resolve(a);
        });
      });
    },
    get apiCalls() {
      return counts.api;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function slackSignature(body: string, secret: string, ts: number): string {
  return 'v0=' + createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex');
}

let commandSeq = 0;

export interface SlackCommandTiming {
  ackMs: number;
  responseMs: number;
  ackText: string;
  response: string;
}

/** A signed `/pat <text>` from `user`; times the ack (HTTP answer) and the response_url post. */
export async function slackCommand(
  slackUrl: string,
  fake: FakeSlack,
  user: BenchUser,
  text: string,
  timeoutMs: number,
): Promise<SlackCommandTiming> {
  const id = `r${process.pid}-${++commandSeq}`;
  const body = new URLSearchParams({
    command: '/pat',
    text,
    token: 'deprecated',
    api_app_id: 'ABENCH',
    team_id: BENCH_SLACK_TEAM,
    team_domain: 'bench',
    user_id: user.slackId,
    user_name: `user${user.index}`,
    channel_id: 'CBENCH',
    channel_name: 'bench',
    response_url: fake.responseUrl(id),
    trigger_id: `trigger.${id}`,
  }).toString();
  const ts = Math.floor(Date.now() / 1000);
  const t0 = performance.now();
  const response = fake.waitForResponse(id, timeoutMs);
  const acked = fetch(`${slackUrl}/slack/events`, {
    method: 'POST',
    signal: AbortSignal.timeout(timeoutMs),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': slackSignature(body, BENCH_SIGNING_SECRET, ts),
    },
    body,
  }).then(async (res) => ({ status: res.status, text: await res.text(), at: performance.now() }));
  const [ack, posted] = await Promise.allSettled([acked, response]);
  if (ack.status === 'rejected')
    throw ack.reason instanceof Error ? ack.reason : new Error(String(ack.reason));
  if (ack.value.status !== 200) throw new Error(`ack HTTP ${ack.value.status}`);
  if (posted.status === 'rejected')
    throw posted.reason instanceof Error ? posted.reason : new Error(String(posted.reason));
  return {
    ackMs: ack.value.at - t0,
    responseMs: posted.value.at - t0,
    ackText: ack.value.text,
    response: posted.value.text,
  };
}

function httpsGet(
  url: string,
  ca: string,
): Promise<{ status: number; location: string | undefined; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method: 'GET', ca, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          location: res.headers.location,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

const SIGN_IN_LINK = /https?:\/\/[^\s"<>|\\]+\/auth\/slack\/start\?state=[^\s"<>|\\]+/;

/**
 * Links a Slack user to their Entra account the supported way: `/pat signin` → the one-time link
 * → the bot's `/auth/slack/start` → Entra simulator `/authorize` (auto-approves
 * `setSignInUser(oid)`) → the bot's `/auth/callback`.
 */
export async function slackLink(
  slackUrl: string,
  fake: FakeSlack,
  entra: EntraSimulator,
  user: BenchUser,
): Promise<void> {
  const signin = await slackCommand(slackUrl, fake, user, 'signin', 15_000);
  const link = SIGN_IN_LINK.exec(signin.response)?.[0] ?? SIGN_IN_LINK.exec(signin.ackText)?.[0];
  if (!link) throw new Error(`no sign-in link for ${user.slackId}: ${signin.response.slice(0, 300)}`);
  const start = await fetch(link, { redirect: 'manual', signal: AbortSignal.timeout(15_000) });
  await start.text();
  const authorize = start.headers.get('location');
  if (start.status !== 302 && start.status !== 303)
    throw new Error(`/auth/slack/start answered ${start.status}`);
  if (!authorize) throw new Error('/auth/slack/start gave no redirect');
  entra.setSignInUser(user.oid);
  const approved = await httpsGet(authorize, entra.caPem);
  if (!approved.location) throw new Error(`Entra /authorize answered ${approved.status} without a redirect`);
  const callback = await fetch(approved.location, {
    redirect: 'manual',
    signal: AbortSignal.timeout(15_000),
  });
  const page = await callback.text();
  if (callback.status !== 200)
    throw new Error(`/auth/callback answered ${callback.status}: ${page.slice(0, 300)}`);
}
