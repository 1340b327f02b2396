/** Signs Slack requests exactly as Slack does (v0 HMAC-SHA256 over `v0:{ts}:{body}`). */
import { createHmac } from 'node:crypto';

export function slackSignature(body: string, secret: string, ts: number): string {
  return 'v0=' + createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex');
}

export function signedHeaders(
  body: string,
  secret: string,
  ts: number = Math.floor(Date.now() / 1000),
): Record<string, string> {
  return { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': slackSignature(body, secret, ts) };
}

/** A slash command body (form fields as Slack sends them). */
export function commandForm(fields: Record<string, string>): string {
  return new URLSearchParams({
    command: '/pat',
    token: 'deprecated',
    api_app_id: 'A1',
    ...fields,
  }).toString();
}

/** An interactivity body: one form field `payload=<JSON>`. */
export function interactiveForm(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
