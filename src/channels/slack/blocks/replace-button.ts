/** The Create replacement / Rotate button (opens the modal that shows the new PAT once). Pure. */
import type { types } from '@slack/bolt';
import { ACTION } from '../action-ids';
import type { SlackMessage } from '../slack-types';
import { escapeMrkdwn, mrkdwn, plain } from './mrkdwn';

export function replaceButton(mode: 'recreate' | 'rotate', value: string): types.Button {
  return {
    type: 'button',
    text: plain(mode === 'rotate' ? 'Rotate' : 'Create replacement'),
    action_id: mode === 'rotate' ? ACTION.rotate : ACTION.recreate,
    value,
  };
}

/** What Create replacement / Rotate will do, with its button. */
export function replaceOfferMessage(
  message: string,
  mode: 'recreate' | 'rotate',
  value: string,
): SlackMessage {
  return {
    text: escapeMrkdwn(message),
    blocks: [
      { type: 'section', block_id: 'replace_offer', text: mrkdwn(escapeMrkdwn(message)) },
      {
        type: 'actions',
        block_id: 'replace_offer_actions',
        elements: [{ ...replaceButton(mode, value), style: 'primary' }],
      },
    ],
  };
}
