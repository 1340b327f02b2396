/**
 * The PAT list card: one row per PAT (name, organisation, scopes, expiry, days left, status
 * colour, warnings), its actions (one-click Renew, Other…, Revoke: `rowActions`, the one place
 * that lists them), sorted by the core's order, grown with "Show more".
 * A pure function of its model: signing happens before. The card always fits Teams' message
 * limit (./size-limits.ts): rows that would not fit are left for the next "Show more", which then
 * starts where this card ends.
 */
import { allOrgsFailedHeadline } from '../../../core/org-failures';
import type { PatView } from '../../../core/pat-view';
import { MESSAGE_COLORS } from './teams-colors';
import { card, execute, openUrl, plain, text, type AdaptiveCard, type CardElement } from './card-types';
import { CARD_MAX_BYTES, cardBytes, jsonBytes } from './size-limits';
import { statusStyle } from './status-style';
import { renewActions } from './renew-actions';
import { replaceAction } from './secret-dialog-card';
import { VERBS } from './verbs';
import { groupHeading } from './dead-globals-heading';

export interface PatRowModel {
  view: PatView;
  /** The row's one signed value (every row action carries it); null: no actions (revoked). */
  value: string | null;
  /** Whether Renew can help (not expired, revoked or retired). */
  canRenew: boolean;
  /** Where to create a replacement (expired PATs). */
  tokensPageUrl: string;
  /**
   * Create replacement (PATs that can no longer be extended) or Rotate (live PATs): a signed
   * value for the dialog that creates the new PAT (../task-modules.ts); null hides it.
   */
  replace?: { mode: 'recreate' | 'rotate'; token: string } | null;
}

export interface Notice {
  text: string;
  tone: 'good' | 'warning' | 'attention';
}

export interface ListCardModel {
  ownerName: string;
  /** Every PAT, in list order. */
  rows: PatRowModel[];
  /** First row to show (0-based; "Show more" moves it on once a card is full). */
  from?: number;
  /** How many rows to show from `from` (grows by `pageSize` with "Show more"); fewer if they don't fit. */
  shown: number;
  pageSize: number;
  /** Organisations looked in. */
  orgs: string[];
  /** One line about the organisations that could not be read, with its next step ('' = none). */
  failureLine: string;
  /** Every organisation failed: say so instead of "no PATs". */
  allFailed?: boolean;
  /** Other notes (e.g. only the first N organisations are read). */
  notices?: string[];
  /** The outcome of the action that produced this card. */
  notice?: Notice;
  /** Signed list action (Show more, refresh). */
  listToken: string;
  /** Channels and group chats: keep this view for these Teams user ids only. */
  refreshUserIds?: string[];
  /** Earliest date the date picker offers (yyyy-mm-dd). */
  minRenewDate: string;
  /** What the one-click Renew asks for (RENEW_DEFAULT_DAYS). */
  renewDays: number;
  /** Signed Replace all value (dead all-organisations PATs listed): ./dead-globals-heading.ts. */
  replaceAllToken?: string;
}

/** Room every list card keeps for the notice of a click's answer (most are under 200 bytes of JSON). */
const NOTICE_ROOM_BYTES = 400;

/** What a row's buttons need besides the row. */
interface RowContext {
  minRenewDate: string;
  renewDays: number;
}

function joinOrgs(orgs: string[]): string {
  if (orgs.length <= 1) return orgs[0] ?? 'your organisations';
  return `${orgs.slice(0, -1).join(', ')} and ${orgs[orgs.length - 1]}`;
}

/** Under the date: how long ago an expired PAT stopped (the label already says the days left). */
function expiredAgo(view: PatView): string | null {
  return view.status === 'expired' ? `expired ${view.relative}` : null;
}

/**
 * A row's actions, in order: the one place that lists them (each carries the row's one signed
 * value; the verb says what to do).
 */
