/**
 * The view model channels render PATs from (Teams cards, Slack blocks): every string a person
 * sees about one PAT is decided here, once.
 */
import { formatDate, formatRelative, resolveTimeZone } from './format-date';
import type { Pat } from './pat';
import { FULL_ACCESS_SCOPE_WARNING, globalPatFlagLine } from './messages';
import { compareSortKeys } from './pat-sort';
import { isFullAccess, scopeSummary } from './pat-scope';
import {
  daysLeft,
  effectiveExpiry,
  GLOBAL_PAT_RETIREMENT,
  isGlobalPat,
  patStatus,
  type PatStatus,
} from './pat-status';

export interface PatViewFlags {
  /** Valid in all organisations (a global PAT, retired on 2026-12-01). */
  allOrgs: boolean;
  /** Full access (`app_token`). */
  fullAccess: boolean;
  /** The global-PAT retirement, not `validTo`, ends this PAT (status and dates use the retirement). */
  endsAtGlobalRetirement: boolean;
}

export interface PatView {
  id: string;
  name: string;
  org: string;
  scopeSummary: string;
  status: PatStatus;
  /** See `daysLeft` in ./pat-status (negative when expired). */
  daysLeft: number;
  /** Effective expiry, e.g. `Tue 3 Dec 2026`, in the user's zone (or UTC). */
  expiresOn: string;
  /** `in 5 days`, `tomorrow`, `today`, `yesterday`, `2 days ago`. */
  relative: string;
  /** Effective expiry as an ISO 8601 instant (for platform date widgets and sorting). */
  expiresAt: string;
  /** The PAT's own `validTo` as an ISO 8601 instant. */
  validTo: string;
  /** The zone dates are shown in: the IANA name, or `UTC` when the user's zone is unknown. */
  timeZoneLabel: string;
  flags: PatViewFlags;
  /** Short lines shown under the PAT (docs/ux.md "Extra flags"). */
  warnings: string[];
}

/** Builds the view of one PAT at `now`, with dates in `timeZone` (UTC when unknown or invalid). */
export function toPatView(pat: Pat, now: Date, timeZone?: string | null): PatView {
  const zone = resolveTimeZone(timeZone);
  const expiry = effectiveExpiry(pat);
  const status = patStatus(pat, now);
  const allOrgs = isGlobalPat(pat);
  const fullAccess = isFullAccess(pat);
  const warnings: string[] = [];
  if (allOrgs && status !== 'revoked') {
    warnings.push(globalPatFlagLine(GLOBAL_PAT_RETIREMENT, now, zone.timeZone));
  }
  if (fullAccess && status !== 'revoked') warnings.push(FULL_ACCESS_SCOPE_WARNING);
  return {
    id: pat.id,
    name: pat.name,
    org: pat.org,
    scopeSummary: scopeSummary(pat.scope),
    status,
    daysLeft: daysLeft(pat, now),
    expiresOn: formatDate(expiry.at, zone.timeZone),
    relative: formatRelative(expiry.at, now, zone.timeZone),
    expiresAt: expiry.at.toISOString(),
    validTo: pat.validTo.toISOString(),
    timeZoneLabel: zone.label,
    flags: { allOrgs, fullAccess, endsAtGlobalRetirement: expiry.byGlobalRetirement },
    warnings,
  };
}

/** A new array of views in list order (see ./pat-sort: live soonest first, then expired, then revoked). */
export function sortPatViews(views: readonly PatView[]): PatView[] {
  return [...views].sort((a, b) =>
    compareSortKeys(
      { status: a.status, expiresAtMs: Date.parse(a.expiresAt), name: a.name, id: a.id },
      { status: b.status, expiresAtMs: Date.parse(b.expiresAt), name: b.name, id: b.id },
    ),
  );
}
