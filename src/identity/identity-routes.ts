/** The identity module's HTTP routes (Slack sign-in start and the Entra redirect), like the channels export theirs. */
import type { Route } from '../http/server';
import type { IdentityHttpRequest, IdentityHttpResponse } from './http-types';
import { AUTH_CALLBACK_PATH, SLACK_START_PATH } from './slack-linking';

type Handler = (req: IdentityHttpRequest) => Promise<IdentityHttpResponse>;

export function identityRoutes(handlers: {
  handleSlackStart: Handler;
  handleAuthCallback: Handler;
}): Route[] {
  const adapt =
    (handler: Handler): Route['handle'] =>
    async (req) => {
      const answer = await handler({ query: req.query, headers: req.headers });
      return { status: answer.status, headers: answer.headers, body: answer.body || undefined };
    };
  return [
    { method: 'GET', path: SLACK_START_PATH, handle: adapt(handlers.handleSlackStart) },
    { method: 'GET', path: AUTH_CALLBACK_PATH, handle: adapt(handlers.handleAuthCallback) },
  ];
}
