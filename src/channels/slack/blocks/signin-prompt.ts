/** The "Sign in with Microsoft" prompt, shown only to the person it is for. Pure. */
import { ACTION } from '../action-ids';
import type { SlackMessage } from '../slack-types';
import { escapeMrkdwn, mrkdwn, plain } from './mrkdwn';

export interface SignInPromptModel {
  /** Why sign-in is needed (a sentence for people). */
  reason: string;
  /** The one-time link from IdentityService.slackSignInUrl. */
  url: string;
  /** The command that will run once signed in, e.g. `/pat list`. */
  pendingCommand?: string;
}

export const FIRST_SIGNIN_REASON =
  "Azure DevOps only lets you manage PATs with a Microsoft Entra sign-in, so I act as you. Link your Microsoft account once; you don't need to be an administrator.";

export function signInPromptMessage(model: SignInPromptModel): SlackMessage {
  const after = model.pendingCommand
    ? `Once you're signed in I'll run \`${escapeMrkdwn(model.pendingCommand)}\` for you.`
    : "Once you're signed in, run your command again.";
  return {
    text: `${escapeMrkdwn(model.reason)} Sign in with Microsoft to continue.`,
    blocks: [
      { type: 'section', block_id: 'signin_reason', text: mrkdwn(`${escapeMrkdwn(model.reason)}\n${after}`) },
      {
        type: 'actions',
        block_id: 'signin_actions',
        elements: [
          {
            type: 'button',
            action_id: ACTION.signIn,
            text: plain('Sign in with Microsoft'),
            url: model.url,
            style: 'primary',
          },
        ],
      },
      {
        type: 'context',
        block_id: 'signin_note',
        elements: [mrkdwn('This link is only for you and works once. Not you? Ignore it.')],
      },
    ],
  };
}
