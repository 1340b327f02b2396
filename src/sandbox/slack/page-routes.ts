/**
 * The sandbox Slack page (`GET /sandbox/slack`, sandbox mode only) and what it calls. The browser
 * never holds the signing secret: it says what Alex typed or clicked, and the workspace builds,
 * signs and sends the Slack request. JSON bodies only (a cross-site form cannot send one without
 * a CORS preflight, which is never granted), and the bot binds to loopback in sandbox mode.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPublicDir } from '../../channels/teams/sign-in-pages';
import type { HttpRequest, HttpResponse, Route } from '../../http/server';
import type { Outcome, SandboxSlackWorkspace } from './workspace';

export const SLACK_PAGE_PATH = '/sandbox/slack';

const PAGE_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

type Body = Record<string, unknown>;

function bad(message: string): HttpResponse {
  return { status: 400, body: { error: 'input.invalid', message } };
}

function parse(req: HttpRequest): Body {
  return JSON.parse(req.body.toString('utf8')) as Body;
}

function text(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.length <= max ? value : undefined;
}

function answer(outcome: Outcome): HttpResponse {
  return outcome.ok
    ? { status: 200, body: { ok: true } }
    : { status: outcome.status, body: { error: 'slack.request_failed', message: outcome.error } };
}

function file(name: string, type: string, publicDir: string): Route['handle'] {
  const body = readFileSync(join(publicDir, name));
  return async () => ({ status: 200, headers: { 'content-type': type, ...PAGE_HEADERS }, body });
}

export function slackPageRoutes(workspace: SandboxSlackWorkspace, publicDir = findPublicDir()): Route[] {
  const post = (path: string, run: (body: Body) => Promise<HttpResponse>): Route => ({
    method: 'POST',
    path: `${SLACK_PAGE_PATH}/${path}`,
    body: 'json',
    handle: (req) => run(parse(req)),
  });
  return [
    {
      method: 'GET',
      path: SLACK_PAGE_PATH,
      handle: file('sandbox-slack.html', 'text/html; charset=utf-8', publicDir),
    },
    {
      method: 'GET',
      path: `${SLACK_PAGE_PATH}/app.js`,
      handle: file('sandbox-slack.js', 'text/javascript; charset=utf-8', publicDir),
    },
    {
      method: 'GET',
      path: `${SLACK_PAGE_PATH}/style.css`,
      handle: file('sandbox-slack.css', 'text/css; charset=utf-8', publicDir),
    },
    {
      method: 'GET',
      path: `${SLACK_PAGE_PATH}/state`,
      handle: async () => ({
        status: 200,
        headers: { 'cache-control': 'no-store' },
        body: workspace.snapshot(),
      }),
    },
    post('command', async (b) => {
      const channel = text(b.channel, 40);
      const typed = text(b.text, 4000);
      if (!channel || typed === undefined) return bad('Send { channel, text }.');
      return answer(await workspace.command(channel, typed.replace(/^\s*\/pat\b\s*/i, '')));
    }),
    post('action', async (b) => {
      const blockId = text(b.blockId, 255);
      const actionId = text(b.actionId, 255);
      if (!blockId || !actionId) return bad('Send { messageId | home, blockId, actionId }.');
      return answer(
        await workspace.click({
          messageId: text(b.messageId, 40),
          home: b.home === true,
          blockId,
          actionId,
          selected: text(b.selected, 2000),
        }),
      );
    }),
    post('submit', async (b) => {
      const values = b.values && typeof b.values === 'object' ? (b.values as Body) : {};
      const entered: Record<string, string> = {};
      for (const [k, v] of Object.entries(values)) if (typeof v === 'string') entered[k] = v.slice(0, 3000);
      return answer(await workspace.submit(entered));
    }),
    post('close', async () => {
      workspace.closeModal();
      return { status: 200, body: { ok: true } };
    }),
  ];
}
