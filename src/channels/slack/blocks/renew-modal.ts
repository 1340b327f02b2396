/**
 * The Other… modal (`views.open`): renew for another length than the one-click button's: the
 * other fixed length, the longest the organisation allows, or until a date. Pure.
 */
import type { types } from '@slack/bolt';
import { DATE_ACTION, DATE_BLOCK, LENGTH_ACTION, LENGTH_BLOCK, RENEW_MODAL } from '../action-ids';
import type { Block, ModalView } from '../slack-types';
import { mrkdwn, plain } from './mrkdwn';

type SectionBlock = types.SectionBlock;

/** The choice values of the length menu. */
export const LENGTH_CHOICES = ['30', '90', 'max', 'date'] as const;
export type LengthChoice = (typeof LENGTH_CHOICES)[number];

export interface RenewModalModel {
  /** The PAT's row as shown on the message or Home tab the button was on, when available. */
  patSection?: SectionBlock;
  /** `yyyy-mm-dd` preselected in the date picker. */
  initialDate: string;
  /** The one-click length (RENEW_DEFAULT_DAYS): not offered again here. */
  renewDays: number;
  /** Echoed back on submit (≤ 3,000 chars): the signed action and where to post the result. */
  privateMetadata: string;
}

const LABELS: Record<LengthChoice, string> = {
  '30': '30 days',
  '90': '90 days',
  max: 'Longest allowed',
  date: 'Until the date below',
};

export function renewModal(model: RenewModalModel): ModalView {
  const intro: Block[] = [
    {
      type: 'section',
      block_id: 'renew_intro',
      text: mrkdwn('How long should this PAT last?'),
    },
  ];
  if (model.patSection) intro.push({ ...model.patSection, block_id: 'renew_pat' });
  const options = LENGTH_CHOICES.filter((c) => c !== String(model.renewDays)).map((c) => ({
    text: plain(LABELS[c]),
    value: c,
  }));
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
        block_id: LENGTH_BLOCK,
        label: plain('Renew for'),
        element: { type: 'static_select', action_id: LENGTH_ACTION, options, initial_option: options[0] },
      },
      {
        type: 'input',
        block_id: DATE_BLOCK,
        optional: true,
        label: plain('New expiry date'),
        hint: plain(
          'Used with "Until the date below". Up to a year from today; your organisation may allow less.',
          150,
        ),
        element: { type: 'datepicker', action_id: DATE_ACTION, initial_date: model.initialDate },
      },
    ],
  };
}
