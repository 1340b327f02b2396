/**
 * Admin watch messages in Slack: a `/pat admin …` answer, the owner's token-event alert with
 * **Create replacement**, the admin digest and the one-line channel alert. Pure.
 */
import type { AdminView } from '../../../core/admin/admin-view';
import { tokensPageUrl } from '../../../core/messages';
import type { AdminNotice, ChannelAlert, TokenEventAlert } from '../../../core/notifier';
import type { SlackMessage } from '../slack-types';
import { clipText, escapeMrkdwn, mrkdwn, plain } from './mrkdwn';
import { replaceButton } from './replace-button';

const MAX_SECTION = 2900;
/** Slack allows 50 blocks a message: the title, the line sections, and the "…and N more" line. */
const MAX_LINE_SECTIONS = 45;

/** Lines packed into sections of at most MAX_SECTION characters; cut with "…and N more". */
function linesSection(lines: readonly string[]): SlackMessage['blocks'] {
  const sections: string[] = [];
  let current = '';
  let shown = 0;
  for (const line of lines) {
    const item = clipText(`• ${escapeMrkdwn(line)}`, MAX_SECTION);
    if (current && current.length + 1 + item.length > MAX_SECTION) {
      if (sections.length + 1 >= MAX_LINE_SECTIONS) break;
      sections.push(current);
      current = '';
    }
    current = current ? `${current}\n${item}` : item;
    shown++;
  }
  if (current) sections.push(current);
  if (shown < lines.length) sections.push(`…and ${lines.length - shown} more`);
  return sections.map((body) => ({ type: 'section' as const, text: mrkdwn(body) }));
}

/** The view's sentences are already worded with Slack's command (`/pat`). */
export function adminViewMessage(view: AdminView): SlackMessage {
  const text = escapeMrkdwn(view.text);
  return { text, blocks: [{ type: 'section', text: mrkdwn(text) }, ...linesSection(view.lines)] };
}

/**
 * The one place the alert's **Create replacement** button is made: the recreate modal
 * (handlers/replace-modal.ts) when the notifier signed a value for the owner, else a link to the
 * organisation's "Personal access tokens" page.
 */
export function replacementButton(alert: TokenEventAlert, replaceValue: string | null) {
  if (!alert.replacement) return null;
  if (replaceValue) return { ...replaceButton('recreate', replaceValue), style: 'primary' as const };
  return {
    type: 'button' as const,
    text: plain('Create replacement'),
    url: tokensPageUrl(alert.replacement.org),
    action_id: 'pat_admin_replacement',
  };
}

/** `replaceValue`: the owner's signed recreate value for the PAT (null: link to the tokens page). */
export function tokenEventMessage(alert: TokenEventAlert, replaceValue: string | null = null): SlackMessage {
  const text = escapeMrkdwn(alert.text);
  const button = replacementButton(alert, replaceValue);
  const blocks: SlackMessage['blocks'] = [{ type: 'section', text: mrkdwn(`:warning: ${text}`) }];
  if (button) blocks.push({ type: 'actions', elements: [button] });
  return { text, blocks };
}

export function adminNoticeMessage(notice: AdminNotice): SlackMessage {
  const title = escapeMrkdwn(notice.title);
  return {
    text: escapeMrkdwn(notice.text),
    blocks: [{ type: 'section', text: mrkdwn(`*${title}*`) }, ...linesSection(notice.lines)],
  };
}

export function channelAlertMessage(alert: ChannelAlert): SlackMessage {
  const text = escapeMrkdwn(alert.text);
  return { text, blocks: [{ type: 'section', text: mrkdwn(text) }] };
}
