/** The modal to pick a custom expiry date (`views.open`). Pure. */
import type { types } from '@slack/bolt';
import { DATE_ACTION, DATE_BLOCK, RENEW_MODAL } from '../action-ids';
import type { Block, ModalView } from '../slack-types';
import { mrkdwn, plain } from './mrkdwn';

type SectionBlock = types.SectionBlock;

export interface RenewModalModel {
  /** The PAT's row as shown on the message or Home tab the button was on, when available. */
  patSection?: SectionBlock;
  /** `yyyy-mm-dd` preselected in the date picker. */
  initialDate: string;
  /** Echoed back on submit (≤ 3,000 chars): the signed action and where to post the result. */
  privateMetadata: string;
}

export function renewModal(model: RenewModalModel): ModalView {
  const intro: Block[] = [
    {
      type: 'section',
      block_id: 'renew_intro',
      text: mrkdwn('Pick the new expiry date for this PAT.'),
    },
  ];
  if (model.patSection) intro.push({ ...model.patSection, block_id: 'renew_pat' });
  return {
    type: 'modal',
    callback_id: RENEW_MODAL,
    private_metadata: model.privateMetadata,
    title: plain('Renew PAT', 24),
    submit: plain('Renew', 24),
    close: plain('Cancel', 24),
    blocks: [
      ...intro,
      {
        type: 'input',
        block_id: DATE_BLOCK,
        label: plain('New expiry date'),
        hint: plain('Up to a year from today; your organisation may allow less. Dates are in UTC.', 150),
        element: { type: 'datepicker', action_id: DATE_ACTION, initial_date: model.initialDate },
      },
    ],
  };
}
