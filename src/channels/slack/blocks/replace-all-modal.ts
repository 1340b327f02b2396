/**
 * Replace all's modal views (dead all-organisations PATs): the organisations (a multi-select,
 * default the ones the person looks in) and Start; then one view per step with that step's new
 * PAT and its secret (the only place it ever appears) and "Next (k of n)". Pure.
 */
import { COPY_INSTRUCTIONS } from '../../../core/replace-messages';
import { ACTION, REPLACE_ALL_ORGS_BLOCK, SECRET_MODAL } from '../action-ids';
import type { Block, ModalView } from '../slack-types';
import { escapeMrkdwn, mrkdwn, plain } from './mrkdwn';

/** What a step view carries in `private_metadata`: the organisations chosen and the next step. */
export interface ReplaceAllProgress {
  chosen: string[];
  next: number;
}

function modal(title: string, blocks: Block[], close = 'Close', metadata?: ReplaceAllProgress): ModalView {
  const view: ModalView = {
    type: 'modal',
    callback_id: SECRET_MODAL,
    title: plain(title, 24),
    close: plain(close, 24),
    blocks,
  };
  if (metadata) view.private_metadata = JSON.stringify({ c: metadata.chosen, i: metadata.next });
  return view;
}

function stepButton(text: string, value: string): Block {
  return {
    type: 'actions',
    block_id: 'replace_all_next',
    elements: [
      { type: 'button', action_id: ACTION.replaceAllStep, text: plain(text), style: 'primary', value },
    ],
  };
}

/** The first view: which organisations the new PATs are for, and Start. */
export function replaceAllOrgsModal(orgs: readonly string[], value: string): ModalView {
  const options = orgs.slice(0, 100).map((o) => ({ text: plain(o, 75), value: o.slice(0, 150) }));
  return modal('Replace all', [
    {
      type: 'section',
      block_id: 'replace_all_intro',
      text: mrkdwn(
        'Your PATs that worked in all organisations stopped working on 1 Dec 2026. I make one new PAT for each of them in every organisation you pick, with the same scopes, and show each one once.',
      ),
    },
    {
      // An actions block, not an input: a modal with inputs needs a submit button, and each
      // step is a button inside the modal (not bound by a view submission's 3 s).
      type: 'actions',
      block_id: REPLACE_ALL_ORGS_BLOCK,
      elements: [
        {
          type: 'multi_static_select',
          action_id: ACTION.replaceAllOrgs,
          placeholder: plain('Organisations'),
          options,
          initial_options: options,
        },
      ],
    },
    stepButton('Start', value),
  ]);
}

export function replaceAllNotice(message: string, nextStep?: string): ModalView {
  const blocks: Block[] = [
    { type: 'section', block_id: 'notice', text: mrkdwn(`:warning: ${escapeMrkdwn(message)}`) },
  ];
  if (nextStep)
    blocks.push({ type: 'context', block_id: 'next', elements: [mrkdwn(escapeMrkdwn(nextStep))] });
  return modal('Replace all', blocks);
}

export function replaceAllCreating(step: number, total: number | null): ModalView {
  const of = total ? ` (${step + 1} of ${total})` : '';
  return modal('Replace all', [
    {
      type: 'section',
      block_id: 'creating',
      text: mrkdwn(`:hourglass_flowing_sand: Creating the new PAT${of}…`),
    },
  ]);
}

export interface ReplaceAllStepModel {
  step: number;
  total: number;
  /** What was made (or why not). */
  message: string;
  notes: string[];
  /** The secret of the PAT this step made; absent when the step failed. */
  secret?: string;
  nextStep?: string;
  chosen: string[];
  /** The signed value for Next. */
  value: string;
}

/** One step's view: its PAT's secret (or failure) and Next (k of n) while steps remain. */
export function replaceAllStepModal(m: ReplaceAllStepModel): ModalView {
  const icon = m.secret ? ':white_check_mark:' : ':warning:';
  const blocks: Block[] = [
    { type: 'section', block_id: 'created', text: mrkdwn(`${icon} ${escapeMrkdwn(m.message)}`) },
  ];
  const notes = [...m.notes, ...(m.nextStep ? [m.nextStep] : [])];
  if (notes.length > 0) {
    blocks.push({ type: 'context', block_id: 'notes', elements: notes.map((n) => mrkdwn(escapeMrkdwn(n))) });
  }
  if (m.secret) {
    blocks.push(
      { type: 'section', block_id: 'secret', text: mrkdwn('```' + m.secret + '```') },
      { type: 'context', block_id: 'copy', elements: [mrkdwn(escapeMrkdwn(COPY_INSTRUCTIONS))] },
    );
  }
  const more = m.step + 1 < m.total;
  if (more) blocks.push(stepButton(`Next (${m.step + 2} of ${m.total})`, m.value));
  const title = `Replace all: ${m.step + 1} of ${m.total}`;
  const close = m.secret ? "I've copied it" : 'Close';
  return modal(title, blocks, close, more ? { chosen: m.chosen, next: m.step + 1 } : undefined);
}
