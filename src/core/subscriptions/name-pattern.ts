/**
 * Subscription name patterns: case-insensitive, `*` matches any run of characters. A pattern
 * without `*` matches names that CONTAIN it (`deploy` matches `nightly-deploy-prod`).
 */

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/** Normalises a pattern as typed: trimmed, spaces collapsed; empty or `*` means "all PATs" (null). */
export function normalizePattern(pattern: string | null | undefined): string | null {
  const p = (pattern ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
  if (p === '' || /^\*+$/.test(p)) return null;
  return p;
}

/** A matcher for PAT names; null or empty pattern matches every name. */
export function namePatternMatcher(pattern: string | null): (name: string) => boolean {
  const p = normalizePattern(pattern);
  if (p === null) return () => true;
  const glob = p.includes('*') ? p : `*${p}*`;
  const re = new RegExp(`^${glob.split('*').map(escapeRegExp).join('.*')}$`, 'is');
  return (name) => re.test(name.normalize('NFC').replace(/\s+/g, ' ').trim());
}