function rowActions(row: PatRowModel, ctx: RowContext): CardElement[] {
  const v = row.view;
  const actions: CardElement[] = [];
  if (row.value && row.canRenew) {
    actions.push(
      ...renewActions({
        name: v.name,
        patId: v.id,
        token: row.value,
        defaultDays: ctx.renewDays,
        minDate: ctx.minRenewDate,
      }),
    );
  }
  if (row.replace) actions.push(replaceAction(row.replace.mode, row.replace.token));
  else if (v.status === 'expired') actions.push(openUrl('Create a new PAT', row.tokensPageUrl));
  if (row.value && v.status !== 'revoked') actions.push(execute('Revoke…', VERBS.revoke, { t: row.value }));
  return actions;
}

function patRow(row: PatRowModel, ctx: RowContext): CardElement {
  const v = row.view;
  const style = statusStyle(v);
  const ago = expiredAgo(v);
  const items: CardElement[] = [
    {
      type: 'ColumnSet',
      columns: [
        {
          type: 'Column',
          width: 'stretch',
          items: [
            text(plain(v.name), { weight: 'Bolder' }),
            text(`${plain(v.org)} · ${plain(v.scopeSummary)}`, {
              isSubtle: true,
              spacing: 'None',
              size: 'Small',
            }),
          ],
        },
        {
          type: 'Column',
          width: 'auto',
          items: [
            text(style.label, {
              color: style.color,
              // `isSubtle: false` is the default: left out, as in every other row element.
              ...(style.subtle ? { isSubtle: true } : {}),
              weight: 'Bolder',
              horizontalAlignment: 'Right',
            }),
            text(v.expiresOn, { spacing: 'None', size: 'Small', horizontalAlignment: 'Right' }),
            ...(ago
              ? [text(ago, { spacing: 'None', size: 'Small', isSubtle: true, horizontalAlignment: 'Right' })]
              : []),
          ],
        },
      ],
    },
    ...v.warnings.map((w) => text(`⚠ ${plain(w)}`, { size: 'Small', spacing: 'Small' })),
  ];
  if (v.status === 'expired') {
    items.push(
      text("Expired PATs can't be extended: create a replacement.", { size: 'Small', isSubtle: true }),
    );
  }
  const actions = rowActions(row, ctx);
  if (actions.length > 0) items.push({ type: 'ActionSet', actions });
  return { type: 'Container', separator: true, spacing: 'Medium', items };
}

/** Plain-text line for one row (card fallback and notifications). */
function fallbackLine(r: PatRowModel): string {
  return `${r.view.name} (${r.view.org}): ${statusStyle(r.view).label}, ${r.view.expiresOn}`;
}

function emptyText(model: ListCardModel): string {
  return model.allFailed
    ? allOrgsFailedHeadline(model.orgs.length)
    : `No active PATs in ${joinOrgs(model.orgs)}.`;
}

/** Plain-text version of the list (card fallback and notifications): the rows `from`..`end`. */
export function listFallbackText(model: ListCardModel, from = 0, end = model.shown): string {
  if (model.rows.length === 0) return emptyText(model);
  return model.rows.slice(from, end).map(fallbackLine).join('\n');
}

function listActions(model: ListCardModel, from: number, end: number, cut: boolean): CardElement[] {
  const page = (f: number, shown: number) => ({ t: model.listToken, ...(f > 0 ? { from: f } : {}), shown });
  const actions: CardElement[] = [];
  if (end < model.rows.length) {
    // Grow this card while it has room; once rows were left out, the next card starts after this one.
    const next = cut ? page(end, model.pageSize) : page(from, end - from + model.pageSize);
    actions.push(execute('Show more', VERBS.list, next));
  }
  if (from > 0) actions.push(execute('Back to the first', VERBS.list, page(0, model.pageSize)));
  actions.push(execute('Refresh', VERBS.list, page(from, Math.max(model.pageSize, end - from))));
  return actions;
}

function noticeBlock(notice: Notice): CardElement {
  return text(plain(notice.text.slice(0, 1000)), { color: MESSAGE_COLORS[notice.tone], weight: 'Bolder' });
}

