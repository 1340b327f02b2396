/**
 * Subscription name patterns: case-insensitive, `*` matches any run of characters. A pattern
 * without `*` matches names that CONTAIN it (`deploy` matches `nightly-deploy-prod`).
 *
 * Matching is a linear-time greedy glob walk, never a regular expression: patterns come from
 * users, and a regex with many `.*` can take exponential time on a crafted name (ReDoS).
 */

function normalizeText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('en-US');
}

/** Normalises a pattern as typed: trimmed, spaces collapsed; empty or `*` means "all PATs" (null). */
export function normalizePattern(pattern: string | null | undefined): string | null {
  const p = (pattern ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
  if (p === '' || /^\*+$/.test(p)) return null;
  return p;
}

/** True when `text` matches `glob` (`*` = any run of characters); O(len(glob) × len(text)) worst case. */
export function globMatch(glob: string, text: string): boolean {
  let g = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (g < glob.length && glob[g] !== '*' && glob[g] === text[t]) {
      g += 1;
      t += 1;
    } else if (g < glob.length && glob[g] === '*') {
      star = g;
      g += 1;
      resume = t;
    } else if (star >= 0) {
      g = star + 1;
      resume += 1;
      t = resume;
    } else {
      return false;
    }
  }
  while (g < glob.length && glob[g] === '*') g += 1;
  return g === glob.length;
}

/** A matcher for PAT names; null or empty pattern matches every name. */
export function namePatternMatcher(pattern: string | null): (name: string) => boolean {
  const p = normalizePattern(pattern);
  if (p === null) return () => true;
  const glob = normalizeText(p.includes('*') ? p : `*${p}*`);
  return (name) => globMatch(glob, normalizeText(name));
}
