/**
 * The Teams SSO sign-in card: an OAuthCard whose `tokenExchangeResource` makes Teams fetch an SSO
 * token for the bot's app ID URI and send it back in a `signin/tokenExchange` invoke. The button
 * opens the fallback page (`/auth-start.html`) when SSO needs consent.
 */
import { randomUUID } from 'node:crypto';
import { CardFactory, type Attachment } from 'botbuilder';

export interface OAuthCardModel {
  text: string;
  /** The fallback sign-in page, with its query. */
  signInUrl: string;
  /** App ID URI Teams gets the SSO token for (`api://botid-{BOT_ID}`). */
  resourceUri: string;
  /** Exchange id (Teams echoes it in the invoke); a new one per card. */
  exchangeId?: string;
}

export function oauthCard(model: OAuthCardModel): Attachment {
  const attachment = CardFactory.oauthCard('', 'Sign in', model.text, model.signInUrl, {
    id: model.exchangeId ?? randomUUID(),
    uri: model.resourceUri,
    providerId: '',
  });
  // botbuilder makes an `openUrl` button for a link; Teams needs `signin` to run SSO.
  const content = attachment.content as { buttons?: Array<{ type: string }> };
  for (const button of content.buttons ?? []) button.type = 'signin';
  return attachment;
}
