/**
 * Numbers for people, formatted one way everywhere: digits grouped the en-US way (`1,000`), and
 * counts with their unit in the right number (`1 day`, `5 days`, `1,200 characters`).
 */

const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A whole number as people read it: `7`, `1,000`, `-3`. */
export function formatNumber(n: number): string {
  // Small whole numbers (day counts, list sizes) read the same without Intl, which is slower.
  if (Number.isInteger(n) && n > -1000 && n < 1000 && !Object.is(n, -0)) return String(n);
  return GROUPED.format(n);
}

/** A count and its unit: `1 day`, `5 days`, `2 PATs`, `1,000 characters`. */
export function formatCount(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${Math.abs(n) === 1 ? one : many}`;
}
