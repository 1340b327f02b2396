/** SLACK_*: the Slack app (null when neither the signing secret nor the bot token is set). */
import { parseUrl, Problems } from './parse';
import type { Raw } from './schema';
import type { Slice, SlackConfig } from './types';

/** What Slack accepts as a command name: a slash, then up to 31 lowercase letters, digits, - or _. */
const SLASH_COMMAND = /^\/[a-z0-9_-]{1,31}$/;

function slashCommand(raw: Raw, problems: Problems): string {
  const command = raw.SLACK_COMMAND ?? '/pat';
  if (!SLASH_COMMAND.test(command))
    problems.add(
      'SLACK_COMMAND',
      `"${command.slice(0, 40)}" is not a Slack slash command.`,
      'Use a slash and up to 31 lowercase letters, digits, - or _, as registered in the Slack app (e.g. /pat).',
    );
  return command;
}

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
      command: slashCommand(raw, problems),
    },
    problems: problems.list,
  };
}
