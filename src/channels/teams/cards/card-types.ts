/** Minimal Adaptive Card shapes: enough structure for strict typing without a card SDK. */
import { forTeams } from '../teams-wording';

export interface CardElement {
  type: string;
  [key: string]: unknown;
}

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardElement[];
  refresh?: { action: CardElement; userIds?: string[] };
  fallbackText?: string;
  msteams?: { width?: 'Full'; entities?: MentionEntity[] };
}

/**
 * A Teams mention inside an Adaptive Card: the card's text holds `text` (`<at>Name</at>`) and
 * `mentioned.id` is the person's Teams user id (`29:…`) or Entra object id.
 */
export interface MentionEntity {
  type: 'mention';
  text: string;
  mentioned: { id: string; name: string };
}

export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

/** A card with Universal Actions (Adaptive Card 1.5). */
export function card(body: CardElement[], extra: Partial<AdaptiveCard> = {}): AdaptiveCard {
  return { type: 'AdaptiveCard', $schema: CARD_SCHEMA, version: '1.5', body, ...extra };
}

/** A wrapping TextBlock; `<placeholders>` become `‹placeholders›` (see ../teams-wording.ts). */
export function text(value: string, options: Record<string, unknown> = {}): CardElement {
  return { type: 'TextBlock', text: forTeams(value), wrap: true, ...options };
}

/**
 * The card an `Action.ShowCard` opens: no `$schema` or `version` (the Adaptive Card schema asks
 * for neither on a card inside Action.ShowCard; it renders with its parent's version).
 */
export function showCardBody(body: CardElement[]): { type: 'AdaptiveCard'; body: CardElement[] } {
  return { type: 'AdaptiveCard', body };
}

/** `Action.Execute` (Universal Actions): arrives as an `adaptiveCard/action` invoke. */
export function execute(
  title: string,
  verb: string,
  data: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): CardElement {
  return { type: 'Action.Execute', title, verb, data, ...extra };
}

export function openUrl(title: string, url: string): CardElement {
  return { type: 'Action.OpenUrl', title, url };
}

/**
 * Escapes what Adaptive Card TextBlock Markdown would format (bold/italic `*` `_`, links `[ ]`),
 * so a PAT called `deploy_key_prod` shows as typed. Backticks stay: cards show them as they are.
 */
export function plain(value: string): string {
  return value.replace(/([\\*_[\]])/g, '\\$1');
}
