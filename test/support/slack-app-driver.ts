/**
 * Drives a running patbot (`startApp`) the way Slack and a browser do: correctly signed slash
 * commands to `/slack/events`, and a sign-in link followed through `/auth/slack/start`, the
 * Entra simulator's authorize endpoint (it auto-approves its configured sign-in user) and
 * `/auth/callback`.
 */
import { request as httpsRequest } from 'node:https';
import type { FakeSlackApi } from '../../src/sandbox/slack/fake-web-api';
import { commandForm, signedHeaders } from '../../src/sandbox/slack/slack-signing';

/** GET over https trusting exactly `ca`; returns status and Location. */
export function httpsGet(url: string, ca: string): Promise<{ status: number; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    httpsRequest(url, { ca }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, location: res.headers.location });
    })
      .on('error', reject)
      .end();
  });
}

export interface SlackAppDriver {
  /** A signed `/pat <text>`; resolves with everything answered (ack body and response_url posts). */
  command(
    slackUserId: string,
    text: string,
  ): Promise<{ status: number; responseId: string; answered: () => string }>;
  /** Waits until a command's answers contain a sign-in link and returns it. */
  signInLink(answered: () => string): Promise<string>;
  /** Follows a sign-in link through Entra (as `caPem` trusts it); returns the callback page. */
  follow(link: string): Promise<{ status: number; text: string; authorizeUrl?: string }>;
}

export function slackAppDriver(options: {
  url: () => string;
  slackApi: FakeSlackApi;
  secret: string;
  entraCaPem: () => string;
  teamId?: string;
  /** The slash command the app is configured with (default `/pat`). */
  command?: string;
}): SlackAppDriver {
  const { slackApi } = options;
  return {
    async command(slackUserId, text) {
      const responseUrl = slackApi.responseUrl();
      const responseId = responseUrl.split('/').pop()!;
      const body = commandForm({
        command: options.command ?? '/pat',
        text,
        team_id: options.teamId ?? 'T1',
        user_id: slackUserId,
        channel_id: 'C1',
        trigger_id: `t.${slackUserId}.${Date.now()}`,
        response_url: responseUrl,
      });
      const ack = await fetch(`${options.url()}/slack/events`, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...signedHeaders(body, options.secret),
        },
      });
      const ackText = await ack.text();
      return {
        status: ack.status,
        responseId,
        answered: () => JSON.stringify([ackText, slackApi.responses(responseId)]),
      };
    },
    signInLink(answered) {
      return slackApi.waitFor(() => {
        const m = answered().match(/http:\/\/127\.0\.0\.1:\d+\/auth\/slack\/start\?[^"\\]+/);
        return m ? m[0].replace(/\\u0026/g, '&') : undefined;
      }, 10_000);
    },
    async follow(link) {
      const start = await fetch(link, { redirect: 'manual' });
      if (start.status !== 302) return { status: start.status, text: await start.text() };
      const authorizeUrl = start.headers.get('location')!;
      // In sandbox mode the browser's authorize step is on the bot's own loopback http origin.
      const approved = authorizeUrl.startsWith('http:')
        ? await fetch(authorizeUrl, { redirect: 'manual' }).then((r) => ({
            status: r.status,
            location: r.headers.get('location') ?? undefined,
          }))
        : await httpsGet(authorizeUrl, options.entraCaPem());
      const callback = await fetch(approved.location!, { redirect: 'manual' });
      return { status: callback.status, text: await callback.text(), authorizeUrl };
    },
  };
}
