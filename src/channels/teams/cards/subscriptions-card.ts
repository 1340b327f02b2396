/** `pat subscriptions`: who has this channel's PAT alerts, and for which PATs. Pure. */
import type { SubscriptionView } from '../../../core/subscriptions';
import { card, plain, text, type AdaptiveCard, type CardElement } from './card-types';

export const NO_SUBSCRIPTIONS =
  'This channel gets no PAT alerts yet. Add yours with `pat subscribe [name-pattern]`.';

function line(s: SubscriptionView): string {
  const who = `${plain(s.displayName ?? 'someone')}${s.isCaller ? ' (you)' : ''}`;
  const what = s.namePattern === null ? 'all PATs' : `PATs matching \`${plain(s.namePattern)}\``;
  return `${who}: ${what}`;
}

export function subscriptionsCard(
  subscriptions: readonly SubscriptionView[],
  fallback: string,
): AdaptiveCard {
  if (subscriptions.length === 0) return card([text(NO_SUBSCRIPTIONS)], { fallbackText: NO_SUBSCRIPTIONS });
  const body: CardElement[] = [
    text('This channel gets expiry alerts for:', { weight: 'Bolder' }),
    ...subscriptions.map((s) => text(line(s), { spacing: 'Small' })),
    text('Everyone can remove only their own, with `pat unsubscribe`.', { size: 'Small', isSubtle: true }),
  ];
  return card(body, { fallbackText: fallback });
}
