/** A short message card: what happened, the next step, and at most a couple of buttons. */
import { card, plain, text, type AdaptiveCard, type CardElement } from './card-types';
import { forTeams } from '../teams-wording';
import { MESSAGE_COLORS, type MessageTone } from './teams-colors';

export interface MessageCardModel {
  text: string;
  nextStep?: string;
  tone?: MessageTone;
  /** e.g. `ref 7f3a`, so support can find the log line. */
  reference?: string;
  actions?: CardElement[];
}

export function messageCard(model: MessageCardModel): AdaptiveCard {
  const body: CardElement[] = [text(plain(model.text), { color: MESSAGE_COLORS[model.tone ?? 'default'] })];
  if (model.nextStep) body.push(text(plain(model.nextStep), { spacing: 'Small' }));
  if (model.reference) body.push(text(model.reference, { size: 'Small', isSubtle: true }));
  const fallback = [model.text, model.nextStep, model.reference].filter(Boolean).join(' ');
  return card(body, {
    ...(model.actions && model.actions.length > 0 ? { actions: model.actions } : {}),
    fallbackText: forTeams(fallback),
  });
}
