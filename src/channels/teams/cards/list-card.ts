/**
 * The PAT list card: one row per PAT (name, organisation, scopes, expiry, days left, status
 * colour, warnings), Renew choices and Revoke, sorted by the core's order, grown with "Show more"
 * instead of cut. A pure function of its model: signing happens before.
 */
import type { PatView } from '../../../core/pat-view';
import { MESSAGE_COLORS } from './teams-colors';
import { card, execute, openUrl, plain, text, type AdaptiveCard, type CardElement } from './card-types';
import { statusStyle } from './status-style';
import { renewDateInputId, VERBS } from './verbs';

export interface PatRowModel {
  view: PatView;
  /** Signed renew action; null when the PAT cannot be renewed (expired, revoked, retired). */
  renew: string | null;
  /** Signed revoke action; null for revoked PATs. */
  revoke: string | null;
  /** Where to create a replacement (expired PATs). */
  tokensPageUrl: string;
}

export interface Notice {
  text: string;
  tone: 'good' | 'warning' | 'attention';
}

export interface ListCardModel {
  ownerName: string;
  /** Every PAT, in list order. */
  rows: PatRowModel[];
  /** How many rows to show (grows by `pageSize` with "Show more"). */
  shown: number;
  pageSize: number;
  /** Organisations looked in. */
  orgs: string[];
  /** Organisations that could not be read, as sentences. */
  failures: string[];
  /** The outcome of the action that produced this card. */
  notice?: Notice;
  /** Signed list action (Show more, refresh). */
  listToken: string;
  /** Channels and group chats: keep this view for these Teams user ids only. */
  refreshUserIds?: string[];
  /** Earliest date the date picker offers (yyyy-mm-dd). */
  minRenewDate: string;
}

function joinOrgs(orgs: string[]): string {
  if (orgs.length <= 1) return orgs[0] ?? 'your organisations';
  return `${orgs.slice(0, -1).join(', ')} and ${orgs[orgs.length - 1]}`;
}

/** Under the date: how long ago an expired PAT stopped (the label already says the days left). */
function expiredAgo(view: PatView): string | null {
  return view.status === 'expired' ? `expired ${view.relative}` : null;
}

function renewChoices(row: PatRowModel, token: string, minDate: string): CardElement {
  const id = row.view.id;
  return {
    type: 'Action.ShowCard',
    title: 'Renew',
    card: card([
      text(`Renew ${plain(row.view.name)} for:`, { size: 'Small' }),
      {
        type: 'ActionSet',
        actions: [
          execute('30 days', VERBS.renew, { t: token, d: '30' }),
          execute('90 days', VERBS.renew, { t: token, d: '90' }),
          execute('Longest allowed', VERBS.renew, { t: token, d: 'max' }),
        ],
      },
      { type: 'Input.Date', id: renewDateInputId(id), label: 'Or until a date', min: minDate },
      {
        type: 'ActionSet',
        actions: [execute('Renew until this date', VERBS.renew, { t: token, d: 'date' })],
      },
    ]),
  };
}

function patRow(row: PatRowModel, minDate: string): CardElement {
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
              isSubtle: style.subtle,
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
    items.push(text("Expired PATs can't be extended: create a new one.", { size: 'Small', isSubtle: true }));
  }
  const actions: CardElement[] = [];
  if (row.renew) actions.push(renewChoices(row, row.renew, minDate));
  if (v.status === 'expired') actions.push(openUrl('Create a new PAT', row.tokensPageUrl));
  if (row.revoke) actions.push(execute('Revoke…', VERBS.revoke, { t: row.revoke }));
  if (actions.length > 0) items.push({ type: 'ActionSet', actions });
  return { type: 'Container', separator: true, spacing: 'Medium', items };
}

/** Plain-text version of the list (card fallback and notifications). */
export function listFallbackText(model: ListCardModel): string {
  if (model.rows.length === 0) return `No active PATs in ${joinOrgs(model.orgs)}.`;
  return model.rows
    .slice(0, model.shown)
    .map((r) => `${r.view.name} (${r.view.org}): ${statusStyle(r.view).label}, ${r.view.expiresOn}`)
    .join('\n');
}

export function listCard(model: ListCardModel): AdaptiveCard {
  const body: CardElement[] = [
    text(`PATs of ${plain(model.ownerName)}`, { size: 'Medium', weight: 'Bolder' }),
  ];
  if (model.notice) {
    body.push(text(plain(model.notice.text), { color: MESSAGE_COLORS[model.notice.tone], weight: 'Bolder' }));
  }
  for (const failure of model.failures)
    body.push(text(plain(failure), { color: 'Attention', size: 'Small' }));
  if (model.rows.length === 0) {
    body.push(text(`No active PATs in ${plain(joinOrgs(model.orgs))}.`, { isSubtle: true }));
  }
  const visible = model.rows.slice(0, model.shown);
  for (const row of visible) body.push(patRow(row, model.minRenewDate));
  const zone = model.rows[0]?.view.timeZoneLabel;
  if (zone) body.push(text(`Dates in ${zone}.`, { size: 'Small', isSubtle: true, separator: true }));
  const actions: CardElement[] = [];
  if (model.rows.length > visible.length) {
    body.push(text(`Showing ${visible.length} of ${model.rows.length}.`, { size: 'Small', isSubtle: true }));
    actions.push(
      execute('Show more', VERBS.list, { t: model.listToken, shown: visible.length + model.pageSize }),
    );
  }
  actions.push(
    execute('Refresh', VERBS.list, { t: model.listToken, shown: Math.max(model.pageSize, visible.length) }),
  );
  return card(body, {
    actions,
    fallbackText: listFallbackText(model),
    ...(model.refreshUserIds
      ? {
          refresh: {
            action: execute('Refresh', VERBS.list, {
              t: model.listToken,
              shown: visible.length || model.pageSize,
            }),
            userIds: model.refreshUserIds,
          },
        }
      : {}),
  });
}
