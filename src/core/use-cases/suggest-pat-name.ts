/** "Did you mean …?" for PAT names: the known name nearest to a mistyped one (a typo, not a guess). */
import { editDistance } from '../commands/edit-distance';
import type { PatVerb } from '../messages';

/** Edits allowed for a typo: 1 for short names, up to 3 for long ones (`build-agnet` → 2). */
function allowedEdits(target: string): number {
  return Math.max(1, Math.min(3, Math.floor(target.length / 4)));
}

/** The nearest of `names` to `target` (case-insensitive), or undefined when none is close enough. */
export function nearestPatName(target: string, names: readonly string[]): string | undefined {
  const wanted = target.trim().toLowerCase();
  if (wanted === '') return undefined;
  let best: { name: string; distance: number } | undefined;
  for (const name of new Set(names)) {
    const distance = editDistance(wanted, name.toLowerCase());
    if (distance > 0 && (!best || distance < best.distance)) best = { name, distance };
  }
  return best && best.distance <= allowedEdits(wanted) ? best.name : undefined;
}

/** The command to type for a PAT name (quoted when it has spaces): `pat renew "nightly build"`. */
export function commandFor(verb: PatVerb, name: string, prefix = 'pat'): string {
  return /\s/.test(name) ? `${prefix} ${verb} "${name.replace(/"/g, "'")}"` : `${prefix} ${verb} ${name}`;
}
