/**
 * Posts to a Slack `response_url` (reply to a command, replace the clicked message, ephemeral
 * refusal). Only URLs Slack could have issued are accepted, so a crafted payload cannot make
 * patbot POST elsewhere. At most 5 uses in 30 minutes per URL (Slack's rule).
 */
import type { Logger } from '../../core/logger';
import type { SlackMessage } from './slack-types';

export interface ResponseOptions {
  /** `ephemeral` (only the person) or `in_channel` (a normal message). */
  responseType?: 'ephemeral' | 'in_channel';
  /** Replace the message the button was on. */
  replaceOriginal?: boolean;
}

export type PostResponse = (
  url: string | undefined,
  message: SlackMessage,
  options?: ResponseOptions,
) => Promise<boolean>;

export function responsePoster(deps: {
  fetch: typeof fetch;
  allowed: (url: string) => boolean;
  logger: Logger;
}): PostResponse {
  return async (url, message, options = {}) => {
    if (!url || !deps.allowed(url)) {
      deps.logger.warn({ hasUrl: Boolean(url) }, 'Slack response_url missing or not allowed; reply dropped');
      return false;
    }
    const body: Record<string, unknown> = { text: message.text, blocks: message.blocks };
    if (options.replaceOriginal) body.replace_original = true;
    else body.replace_original = false;
    if (options.responseType) body.response_type = options.responseType;
    try {
      const res = await deps.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) {
        deps.logger.warn({ status: res.status }, 'Slack response_url refused the reply');
        return false;
      }
      return true;
    } catch (error) {
      deps.logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'Slack response_url post failed',
      );
      return false;
    }
  };
}
