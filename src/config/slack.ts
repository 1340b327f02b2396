/** SLACK_*: the Slack app (null when neither the signing secret nor the bot token is set). */
import { parseUrl, Problems } from './parse';
import type { Raw } from './schema';
import type { Slice, SlackConfig } from './types';

export function slackFrom(raw: Raw): Slice<SlackConfig | null> {
  const problems = new Problems();
  if (!raw.SLACK_SIGNING_SECRET && !raw.SLACK_BOT_TOKEN) return { value: null, problems: [] };
  if (!raw.SLACK_SIGNING_SECRET)
    problems.missing(
      'SLACK_SIGNING_SECRET',
      'it is required with SLACK_BOT_TOKEN.',
      "Copy it from the Slack app's Basic Information page.",
    );
  if (!raw.SLACK_BOT_TOKEN)
    problems.missing(
      'SLACK_BOT_TOKEN',
      'it is required with SLACK_SIGNING_SECRET.',
      'Copy the xoxb- token from OAuth & Permissions.',
    );
  return {
    value: {
      signingSecret: raw.SLACK_SIGNING_SECRET ?? '',
      botToken: raw.SLACK_BOT_TOKEN ?? '',
      apiUrl: parseUrl(raw.SLACK_API_URL ?? 'https://slack.com/api/', 'SLACK_API_URL', problems) + '/',
    },
    problems: problems.list,
  };
}
