/**
 * One PAT as Block Kit: a section, a context line for warnings, and its buttons (`rowButtons`,
 * the one place that lists a row's actions: one-click Renew, Other…, Rotate, Revoke on a live
 * PAT; Create replacement on one that can no longer be extended). Pure.
 */
import type { types } from '@slack/bolt';
import type { PatView } from '../../../core/pat-view';
import { revokeConfirmMessage } from '../../../core/messages';
import { statusLabel } from '../../../core/status-label';
import { ACTION } from '../action-ids';
import { replaceButton } from './replace-button';
import type { Block } from '../slack-types';
import { escapeMrkdwn, mrkdwn, plain } from './mrkdwn';
import { statusEmoji } from './status-emoji';

export interface PatRow {
  view: PatView;
  /** The row's one signed value (../pat-action-values.ts), on every button; null hides them. */
  value: string | null;
  /** What the one-click Renew asks for (RENEW_DEFAULT_DAYS). */
  renewDays: number;
}

/** The one-click button's text, e.g. `Renew 90 days`. */
export function renewButtonText(days: number): string {
  return `Renew ${days} day${days === 1 ? '' : 's'}`;
}

/** The expiry line, e.g. `Expires in 5 days · Tue 3 Dec 2026` (the label is core's, as in Teams). */
export function expiryLine(view: PatView): string {
  if (view.status === 'revoked') return 'Revoked';
  if (view.status === 'expired') return `Expired ${view.expiresOn} (${view.relative})`;
  return `${statusLabel(view.status, view.daysLeft)} · ${view.expiresOn}`;
}

/** The section text for one PAT (mrkdwn, escaped). */
export function patSectionText(view: PatView): string {
  return [
    `${statusEmoji(view.status)} *${escapeMrkdwn(view.name)}* · ${escapeMrkdwn(view.org)}`,
    escapeMrkdwn(expiryLine(view)),
    `Scopes: ${escapeMrkdwn(view.scopeSummary)}`,
  ].join('\n');
}

export function button(
  text: string,
  actionId: string,
  value: string,
  style?: 'primary' | 'danger',
): types.Button {
  const b: types.Button = { type: 'button', text: plain(text), action_id: actionId, value };
  if (style) b.style = style;
  return b;
}

/** The confirm dialog Slack shows before sending a Revoke click. */
export function revokeDialog(view: PatView): types.ConfirmationDialog {
  return {
    title: plain('Revoke this PAT?', 100),
    text: mrkdwn(escapeMrkdwn(revokeConfirmMessage(view.name, view.org)).slice(0, 300)),
    confirm: plain('Revoke', 30),
    deny: plain('Keep it', 30),
    style: 'danger',
  };
}

/** Blocks for one PAT: section, warnings (context) and buttons (actions). */
export function patRowBlocks(row: PatRow): Block[] {
  const { view } = row;
  const blocks: Block[] = [
    { type: 'section', block_id: `pat:${view.id}`, text: mrkdwn(patSectionText(view)) },
  ];
  if (view.warnings.length > 0) {
    blocks.push({
      type: 'context',
      block_id: `pat_warn:${view.id}`,
      elements: view.warnings.map((w) => mrkdwn(`:warning: ${escapeMrkdwn(w)}`)),
    });
  }
  if (row.value && view.status !== 'revoked') {
    blocks.push({
      type: 'actions',
      block_id: `pat_actions:${view.id}`,
      elements: rowButtons(row, row.value),
    });
  }
  return blocks;
}

/**
 * A row's buttons, in order, each with the row's one value (the action id says which; at most 4
 * of Slack's 5 per actions block). An expired PAT (a dead all-organisations one included) can
 * only be replaced; a live one renews, rotates or is revoked.
 */
export function rowButtons(row: PatRow, value: string): types.Button[] {
  if (row.view.status === 'expired') return [{ ...replaceButton('recreate', value), style: 'primary' }];
  const revoke = button('Revoke', ACTION.confirmRevoke, value, 'danger');
  revoke.confirm = revokeDialog(row.view);
  return [
    button(renewButtonText(row.renewDays), ACTION.renew, value, 'primary'),
    button('Other…', ACTION.renewOther, value),
    replaceButton('rotate', value),
    revoke,
  ];
}
