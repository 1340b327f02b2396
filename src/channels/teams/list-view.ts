/**
 * The list a Teams card shows, kept so a click on one of its rows can answer with that same list
 * with the one row patched, without listing every organisation again (a Renew click is one Get
 * and one Update). Teams sends back only the pressed button's data, never the card, so the list
 * lives in the shared `EphemeralStore` (any instance can answer the click): one view per person
 * (`teams-list:<userId>`, the latest list replaces the one before, so it stays small), named by a
 * random view id that the card's signed row values carry (`w`). A click whose view id is not the
 * stored one (an older card) lists again. Holds PAT metadata only, never a secret.
 */
import { randomBytes } from 'node:crypto';
import { ACTION_TTL_SECONDS } from '../../core/action-token';
import type { Pat } from '../../core/pat';
import { SharedValues } from '../../core/shared-values';
import type { EphemeralStore } from '../../core/store';
import type { OrgFailure } from '../../core/use-cases/deps';
import { CodedError, type ErrorCode } from '../../errors';

/** One list as it was shown. */
export interface ListView {
  /** View id, carried by the card's signed row values. */
  w: string;
  orgs: string[];
  /** Paging of the card that showed it. */
  from?: number;
  shown?: number;
  /** The rows, as Azure DevOps last returned them (patched by clicks since). */
  pats: Pat[];
  failures: OrgFailure[];
  /** PATs revoked from this card (their rows are gone; a second confirm says "already revoked"). */
  revoked: Pat[];
}

/** A view bigger than this is not kept (a click then lists again). */
const MAX_VIEW_CHARS = 512 * 1024;

/** Compact stored form: [id, name, org, scope, targetAccounts, validFrom ms, validTo ms]. */
type StoredPat = [string, string, string, string, string[] | null, number, number];
interface StoredView {
  w: string;
  orgs: string[];
  from?: number;
  shown?: number;
  pats: StoredPat[];
  failures: [string, ErrorCode][];
  revoked: StoredPat[];
}

const toStored = (p: Pat): StoredPat => [
  p.id,
  p.name,
  p.org,
  p.scope,
  p.targetAccounts,
  p.validFrom.getTime(),
  p.validTo.getTime(),
];

function isStoredPat(value: unknown): value is StoredPat {
  if (!Array.isArray(value) || value.length !== 7) return false;
  const [id, name, org, scope, targets, from, to] = value as unknown[];
  return (
    typeof id === 'string' &&
    typeof name === 'string' &&
    typeof org === 'string' &&
    typeof scope === 'string' &&
    (targets === null || (Array.isArray(targets) && targets.every((t) => typeof t === 'string'))) &&
    Number.isFinite(from) &&
    Number.isFinite(to)
  );
}

function fromStored([id, name, org, scope, targetAccounts, from, to]: StoredPat): Pat {
  return { id, name, org, scope, targetAccounts, validFrom: new Date(from), validTo: new Date(to) };
}

/** The stored view, or null for anything this version did not write. */
function revive(value: StoredView | null): ListView | null {
  if (!value || typeof value.w !== 'string' || !Array.isArray(value.orgs)) return null;
  const { pats, failures, revoked } = value;
  if (!Array.isArray(pats) || !pats.every(isStoredPat)) return null;
  if (!Array.isArray(revoked) || !revoked.every(isStoredPat) || !Array.isArray(failures)) return null;
  return {
    w: value.w,
    orgs: value.orgs.filter((o): o is string => typeof o === 'string'),
    ...(Number.isInteger(value.from) ? { from: value.from } : {}),
    ...(Number.isInteger(value.shown) ? { shown: value.shown } : {}),
    pats: pats.map(fromStored),
    failures: failures.map(([org, code]) => ({
      org: String(org),
      error: new CodedError(code, '', { nextStep: '' }),
    })),
    revoked: revoked.map((p) => ({ ...fromStored(p), revoked: true })),
  };
}

/** A new view id: 12 base64url characters (72 random bits). */
export function newViewId(): string {
  return randomBytes(9).toString('base64url');
}

export class ListViews {
  private readonly values: SharedValues<StoredView>;

  constructor(store: EphemeralStore, now: () => Date) {
    // As long as the buttons that carry the view id stay valid.
    this.values = new SharedValues(store, 'teams-list', ACTION_TTL_SECONDS * 1000, now);
  }

  /** Keeps `view` as the person's current list (false when it is too big to keep). */
  async save(userId: string, view: ListView): Promise<boolean> {
    const stored: StoredView = {
      w: view.w,
      orgs: view.orgs,
      ...(view.from !== undefined ? { from: view.from } : {}),
      ...(view.shown !== undefined ? { shown: view.shown } : {}),
      pats: view.pats.map(toStored),
      failures: view.failures.map((f) => [f.org, f.error.code]),
      revoked: view.revoked.map(toStored),
    };
    if (JSON.stringify(stored).length > MAX_VIEW_CHARS) return false;
    await this.values.put(userId, stored);
    return true;
  }

  /** The person's view `w`, if it is still the one stored. */
  async load(userId: string, w: string | undefined): Promise<ListView | null> {
    if (!w) return null;
    const view = revive(await this.values.get(userId));
    return view && view.w === w ? view : null;
  }
}

/** The view with `pat` (as Azure DevOps now stores it) in place of its row. */
export function withPat(view: ListView, pat: Pat): ListView {
  return { ...view, pats: view.pats.map((p) => (p.id === pat.id ? { ...pat, org: p.org } : p)) };
}

/** The view without `pat`'s row, remembered as revoked. */
export function withoutPat(view: ListView, pat: Pat): ListView {
  return {
    ...view,
    pats: view.pats.filter((p) => p.id !== pat.id),
    revoked: [...view.revoked.filter((p) => p.id !== pat.id), { ...pat, revoked: true }],
  };
}

/** The PAT `id` as the view knows it: a row, or one revoked from this card (`revoked: true`). */
export function patInView(view: ListView, id: string): Pat | undefined {
  return view.pats.find((p) => p.id === id) ?? view.revoked.find((p) => p.id === id);
}
