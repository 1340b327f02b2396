/** `/pat help`: the command table from docs/ux.md, one example each. Pure. */
import type { HelpEntry } from '../../../core/commands/help-entries';
import type { SlackMessage } from '../slack-types';
import { escapeMrkdwn, mrkdwn } from './mrkdwn';

export function helpMessage(entries: readonly HelpEntry[]): SlackMessage {
  const lines = entries.map(
    (e) =>
      `\`${escapeMrkdwn(e.usage)}\`: ${escapeMrkdwn(e.description)} (e.g. \`${escapeMrkdwn(e.example)}\`)`,
  );
  return {
    text: escapeMrkdwn(`What I can do: ${entries.map((e) => e.usage).join(', ')}`),
    blocks: [
      { type: 'section', block_id: 'help_title', text: mrkdwn('*What I can do*') },
      { type: 'section', block_id: 'help_lines', text: mrkdwn(lines.join('\n')) },
    ],
  };
}
