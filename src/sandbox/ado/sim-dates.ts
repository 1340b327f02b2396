/**
 * Azure DevOps stores PAT dates with SQL `datetime` precision (1/300 s) and prints seven
 * fractional digits with trailing zeros trimmed: `23:46:23.319Z` comes back as `23:46:23.32Z`.
 */

/** Rounds to the nearest 1/300 s (then to whole ms, which `Date` can hold). */
export function roundToServiceTicks(date: Date): Date {
  const ms = date.getTime();
  const second = Math.floor(ms / 1000) * 1000;
  const ticks = Math.round(((ms - second) * 300) / 1000);
  return new Date(second + Math.round((ticks * 1000) / 300));
}

/** `2020-11-02T22:56:52.1033333Z` style (no fraction when whole seconds). */
export function formatServiceDate(date: Date): string {
  const ms = date.getTime();
  const second = Math.floor(ms / 1000) * 1000;
  const ticks = Math.round(((ms - second) * 300) / 1000);
  const base = new Date(second).toISOString().slice(0, 19);
  if (ticks === 0) return `${base}Z`;
  const fraction = String(Math.round((ticks * 1e7) / 300))
    .padStart(7, '0')
    .replace(/0+$/, '');
  return `${base}.${fraction}Z`;
}
