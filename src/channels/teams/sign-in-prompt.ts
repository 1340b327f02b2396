/**
 * What to show when a command needs a token the user does not have. Personal and group chats
 * get the SSO OAuthCard (and the command is re-run after sign-in); channels, where Teams SSO
 * does not run, get a short message and a deep link to a 1:1 chat with the bot.
 */
import type { TurnContext } from 'botbuilder';
import type { ConversationKind } from '../../core/store';
import type { AuthFailure } from '../../core/use-cases/deps';
import type { BotContext } from './bot-context';
import { openUrl } from './cards/card-types';
import { messageCard } from './cards/message-card';
import { oauthCard } from './cards/oauth-card';
import { referenceOf } from './conversation-capture';
import { sendCard } from './replies';

/** The fallback sign-in page (consent popup); `claims` for a conditional-access challenge. */
export function signInLink(bc: BotContext, claims?: string): string {
  const url = new URL('/auth-start.html', bc.settings.publicBaseUrl);
  if (claims) url.searchParams.set('claims', Buffer.from(claims, 'utf8').toString('base64url'));
  return url.toString();
}

/** Deep link that opens a 1:1 chat with the bot (null without a bot id, e.g. sandbox). */
export function chatWithBotLink(bc: BotContext): string | null {
  if (!bc.settings.botId) return null;
  return `${bc.settings.teamsWebUrl}/l/chat/0/0?users=28:${encodeURIComponent(bc.settings.botId)}`;
}

export function signInElsewhereCard(bc: BotContext, text: string) {
  const link = chatWithBotLink(bc);
  return messageCard({
    text,
    nextStep: 'Sign in from a 1:1 chat with me (type `pat signin` there), then try again here.',
    tone: 'warning',
    actions: link ? [openUrl('Open a chat with patbot', link)] : [],
  });
}

/** Sends the SSO card (or its channel substitute) and remembers `pendingText` to run after sign-in. */
export async function promptSignIn(
  bc: BotContext,
  ctx: TurnContext,
  input: { outcome: AuthFailure; kind: ConversationKind; userId: string; pendingText?: string },
): Promise<void> {
  const { outcome } = input;
  if (outcome.kind === 'unavailable') {
    await sendCard(
      ctx,
      messageCard({ text: outcome.error.message, nextStep: outcome.error.nextStep, tone: 'attention' }),
    );
    return;
  }
  if (input.kind === 'channel') {
    await sendCard(ctx, signInElsewhereCard(bc, outcome.error.message));
    return;
  }
  if (input.pendingText)
    await bc.pending.remember(input.userId, input.pendingText, referenceOf(ctx.activity));
  const link = signInLink(bc, outcome.kind === 'claims_challenge' ? outcome.claims : undefined);
  if (!bc.settings.ssoResource) {
    // No bot registration (sandbox): no Teams SSO, only the sign-in page.
    await sendCard(
      ctx,
      messageCard({ text: outcome.error.userText, tone: 'warning', actions: [openUrl('Sign in', link)] }),
    );
    return;
  }
  await ctx.sendActivity({
    attachments: [
      oauthCard({ text: outcome.error.userText, signInUrl: link, resourceUri: bc.settings.ssoResource }),
    ],
  });
}
