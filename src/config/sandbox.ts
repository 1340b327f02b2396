/** SANDBOX: in-process simulators with demo data, and never alongside real credentials. */
import { isLoopbackUrl, parseBool, Problems } from './parse';
import type { Raw } from './schema';
import type { Slice } from './types';

/** Sandbox mode: SANDBOX=1, or by default when neither BOT_ID nor AAD_APP_CLIENT_ID is set. */
export function sandboxFrom(raw: Raw): Slice<boolean> {
  const problems = new Problems();
  const flag = parseBool(raw.SANDBOX, 'SANDBOX', problems);
  const sandbox = flag ?? (raw.BOT_ID === undefined && raw.AAD_APP_CLIENT_ID === undefined);
  // Slack pointed at a loopback fake Web API (tests) is not a real credential; any other Slack
  // token is. Sandbox mode without Slack settings configures a local Slack itself (/sandbox/slack).
  const slackIsLocal = raw.SLACK_API_URL !== undefined && isLoopbackUrl(raw.SLACK_API_URL);
  const real = (['BOT_ID', 'BOT_PASSWORD', 'AAD_APP_CLIENT_SECRET', 'SLACK_BOT_TOKEN'] as const).filter(
    (k) => raw[k] !== undefined && !(k === 'SLACK_BOT_TOKEN' && slackIsLocal),
  );
  if (sandbox && flag === true && real.length > 0) {
    problems.add(
      'SANDBOX',
      `is 1 but real credentials are set (${real.join(', ')}); sandbox mode never runs with real credentials.`,
      'Unset SANDBOX (or set SANDBOX=0) to use them, or unset the credentials for a sandbox run.',
    );
  } else if (sandbox && flag === undefined && real.length > 0) {
    problems.add(
      'AAD_APP_CLIENT_ID',
      `is not set, which would mean sandbox mode, but real credentials are set (${real.join(', ')}).`,
      'Set AAD_APP_CLIENT_ID (and BOT_ID for Teams) to run for real, or unset the credentials for a sandbox run.',
    );
  }
  return { value: sandbox, problems: problems.list };
}
