/**
 * Ordering of PAT lists: live PATs soonest expiry first, then expired PATs (most recently
 * expired first: they can no longer be renewed, so they matter less), then revoked PATs last.
 * Ties break by name (case-insensitive), then id, so the order is stable.
 */
import type { Pat } from './pat';
import { effectiveExpiry, patStatus, type PatStatus } from './pat-status';

/** What the ordering needs to know about one PAT. */
export interface SortKey {
  status: PatStatus;
  /** Effective expiry, ms since epoch. */
  expiresAtMs: number;
  name: string;
  id: string;
}

function group(status: PatStatus): number {
  if (status === 'revoked') return 2;
  if (status === 'expired') return 1;
  return 0;
}

/** Comparator implementing the list order described above. */
export function compareSortKeys(a: SortKey, b: SortKey): number {
  const g = group(a.status) - group(b.status);
  if (g !== 0) return g;
  const t = group(a.status) === 0 ? a.expiresAtMs - b.expiresAtMs : b.expiresAtMs - a.expiresAtMs;
  if (t !== 0) return t;
  const n = a.name.toLowerCase().localeCompare(b.name.toLowerCase());
  if (n !== 0) return n;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A new array of PATs in list order (see the module comment). */
export function sortPats(pats: readonly Pat[], now: Date): Pat[] {
  const key = (p: Pat): SortKey => ({
    status: patStatus(p, now),
    expiresAtMs: effectiveExpiry(p).at.getTime(),
    name: p.name,
    id: p.id,
  });
  return pats
    .map((p) => ({ p, k: key(p) }))
    .sort((a, b) => compareSortKeys(a.k, b.k))
    .map((x) => x.p);
}
