/**
 * The one error style in Slack: `:warning:` and what happened, the one next step (context line),
 * a reference for internal errors, and at most one link button (e.g. Open Personal access tokens).
 * Pure; every text is escaped.
 */
import { ACTION } from '../action-ids';
import type { SlackMessage } from '../slack-types';
import { escapeMrkdwn, mrkdwn, plain } from './mrkdwn';

export interface ProblemModel {
  /** What happened. */
  text: string;
  /** The one thing to do next. */
  nextStep?: string;
  /** `ref 7f3a`, for internal errors. */
  reference?: string;
  link?: { title: string; url: string };
}

export function problemMessage(model: ProblemModel): SlackMessage {
  const blocks: SlackMessage['blocks'] = [
    { type: 'section', block_id: 'problem', text: mrkdwn(`:warning: ${escapeMrkdwn(model.text)}`) },
  ];
  const notes = [model.nextStep, model.reference].filter((n): n is string => Boolean(n));
  if (notes.length > 0) {
    blocks.push({
      type: 'context',
      block_id: 'problem_next',
      elements: notes.map((n) => mrkdwn(escapeMrkdwn(n))),
    });
  }
  if (model.link) {
    blocks.push({
      type: 'actions',
      block_id: ACTION.problemLink,
      elements: [
        { type: 'button', text: plain(model.link.title), url: model.link.url, action_id: ACTION.problemLink },
      ],
    });
  }
  return { text: escapeMrkdwn([model.text, ...notes].join(' ')), blocks };
}
