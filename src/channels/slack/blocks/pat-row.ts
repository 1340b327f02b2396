/** One PAT as Block Kit: a section, a context line for warnings, and its buttons. Pure. */
import type { types } from '@slack/bolt';
import type { PatView } from '../../../core/pat-view';
import { revokeConfirmMessage } from '../../../core/messages';
import { statusLabel } from '../../../core/status-label';
import { ACTION } from '../action-ids';
import type { Block } from '../slack-types';
import { escapeMrkdwn, mrkdwn, plain } from './mrkdwn';
import { replaceButton } from './replace-button';
import { statusEmoji } from './status-emoji';

/** Signed button values for one PAT (see ../pat-action-values.ts); null hides the buttons. */
export interface PatRowActions {
  renew30: string;
  renew90: string;
  renewMax: string;
  renewDate: string;
  revoke: string;
  /** Signed Create replacement (`recreate`) or Rotate value; absent hides the button. */
  replace?: { mode: 'recreate' | 'rotate'; value: string };
}

export interface PatRow {
  view: PatView;
  actions: PatRowActions | null;
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

function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): types.Button {
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
  const replace = row.actions?.replace
    ? [replaceButton(row.actions.replace.mode, row.actions.replace.value)]
    : [];
  if (
    row.actions &&
    (view.status === 'active' || view.status === 'expiring' || view.status === 'expires_soon')
  ) {
    const revoke = button('Revoke', ACTION.confirmRevoke, row.actions.revoke, 'danger');
    revoke.confirm = revokeDialog(view);
    blocks.push({
      type: 'actions',
      block_id: `pat_actions:${view.id}`,
      elements: [
        button('Renew 30 days', ACTION.renew30, row.actions.renew30, 'primary'),
        button('Renew 90 days', ACTION.renew90, row.actions.renew90),
        button('Longest allowed', ACTION.renewMax, row.actions.renewMax),
        button('Pick a date…', ACTION.renewDate, row.actions.renewDate),
        ...replace,
        revoke,
      ],
    });
  } else if (replace.length > 0) {
    blocks.push({ type: 'actions', block_id: `pat_actions:${view.id}`, elements: replace });
  }
  return blocks;
}
