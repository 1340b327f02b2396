/** The message that replaces a list or question after a button: what happened, then the PAT. Pure. */
import type { SlackMessage } from '../slack-types';
import { escapeMrkdwn, mrkdwn } from './mrkdwn';
import { patRowBlocks, type PatRow } from './pat-row';

export interface ActionResultModel {
  /** What happened, a sentence for people (e.g. the core's renewed message). */
  headline: string;
  /** Emoji in front of the headline. */
  emoji: ':white_check_mark:' | ':warning:' | ':x:' | ':information_source:' | ':zzz:';
  /** The next step, when there is one. */
  note?: string;
  /** The PAT as the service now stores it (with fresh buttons), when known. */
  row?: PatRow;
}

export function actionResultMessage(model: ActionResultModel): SlackMessage {
  const blocks: SlackMessage['blocks'] = [
    {
      type: 'section',
      block_id: 'action_result',
      text: mrkdwn(`${model.emoji} ${escapeMrkdwn(model.headline)}`),
    },
  ];
  if (model.note)
    blocks.push({ type: 'context', block_id: 'action_note', elements: [mrkdwn(escapeMrkdwn(model.note))] });
  if (model.row) blocks.push({ type: 'divider' }, ...patRowBlocks(model.row));
  const text = model.note ? `${model.headline} ${model.note}` : model.headline;
  return { text: escapeMrkdwn(text), blocks };
}
