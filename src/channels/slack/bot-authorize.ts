/**
 * Bolt `authorize` for a single-workspace install: the bot token from configuration, with the
 * bot's ids from options or from ONE `auth.test` (cached; retried after a failure). Bolt's own
 * lazy mode would call `auth.test` on every request.
 */
import type { Authorize, AuthorizeResult } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';

export function singleWorkspaceAuthorize(
  client: WebClient,
  botToken: string,
  ids: { botId?: string; botUserId?: string },
): Authorize<boolean> {
  let cached: Promise<{ botId?: string; botUserId?: string }> | null =
    ids.botId && ids.botUserId ? Promise.resolve({ botId: ids.botId, botUserId: ids.botUserId }) : null;
  return async ({ isEnterpriseInstall }): Promise<AuthorizeResult> => {
    if (!cached) {
      const attempt = client.auth.test({ token: botToken }).then((r) => ({
        botId: typeof r.bot_id === 'string' ? r.bot_id : undefined,
        botUserId: typeof r.user_id === 'string' ? r.user_id : undefined,
      }));
      cached = attempt;
      attempt.catch(() => {
        if (cached === attempt) cached = null;
      });
    }
    const found = await cached;
    return { botToken, botId: found.botId, botUserId: found.botUserId, isEnterpriseInstall };
  };
}
