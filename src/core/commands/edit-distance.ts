/** Levenshtein distance (insert, delete, substitute each cost 1). Inputs are clipped to 64 characters. */
export function editDistance(a: string, b: string): number {
  const s = [...a.slice(0, 64)];
  const t = [...b.slice(0, 64)];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    for (let j = 1; j <= t.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[t.length];
}

/** The candidate nearest to `word` (first wins ties), with its distance. */
export function nearest(
  word: string,
  candidates: readonly string[],
): { candidate: string; distance: number } {
  let best = { candidate: candidates[0], distance: Number.POSITIVE_INFINITY };
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < best.distance) best = { candidate: c, distance: d };
  }
  return best;
}
