/**
 * The one-time notice that patbot can no longer read the person's PATs in the background (sign-in
 * expired or revoked, consent withdrawn, conditional access): what happened and how to sign in
 * again. Pure.
 */
import type { SignInNeededNotice } from '../../../core/notifier';
import { openUrl, type AdaptiveCard } from './card-types';
import { messageCard } from './message-card';

export interface SignInNeededCardModel {
  notice: SignInNeededNotice;
  /** Deep link to the 1:1 chat with the bot (null when the bot has no id, e.g. sandbox). */
  chatLink: string | null;
}

export const SIGN_IN_AGAIN_STEP =
  'Type `pat signin` in this chat to sign in again; your reminders start again at once.';

export function signInNeededCard(model: SignInNeededCardModel): AdaptiveCard {
  const result = messageCard({
    text: model.notice.text,
    nextStep: SIGN_IN_AGAIN_STEP,
    tone: 'warning',
    actions: model.chatLink ? [openUrl('Open the chat with patbot', model.chatLink)] : [],
  });
  return { ...result, fallbackText: `${model.notice.text} ${SIGN_IN_AGAIN_STEP}` };
}
