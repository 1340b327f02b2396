/** `/pat revoke <name>`: the question, with Revoke and Cancel buttons. Pure. */
import { revokeConfirmMessage } from '../../../core/messages';
import type { PatView } from '../../../core/pat-view';
import { ACTION } from '../action-ids';
import type { SlackMessage } from '../slack-types';
import { escapeMrkdwn, mrkdwn, plain } from './mrkdwn';
import { patSectionText } from './pat-row';

export interface RevokeQuestionModel {
  view: PatView;
  /** Signed `confirm_revoke` and `cancel` values. */
  confirmValue: string;
  cancelValue: string;
}

export function revokeQuestionMessage(model: RevokeQuestionModel): SlackMessage {
  const question = revokeConfirmMessage(model.view.name, model.view.org);
  return {
    text: escapeMrkdwn(question),
    blocks: [
      { type: 'section', block_id: 'revoke_question', text: mrkdwn(escapeMrkdwn(question)) },
      { type: 'section', block_id: `pat:${model.view.id}`, text: mrkdwn(patSectionText(model.view)) },
      {
        type: 'actions',
        block_id: `revoke_actions:${model.view.id}`,
        elements: [
          {
            type: 'button',
            action_id: ACTION.confirmRevoke,
            text: plain('Revoke'),
            style: 'danger',
            value: model.confirmValue,
          },
          { type: 'button', action_id: ACTION.cancel, text: plain('Cancel'), value: model.cancelValue },
        ],
      },
    ],
  };
}
