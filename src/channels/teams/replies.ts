/** Sending cards and answering invokes. */
import { ActivityTypes, CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import type { AdaptiveCard } from './cards/card-types';
import { forTeams } from './teams-wording';

export const CARD_RESPONSE_TYPE = 'application/vnd.microsoft.card.adaptive';
export const MESSAGE_RESPONSE_TYPE = 'application/vnd.microsoft.activity.message';

export function cardActivity(card: AdaptiveCard): Partial<Activity> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  if (card.fallbackText) activity.summary = card.fallbackText.slice(0, 200);
  return activity;
}

/** A plain text reply; `<placeholders>` become `‹placeholders›` (see ./teams-wording.ts). */
export async function sendText(ctx: TurnContext, text: string): Promise<void> {
  await ctx.sendActivity(forTeams(text));
}

export async function sendCard(ctx: TurnContext, card: AdaptiveCard): Promise<void> {
  await ctx.sendActivity(cardActivity(card));
}

export async function sendInvokeResponse(ctx: TurnContext, status: number, body?: unknown): Promise<void> {
  await ctx.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status, body } });
}

/** Universal Actions: replace the card for the person who acted. */
export function sendCardResponse(ctx: TurnContext, card: AdaptiveCard): Promise<void> {
  return sendInvokeResponse(ctx, 200, { statusCode: 200, type: CARD_RESPONSE_TYPE, value: card });
}

/** Universal Actions: show a short message and leave the card as it is. */
export function sendMessageResponse(ctx: TurnContext, text: string): Promise<void> {
  return sendInvokeResponse(ctx, 200, {
    statusCode: 200,
    type: MESSAGE_RESPONSE_TYPE,
    value: forTeams(text),
  });
}
