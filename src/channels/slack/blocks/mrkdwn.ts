/** Text helpers for Slack `mrkdwn` and `plain_text` objects. */
import type { types } from '@slack/bolt';

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Slack limits: section text 3,000 chars, plain_text button labels 75, headers 150. */
export function clipText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function mrkdwn(text: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text: clipText(text, 3000) };
}

export function plain(text: string, max = 75): types.PlainTextElement {
  return { type: 'plain_text', text: clipText(text, max), emoji: true };
}

/** A section with one mrkdwn text (escaped unless `trusted`). */
export function textSection(
  text: string,
  options: { trusted?: boolean; blockId?: string } = {},
): types.SectionBlock {
  const section: types.SectionBlock = {
    type: 'section',
    text: mrkdwn(options.trusted ? text : escapeMrkdwn(text)),
  };
  if (options.blockId) section.block_id = options.blockId;
  return section;
}
