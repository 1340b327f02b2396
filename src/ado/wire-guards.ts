/**
 * Hand-written readers for the list page (`PagedPatTokens`), the one wire shape read on every
 * `pat list` and every sweep: the same acceptance as the zod schemas in ./wire-schemas.ts (which
 * test/ado/wire-guards.test.ts checks them against), without zod's per-field cost.
 */
import { toUtcIso, type WirePagedPatTokens, type WirePatToken } from './wire-schemas';

const UUID = /^[0-9a-fA-F]{8}\b-[0-9a-fA-F]{4}\b-[0-9a-fA-F]{4}\b-[0-9a-fA-F]{4}\b-[0-9a-fA-F]{12}$/i;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const stringOrNull = (v: unknown): boolean => v === null || typeof v === 'string';

function isDateTime(v: unknown): v is string {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(toUtcIso(v)));
}

function isPatToken(v: unknown): v is WirePatToken {
  if (!isRecord(v)) return false;
  const accounts = v.targetAccounts;
  return (
    typeof v.authorizationId === 'string' &&
    UUID.test(v.authorizationId) &&
    stringOrNull(v.displayName) &&
    stringOrNull(v.scope) &&
    (accounts === null || (Array.isArray(accounts) && accounts.every((a) => typeof a === 'string'))) &&
    isDateTime(v.validFrom) &&
    isDateTime(v.validTo) &&
    (v.token === undefined || stringOrNull(v.token))
  );
}

/** The page, or null when it is not a `PagedPatTokens`. */
export function readPagedPatTokens(value: unknown): WirePagedPatTokens | null {
  if (!isRecord(value)) return null;
  const { continuationToken, patTokens } = value;
  if (continuationToken !== undefined && !stringOrNull(continuationToken)) return null;
  if (!Array.isArray(patTokens) || !patTokens.every(isPatToken)) return null;
  return value as WirePagedPatTokens;
}

/** Whether a body could be a `PatTokenResult` at all (it must carry a string `patTokenError`). */
export function isPatTokenResultLike(value: unknown): boolean {
  return isRecord(value) && typeof value.patTokenError === 'string';
}
