/**
 * Admin watch cards: a `pat admin …` answer (text and lines), the owner's token-event alert with
 * **Create replacement**, the admin digest, and the one-line channel alert.
 */
import { tokensPageUrl } from '../../../core/messages';
import type { AdminView } from '../../../core/admin/admin-view';
import type { AdminNotice, ChannelAlert, TokenEventAlert } from '../../../core/notifier';
import { forTeams } from '../teams-wording';
import { card, openUrl, plain, text, type AdaptiveCard, type CardElement } from './card-types';
import { MESSAGE_COLORS } from './teams-colors';

const MAX_LINES = 60;

function lineBlocks(lines: readonly string[]): CardElement[] {
  return lines.slice(0, MAX_LINES).map((l) => text(plain(`• ${l}`), { spacing: 'Small' }));
}

export function adminViewCard(view: AdminView): AdaptiveCard {
  const body = [text(plain(view.text), { color: MESSAGE_COLORS[view.tone] }), ...lineBlocks(view.lines)];
  return card(body, { fallbackText: forTeams([view.text, ...view.lines].join('\n')) });
}

/**
 * The one place the alert's **Create replacement** button is made. Until the in-chat
 * recreate flow is wired here, it opens the organisation's "Personal access tokens" page.
 */
export function replacementAction(alert: TokenEventAlert): CardElement | null {
  if (!alert.replacement) return null;
  return openUrl('Create replacement', tokensPageUrl(alert.replacement.org));
}

export function tokenEventCard(alert: TokenEventAlert): AdaptiveCard {
  const action = replacementAction(alert);
  const tone = alert.replacement ? 'attention' : 'default';
  return card([text(plain(alert.text), { color: MESSAGE_COLORS[tone], weight: 'Bolder' })], {
    ...(action ? { actions: [action] } : {}),
    fallbackText: forTeams(alert.text),
  });
}

export function adminNoticeCard(notice: AdminNotice): AdaptiveCard {
  return card([text(plain(notice.title), { weight: 'Bolder' }), ...lineBlocks(notice.lines)], {
    fallbackText: forTeams(notice.text),
  });
}

export function channelAlertCard(alert: ChannelAlert): AdaptiveCard {
  return card([text(plain(alert.text))], { fallbackText: forTeams(alert.text) });
}
