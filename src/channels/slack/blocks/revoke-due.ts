/** The reminder a Rotate asked for: "revoke the old PAT", with a Revoke button (Slack confirms first). Pure. */
import type { types } from '@slack/bolt';
import type { RevokeDueReminder } from '../../../core/notifier';
import { revokeConfirmMessage } from '../../../core/messages';
import { ACTION } from '../action-ids';
import type { SlackMessage } from '../slack-types';
import { escapeMrkdwn, mrkdwn, plain } from './mrkdwn';

export function revokeDueMessage(reminder: RevokeDueReminder, revokeValue: string): SlackMessage {
  const revoke: types.Button = {
    type: 'button',
    text: plain('Revoke the old one'),
    action_id: ACTION.confirmRevoke,
    value: revokeValue,
    style: 'danger',
    confirm: {
      title: plain('Revoke this PAT?', 100),
      text: mrkdwn(escapeMrkdwn(revokeConfirmMessage(reminder.patName, reminder.org)).slice(0, 300)),
      confirm: plain('Revoke', 30),
      deny: plain('Keep it', 30),
      style: 'danger',
    },
  };
  return {
    text: escapeMrkdwn(reminder.text),
    blocks: [
      {
        type: 'section',
        block_id: `revoke_due:${reminder.patId}`,
        text: mrkdwn(`:hourglass: ${escapeMrkdwn(reminder.text)}`),
      },
      { type: 'actions', block_id: `revoke_due_actions:${reminder.patId}`, elements: [revoke] },
    ],
  };
}
