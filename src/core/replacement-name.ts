/**
 * The display name of a replacement PAT: the old name when no live PAT in that organisation
 * has it, else the name with today's date (`deploy 2026-12-03`), then `(2)`, `(3)`… until free.
 * Azure DevOps allows duplicate names, but two live PATs with one name cannot be told apart.
 */

/** Azure DevOps refuses display names over 256 characters (`invalidDisplayName`). */
export const MAX_PAT_NAME_LENGTH = 256;

function fit(base: string, suffix: string): string {
  const room = MAX_PAT_NAME_LENGTH - suffix.length;
  return `${base.length > room ? base.slice(0, room).trimEnd() : base}${suffix}`;
}

/**
 * `takenNames`: names of the organisation's live PATs (compared case-insensitively).
 * `today`: `yyyy-mm-dd` in the person's zone.
 */
export function replacementName(oldName: string, takenNames: readonly string[], today: string): string {
  const taken = new Set(takenNames.map((n) => n.trim().toLowerCase()));
  const base = oldName.trim() === '' ? 'PAT' : oldName.trim();
  if (!taken.has(base.toLowerCase())) return fit(base, '');
  for (let n = 1; ; n++) {
    const candidate = fit(base, n === 1 ? ` ${today}` : ` ${today} (${n})`);
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}
