/** A sentence as a message, optionally with a context line. Pure. */
import type { SlackMessage } from '../slack-types';
import { escapeMrkdwn, mrkdwn } from './mrkdwn';

/**
 * @param trusted the text is already valid mrkdwn (e.g. holds a `<@U123>` mention built by
 *   patbot); otherwise it is escaped.
 */
export function textMessage(text: string, note?: string, options: { trusted?: boolean } = {}): SlackMessage {
  const body = options.trusted ? text : escapeMrkdwn(text);
  const blocks: SlackMessage['blocks'] = [{ type: 'section', text: mrkdwn(body) }];
  if (note) blocks.push({ type: 'context', elements: [mrkdwn(escapeMrkdwn(note))] });
  const fallback = note ? `${body} ${escapeMrkdwn(note)}` : body;
  return { text: fallback, blocks };
}
