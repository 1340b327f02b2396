/** Options for the Slack channel, with documented defaults taken from `ChannelDeps.config`. */
import type { ChannelDeps, SlackChannelConfig } from '../deps';

export interface SlackChannelOptions {
  /** Default `config.slack.signingSecret`. */
  signingSecret?: string;
  /** Default `config.slack.botToken` (single-workspace install). */
  botToken?: string;
  /** Web API base (`SLACK_API_URL`), default `config.slack.apiUrl` (`https://slack.com/api/`). */
  slackApiUrl?: string;
  /** Bot ids; when both are given Bolt never calls `auth.test` (tests, or known installs). */
  botId?: string;
  botUserId?: string;
  /** The slash command (default: SLACK_COMMAND, else `/pat`). */
  command?: string;
  /** Path of the one Request URL (default `/slack/events`). */
  path?: string;
  /** Clock for the signature replay window, in ms (default `Date.now`). */
  nowMs?: () => number;
  /** PATs per list page (default 10). */
  pageSize?: number;
  /** Attempts per Web API call when Slack answers 429 (default 3). */
  sendMaxAttempts?: number;
  /** A Retry-After longer than this is not waited for (default 120 s). */
  maxRetryAfterSeconds?: number;
  /** Retries for Web API network/5xx errors (default 2; Bolt's default is ~30 min of retries). */
  webApiRetries?: number;
  /** Bolt's no-ack timer (default 3001 ms). */
  unhandledRequestTimeoutMillis?: number;
  /** Which `response_url`s may be posted to (default: https://hooks.slack.com/ and the Web API's origin). */
  responseUrlAllowed?: (url: string) => boolean;
  /** How long a command waits for its user to finish signing in, in ms (default 30 min, response_url's life). */
  pendingCommandTtlMs?: number;
  /** `fetch` for response_url posts (default global fetch). */
  fetch?: typeof fetch;
  /** Long commands (`/pat admin expiring`): progress after `afterMs` (default 3000), replaced at most every `everyMs` (default 1500). */
  progress?: { afterMs: number; everyMs: number };
}

export interface ResolvedSlackOptions {
  signingSecret: string;
  botToken: string;
  slackApiUrl: string;
  botId?: string;
  botUserId?: string;
  command: string;
  path: string;
  nowMs: () => number;
  pageSize: number;
  sendMaxAttempts: number;
  maxRetryAfterSeconds: number;
  webApiRetries: number;
  unhandledRequestTimeoutMillis?: number;
  responseUrlAllowed: (url: string) => boolean;
  pendingCommandTtlMs: number;
  fetch: typeof fetch;
  progress: { afterMs: number; everyMs: number };
}

/**
 * Slack's response URLs live on hooks.slack.com (or the GovSlack host), always https. The Web API's
 * own origin is accepted too only when it is a loopback fake (tests, demos), never in production.
 */
export function defaultResponseUrlAllowed(apiUrl: string): (url: string) => boolean {
  let apiOrigin = '';
  try {
    const api = new URL(apiUrl);
    if (['127.0.0.1', 'localhost', '[::1]'].includes(api.hostname)) apiOrigin = api.origin;
  } catch {
    apiOrigin = '';
  }
  return (url) => {
    try {
      const u = new URL(url);
      if (
        u.protocol === 'https:' &&
        (u.hostname === 'hooks.slack.com' || u.hostname === 'hooks.slack-gov.com')
      )
        return true;
      return apiOrigin !== '' && u.origin === apiOrigin;
    } catch {
      return false;
    }
  };
}

/** Fills in defaults; throws when there is no signing secret or bot token at all. */
export function resolveSlackOptions(
  deps: ChannelDeps<SlackChannelConfig>,
  options: SlackChannelOptions = {},
): ResolvedSlackOptions {
  const cfg = deps.config.slack;
  const signingSecret = options.signingSecret ?? cfg?.signingSecret ?? '';
  const botToken = options.botToken ?? cfg?.botToken ?? '';
  if (!signingSecret || !botToken) {
    throw new Error('Slack channel: SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are both required.');
  }
  const raw = options.slackApiUrl ?? cfg?.apiUrl ?? 'https://slack.com/api/';
  const slackApiUrl = raw.endsWith('/') ? raw : `${raw}/`;
  return {
    signingSecret,
    botToken,
    slackApiUrl,
    botId: options.botId,
    botUserId: options.botUserId,
    command: options.command ?? cfg?.command ?? '/pat',
    path: options.path ?? '/slack/events',
    nowMs: options.nowMs ?? Date.now,
    pageSize: Math.min(15, Math.max(1, Math.floor(options.pageSize ?? 10))),
    progress: options.progress ?? { afterMs: 3000, everyMs: 1500 },
    sendMaxAttempts: options.sendMaxAttempts ?? 3,
    maxRetryAfterSeconds: options.maxRetryAfterSeconds ?? 120,
    webApiRetries: options.webApiRetries ?? 2,
    unhandledRequestTimeoutMillis: options.unhandledRequestTimeoutMillis,
    responseUrlAllowed: options.responseUrlAllowed ?? defaultResponseUrlAllowed(slackApiUrl),
    pendingCommandTtlMs: options.pendingCommandTtlMs ?? 30 * 60_000,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
  };
}
