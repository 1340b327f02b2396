/**
 * Routes that exist only in sandbox mode, on the bot's one HTTP server:
 * - the Slack page and its calls (`/sandbox/slack…`, see ./slack/page-routes.ts);
 * - `GET /sandbox/entra/authorize`: the Entra simulator's authorize step for the browser (a
 *   browser does not trust the simulator's local CA; msal-node still talks to it over https);
 * - `POST /sandbox/sweep`: one reminder sweep with a given clock, for `npm run sweep -- --now …`
 *   against the running sandbox. Loopback callers only.
 */
import type { HttpRequest, HttpResponse, Route } from '../http/server';
import type { EntraSimulator } from './entra';
import { slackPageRoutes } from './slack/page-routes';
import type { SandboxSlackWorkspace } from './slack/workspace';

export const SANDBOX_AUTHORIZE_PATH = '/sandbox/entra/authorize';
export const SANDBOX_SWEEP_PATH = '/sandbox/sweep';

export interface SandboxSweepRequest {
  now?: Date;
  dryRun: boolean;
}

export interface SandboxRouteDeps {
  entra: EntraSimulator;
  slack: SandboxSlackWorkspace | null;
  /** Runs one sweep (taking the lease) and returns what the CLI prints. */
  sweep(request: SandboxSweepRequest): Promise<unknown>;
}

/** Maps Entra's authorize URL (msal-node's) to the bot's loopback copy of it. */
export function browserAuthorizeUrl(entra: EntraSimulator, publicBaseUrl: string): (url: string) => string {
  return (url) => {
    const parsed = new URL(url);
    if (parsed.origin !== entra.origin || !parsed.pathname.endsWith('/oauth2/v2.0/authorize')) return url;
    return `${publicBaseUrl.replace(/\/+$/, '')}${SANDBOX_AUTHORIZE_PATH}${parsed.search}`;
  };
}

export function isLoopback(address: string): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

async function sweepRoute(deps: SandboxRouteDeps, req: HttpRequest): Promise<HttpResponse> {
  if (!isLoopback(req.remoteAddress)) {
    return {
      status: 403,
      body: { error: 'forbidden', message: 'Only this machine may run a sandbox sweep.' },
    };
  }
  const body = JSON.parse(req.body.toString('utf8')) as Record<string, unknown>;
  let now: Date | undefined;
  if (body.now !== undefined) {
    const at = typeof body.now === 'string' ? Date.parse(body.now) : NaN;
    if (Number.isNaN(at)) {
      return { status: 400, body: { error: 'input.invalid', message: '"now" must be an ISO 8601 time.' } };
    }
    now = new Date(at);
  }
  return { status: 200, body: await deps.sweep({ now, dryRun: body.dryRun === true }) };
}

export function sandboxRoutes(deps: SandboxRouteDeps): Route[] {
  return [
    ...(deps.slack ? slackPageRoutes(deps.slack) : []),
    {
      method: 'GET',
      path: SANDBOX_AUTHORIZE_PATH,
      handle: async (req) => {
        const answer = deps.entra.authorize(new URLSearchParams(req.query));
        return { status: answer.status, headers: answer.headers, body: answer.body || undefined };
      },
    },
    { method: 'POST', path: SANDBOX_SWEEP_PATH, body: 'json', handle: (req) => sweepRoute(deps, req) },
  ];
}
