/**
 * Admin watch cards: a `pat admin …` answer (text and lines), the owner's token-event alert with
 * **Create replacement**, the admin digest, and the one-line channel alert.
 */
import { tokensPageUrl } from '../../../core/messages';
import type { AdminView } from '../../../core/admin/admin-view';
import type { AdminNotice, ChannelAlert, TokenEventAlert } from '../../../core/notifier';
import { forTeams } from '../teams-wording';
import { card, openUrl, plain, text, type AdaptiveCard, type CardElement } from './card-types';
import { CARD_MAX_BYTES, cardBytes } from './size-limits';
import { replaceAction } from './secret-dialog-card';
import { MESSAGE_COLORS } from './teams-colors';

const MAX_LINES = 60;

/** The first lines (at most MAX_LINES), the last saying how many more there were. */
function shownLines(lines: readonly string[], max: number): string[] {
  if (lines.length <= max) return [...lines];
  return [...lines.slice(0, max - 1), `…and ${lines.length - (max - 1)} more`];
}

function lineBlocks(lines: readonly string[], max = MAX_LINES): CardElement[] {
  return shownLines(lines, max).map((l) => text(plain(`• ${l}`), { spacing: 'Small' }));
}

/** Builds with fewer lines until the card fits Teams' 28 KB message (with room for the activity). */
function fitted(build: (maxLines: number) => AdaptiveCard, lineCount: number): AdaptiveCard {
  let max = Math.min(MAX_LINES, Math.max(1, lineCount));
  let built = build(max);
  while (max > 1 && cardBytes(built) > CARD_MAX_BYTES) {
    max = Math.max(1, Math.floor(max * 0.8));
    built = build(max);
  }
  return built;
}

export function adminViewCard(view: AdminView): AdaptiveCard {
  return fitted((max) => {
    const body = [
      text(plain(view.text), { color: MESSAGE_COLORS[view.tone] }),
      ...lineBlocks(view.lines, max),
    ];
    return card(body, { fallbackText: forTeams(view.text) });
  }, view.lines.length);
}

/**
 * The one place the alert's **Create replacement** button is made: the in-chat recreate dialog
 * (`task/fetch`, src/channels/teams/task-modules.ts) when the alert names the PAT and the
 * notifier signed a value for its owner, else the organisation's "Personal access tokens" page.
 */
export function replacementAction(alert: TokenEventAlert, replaceToken: string | null): CardElement | null {
  if (!alert.replacement) return null;
  if (replaceToken) return { ...replaceAction('recreate', replaceToken), style: 'positive' };
  return openUrl('Create replacement', tokensPageUrl(alert.replacement.org));
}

/** `replaceToken`: the owner's signed recreate value for the PAT (null: link to the tokens page). */
export function tokenEventCard(alert: TokenEventAlert, replaceToken: string | null = null): AdaptiveCard {
  const action = replacementAction(alert, replaceToken);
  const tone = alert.replacement ? 'attention' : 'default';
  return card([text(plain(alert.text), { color: MESSAGE_COLORS[tone], weight: 'Bolder' })], {
    ...(action ? { actions: [action] } : {}),
    fallbackText: forTeams(alert.text),
  });
}

export function adminNoticeCard(notice: AdminNotice): AdaptiveCard {
  return fitted(
    (max) =>
      card([text(plain(notice.title), { weight: 'Bolder' }), ...lineBlocks(notice.lines, max)], {
        fallbackText: forTeams(notice.text),
      }),
    notice.lines.length,
  );
}

export function channelAlertCard(alert: ChannelAlert): AdaptiveCard {
  return card([text(plain(alert.text))], { fallbackText: forTeams(alert.text) });
}
