/** Validators for command arguments: days, calendar dates, organisation names. */

/** Azure DevOps organisation name rule (same as src/config.ts). */
export const ORG_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,48}[A-Za-z0-9]?$/;

/** A PAT id (`authorizationId`). */
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a valid organisation name. */
export function isOrgName(value: string): boolean {
  return ORG_NAME.test(value);
}

/** True for a PAT id (GUID). */
export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/** True when `value` is `yyyy-mm-dd` and a real calendar date (no 31 Apr, 29 Feb only in leap years). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1970 || mo < 1 || mo > 12 || d < 1) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** `30`, `30d` → 30; anything else → null. Range is checked by the caller. */
export function parseDayCount(word: string): number | null {
  const m = /^(\d{1,6})d?$/i.exec(word);
  return m ? Number(m[1]) : null;
}
