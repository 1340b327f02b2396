/**
 * The modals of Recreate and Rotate: "Creating…" (opened at once with the trigger_id), then the
 * new PAT's secret (views.update): the only place it ever appears, only to the person; never in a
 * message. The close button is "I've copied it". Rotate adds "Revoke the old one now" and
 * "Remind me to revoke it in 3 days". Pure.
 */
import type { types } from '@slack/bolt';
import { COPY_INSTRUCTIONS } from '../../../core/replace-messages';
import { revokeConfirmMessage } from '../../../core/messages';
import { ACTION, ORG_CHOICE_BLOCK, ROTATE_CHOICES_BLOCK, SECRET_MODAL } from '../action-ids';
import type { Block, ModalView } from '../slack-types';
import { escapeMrkdwn, mrkdwn, plain } from './mrkdwn';

function modal(title: string, blocks: Block[], close = 'Close'): ModalView {
  return {
    type: 'modal',
    callback_id: SECRET_MODAL,
    title: plain(title, 24),
    close: plain(close, 24),
    blocks,
  };
}

export function creatingModal(mode: 'recreate' | 'rotate'): ModalView {
  return modal(mode === 'rotate' ? 'Rotate PAT' : 'New PAT', [
    { type: 'section', block_id: 'creating', text: mrkdwn(':hourglass_flowing_sand: Creating the new PAT…') },
  ]);
}

export function noticeModal(message: string, nextStep?: string, trusted = false): ModalView {
  const text = trusted ? message : escapeMrkdwn(message);
  const blocks: Block[] = [{ type: 'section', block_id: 'notice', text: mrkdwn(`:warning: ${text}`) }];
  if (nextStep)
    blocks.push({ type: 'context', block_id: 'next', elements: [mrkdwn(escapeMrkdwn(nextStep))] });
  return modal('New PAT', blocks);
}

export interface RotateChoices {
  oldName: string;
  org: string;
  revokeValue: string;
  remindValue: string;
  days: number;
}

function rotateBlocks(choices: RotateChoices): Block[] {
  const revoke: types.Button = {
    type: 'button',
    action_id: ACTION.rotateRevoke,
    text: plain('Revoke the old one now'),
    value: choices.revokeValue,
    style: 'danger',
    confirm: {
      title: plain('Revoke this PAT?', 100),
      text: mrkdwn(escapeMrkdwn(revokeConfirmMessage(choices.oldName, choices.org)).slice(0, 300)),
      confirm: plain('Revoke', 30),
      deny: plain('Keep it', 30),
      style: 'danger',
    },
  };
  const remind: types.Button = {
    type: 'button',
    action_id: ACTION.rotateRemind,
    text: plain(`Remind me in ${choices.days} days`),
    value: choices.remindValue,
  };
  return [
    {
      type: 'section',
      block_id: 'rotate_intro',
      text: mrkdwn(`When nothing uses *${escapeMrkdwn(choices.oldName)}* any more, revoke it.`),
    },
    { type: 'actions', block_id: ROTATE_CHOICES_BLOCK, elements: [revoke, remind] },
  ];
}

export interface SecretModalModel {
  message: string;
  notes: string[];
  secret: string;
  rotate?: RotateChoices;
}

export function secretModal(model: SecretModalModel): ModalView {
  const blocks: Block[] = [
    {
      type: 'section',
      block_id: 'created',
      text: mrkdwn(`:white_check_mark: ${escapeMrkdwn(model.message)}`),
    },
  ];
  if (model.notes.length > 0) {
    blocks.push({
      type: 'context',
      block_id: 'notes',
      elements: model.notes.map((n) => mrkdwn(`:warning: ${escapeMrkdwn(n)}`)),
    });
  }
  blocks.push(
    { type: 'section', block_id: 'secret', text: mrkdwn('```' + model.secret + '```') },
    { type: 'context', block_id: 'copy', elements: [mrkdwn(escapeMrkdwn(COPY_INSTRUCTIONS))] },
  );
  if (model.rotate) blocks.push(...rotateBlocks(model.rotate));
  return modal('New PAT', blocks, "I've copied it");
}

/**
 * Rotate's modal after a choice: the same blocks (the secret stays until the person closes it)
 * with the choices replaced by what happened.
 */
export function afterChoiceModal(current: readonly Block[], outcome: string): ModalView {
  const blocks = current
    .filter((b) => b.block_id !== 'rotate_intro')
    .map((b): Block =>
      b.block_id === ROTATE_CHOICES_BLOCK
        ? { type: 'section', block_id: 'rotate_done', text: mrkdwn(escapeMrkdwn(outcome)) }
        : b,
    );
  return modal('New PAT', blocks, "I've copied it");
}

/**
 * A dead all-organisations PAT, several organisations: which one the new PAT is for (a select
 * and Create, a button inside the modal, so creating is not bound by a view submission's 3 s).
 */
export function orgChoiceModal(name: string, orgs: readonly string[], value: string): ModalView {
  const options = orgs.map((o) => ({ text: plain(o, 75), value: o.slice(0, 150) }));
  return modal('New PAT', [
    {
      type: 'section',
      block_id: 'org_choice_text',
      text: mrkdwn(
        `\`${escapeMrkdwn(name)}\` worked in all your organisations. Azure DevOps no longer makes such PATs, so the new one is for one organisation.`,
      ),
    },
    {
      type: 'actions',
      block_id: ORG_CHOICE_BLOCK,
      elements: [
        {
          type: 'static_select',
          action_id: ACTION.orgSelect,
          placeholder: plain('Organisation'),
          options: options.slice(0, 100),
          initial_option: options[0],
        },
        {
          type: 'button',
          action_id: ACTION.recreateIn,
          text: plain('Create'),
          style: 'primary',
          value,
        },
      ],
    },
  ]);
}