/** The card with rows `from`..`end` (exclusive); `rows` are those rows (each with its heading), already built. */
function buildListCard(
  model: ListCardModel,
  from: number,
  end: number,
  cut: boolean,
  rows: readonly (readonly CardElement[])[],
): AdaptiveCard {
  const body: CardElement[] = [
    text(`PATs of ${plain(model.ownerName)}`, { size: 'Medium', weight: 'Bolder' }),
  ];
  if (model.notice) body.push(noticeBlock(model.notice));
  if (model.failureLine) body.push(text(plain(model.failureLine), { color: 'Attention', size: 'Small' }));
  for (const notice of model.notices ?? []) body.push(text(plain(notice), { size: 'Small', isSubtle: true }));
  if (model.rows.length === 0) body.push(text(plain(emptyText(model)), { isSubtle: true }));
  // Each row comes with its group heading, if any (./dead-globals-heading.ts).
  for (let i = from; i < end; i++) body.push(...rows[i - from]);
  const zone = model.rows[0]?.view.timeZoneLabel;
  if (zone) body.push(text(`Dates in ${zone}.`, { size: 'Small', isSubtle: true, separator: true }));
  if (from > 0 || end < model.rows.length) {
    const range = from === 0 ? `${end}` : `${from + 1}–${end}`;
    body.push(text(`Showing ${range} of ${model.rows.length}.`, { size: 'Small', isSubtle: true }));
  }
  const refresh = execute('Refresh', VERBS.list, {
    t: model.listToken,
    ...(from > 0 ? { from } : {}),
    shown: end - from || model.pageSize,
  });
  return card(body, {
    actions: listActions(model, from, end, cut),
    fallbackText: listFallbackText(model, from, end),
    ...(model.refreshUserIds ? { refresh: { action: refresh, userIds: model.refreshUserIds } } : {}),
  });
}

/**
 * The list card, at most `maxBytes` of JSON: from `model.from`, as many of the `model.shown`
 * rows as fit (at least one). Each row is built and measured once (its JSON, its fallback line
 * as escaped in JSON, a comma and the line break), and the card is assembled from those rows; the
 * whole card is measured only when that sum comes near the limit.
 */
export function listCard(model: ListCardModel, maxBytes: number = CARD_MAX_BYTES): AdaptiveCard {
  const n = model.rows.length;
  const from = Math.min(Math.max(0, Math.floor(model.from ?? 0)), Math.max(0, n - 1));
  const wanted = Math.min(n, from + Math.max(1, Math.floor(model.shown)));
  // Every card keeps room for a notice of NOTICE_ROOM_BYTES (a shorter notice counts as that
  // long), so a click's answer (the same page with "Renewed … until …") shows the same rows.
  const noticeBytes = model.notice ? jsonBytes(noticeBlock(model.notice)) + 1 : 0;
  const limit = maxBytes - Math.max(0, NOTICE_ROOM_BYTES - noticeBytes);
  // Room for the "Showing a–b of n" line and the paging actions, which the empty build lacks.
  let total = cardBytes(buildListCard(model, from, from, true, [])) + 600;
  const rows: CardElement[][] = [];
  let end = from;
  while (end < wanted) {
    const row = model.rows[end];
    const previous = end > from ? model.rows[end - 1].view : undefined;
    const built = [...groupHeading(previous, row.view, model.replaceAllToken), patRow(row, model)];
    const size = jsonBytes(built) + jsonBytes(fallbackLine(row)) + 2;
    if (end > from && total + size > limit) break;
    total += size;
    rows.push(built);
    end += 1;
  }
  let built = buildListCard(model, from, end, end < wanted, rows);
  // The sum above is an upper bound of the card's size (600 bytes of slack for the paging line and
  // actions): measure the built card only when that bound comes near the limit.
  if (total <= limit - 1024) return built;
  while (end > from + 1 && cardBytes(built) > limit) {
    end -= 1;
    built = buildListCard(model, from, end, true, rows);
  }
  return built;
}
