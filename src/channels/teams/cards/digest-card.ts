/**
 * A channel's daily PAT digest: each PAT that crossed a threshold with its owner @mentioned, the
 * organisation, the days left and a Renew that only the owner can use (the value is signed for
 * them), then "I couldn't check {user}'s PATs" lines. Never scopes, never a token. Pure.
 */
import type { DigestEntry } from '../../../core/notifier';
import { formatCount } from '../../../core/format-number';
import { daysLeftTone } from '../../../core/status-label';
import { MESSAGE_COLORS, TONE_COLORS } from './teams-colors';
import {
  card,
  execute,
  plain,
  text,
  type AdaptiveCard,
  type CardElement,
  type MentionEntity,
} from './card-types';
import { VERBS } from './verbs';

/** How an owner appears: `<at>Name</at>` with its mention entity, or just their name. */
export interface OwnerRef {
  text: string;
  mention: MentionEntity | null;
}

export interface DigestCardEntry {
  entry: DigestEntry;
  owner: OwnerRef;
  /** Renew signed for the owner; null for expired PATs. */
  renew: string | null;
}

export interface DigestCardModel {
  entries: DigestCardEntry[];
  unreadable: OwnerRef[];
  timeZoneLabel: string;
  /** The core's plain-text digest (notifications, fallback). */
  text: string;
  /** Most entries shown (a card holds about 28 KB); the rest are counted. Default 25. */
  maxEntries?: number;
}

export const DIGEST_MAX_ENTRIES = 25;

const MENTION_UNSAFE = /[<>*_[\]\\`]/g;

/** An owner as a Teams mention (id: Teams user id or Entra object id). */
export function mentionOf(id: string, displayName: string): OwnerRef {
  const name = displayName.replace(MENTION_UNSAFE, '').trim() || 'someone';
  const tag = `<at>${name}</at>`;
  return { text: tag, mention: { type: 'mention', text: tag, mentioned: { id, name } } };
}

/** An owner who cannot be mentioned here (no Teams identity known). */
export function plainOwner(displayName: string | null): OwnerRef {
  return { text: plain(displayName ?? 'a subscriber'), mention: null };
}

function daysLeftWords(days: number): string {
  if (days < 0) return `expired ${formatCount(-days, 'day')} ago`;
  if (days === 0) return 'expires today';
  return `${formatCount(days, 'day')} left`;
}

function entryElement(item: DigestCardEntry): CardElement {
  const { entry, owner } = item;
  const { pat } = entry;
  const color = TONE_COLORS[entry.kind === 'expired' ? 'attention' : daysLeftTone(pat.daysLeft)];
  const items: CardElement[] = [
    {
      type: 'ColumnSet',
      columns: [
        {
          type: 'Column',
          width: 'stretch',
          items: [
            text(`${plain(pat.name)} · ${plain(pat.org)}`, { weight: 'Bolder' }),
            text(`${owner.text}: ${plain(entry.thresholdLabel)} (${pat.expiresOn})`, {
              spacing: 'None',
              size: 'Small',
            }),
          ],
        },
        {
          type: 'Column',
          width: 'auto',
          items: [
            text(daysLeftWords(pat.daysLeft), { color, weight: 'Bolder', horizontalAlignment: 'Right' }),
          ],
        },
      ],
    },
  ];
  if (entry.kind === 'expired') {
    items.push(
      text("Expired PATs can't be extended: the owner needs to create a new one.", {
        size: 'Small',
        isSubtle: true,
      }),
    );
  }
  if (item.renew) {
    items.push({
      type: 'ActionSet',
      actions: [
        {
          type: 'Action.ShowCard',
          title: 'Renew',
          card: card([
            text(
              `Only ${owner.mention ? plain(owner.mention.mentioned.name) : owner.text} can renew ${plain(pat.name)}.`,
              {
                size: 'Small',
                isSubtle: true,
              },
            ),
            {
              type: 'ActionSet',
              actions: [
                execute('30 days', VERBS.renew, { t: item.renew, d: '30' }),
                execute('90 days', VERBS.renew, { t: item.renew, d: '90' }),
                execute('Longest allowed', VERBS.renew, { t: item.renew, d: 'max' }),
              ],
            },
          ]),
        },
      ],
    });
  }
  return { type: 'Container', separator: true, spacing: 'Medium', items };
}

function entities(model: DigestCardModel): MentionEntity[] {
  const byText = new Map<string, MentionEntity>();
  for (const ref of [...model.entries.map((e) => e.owner), ...model.unreadable]) {
    if (ref.mention && !byText.has(ref.mention.text)) byText.set(ref.mention.text, ref.mention);
  }
  return [...byText.values()];
}

/**
 * Teams links every identical `<at>…</at>` tag to one entity, so two different people with the
 * same display name get distinct tags (`Alex Smith`, `Alex Smith (2)`).
 */
function uniqueMentions(model: DigestCardModel): DigestCardModel {
  const idsByName = new Map<string, string[]>();
  const renamed = (ref: OwnerRef): OwnerRef => {
    if (!ref.mention) return ref;
    const { id, name } = ref.mention.mentioned;
    const ids = idsByName.get(name) ?? [];
    if (!ids.includes(id)) ids.push(id);
    idsByName.set(name, ids);
    const n = ids.indexOf(id) + 1;
    return n === 1 ? ref : mentionOf(id, `${name} (${n})`);
  };
  return {
    ...model,
    entries: model.entries.map((e) => ({ ...e, owner: renamed(e.owner) })),
    unreadable: model.unreadable.map(renamed),
  };
}

export function digestCard(input: DigestCardModel): AdaptiveCard {
  const model = uniqueMentions(input);
  const max = model.maxEntries ?? DIGEST_MAX_ENTRIES;
  const body: CardElement[] = [];
  if (model.entries.length > 0) {
    body.push(text('PATs that need attention', { size: 'Medium', weight: 'Bolder' }));
    for (const item of model.entries.slice(0, max)) body.push(entryElement(item));
    if (model.entries.length > max) {
      const more = model.entries.length - max;
      body.push(
        text(`And ${more} more. Owners see all of theirs with \`pat list\`.`, {
          size: 'Small',
          isSubtle: true,
        }),
      );
    }
  }
  for (const owner of model.unreadable) {
    body.push(
      text(`I couldn't check ${owner.text}'s PATs: they need to sign in to patbot again.`, {
        color: MESSAGE_COLORS.warning,
        separator: true,
      }),
    );
  }
  if (model.entries.length > 0) {
    body.push(text(`Dates in ${model.timeZoneLabel}.`, { size: 'Small', isSubtle: true, separator: true }));
  }
  const mentioned = entities(model);
  return card(body, {
    fallbackText: model.text,
    msteams: { width: 'Full', ...(mentioned.length > 0 ? { entities: mentioned } : {}) },
  });
}
