/**
 * Dead all-organisations PATs: the ones the 1 Dec 2026 retirement stopped while their own expiry
 * is later. Lists show them together, first, under one heading.
 */
import type { PatView } from './pat-view';

type DeadGlobalFields = Pick<PatView, 'status' | 'flags'>;

/** The heading lists put above the dead all-organisations PATs. */
export const DEAD_GLOBALS_HEADING = 'Stopped working on 1 Dec 2026';
/** The line under it. */
export const DEAD_GLOBALS_NOTE =
  'These worked in all your organisations. Azure DevOps retired such PATs: create replacements for one organisation each.';
/** The heading of the other PATs, when both kinds are listed. */
export const OTHER_PATS_HEADING = 'Your other PATs';

/** True for a PAT the global-PAT retirement stopped (not one its own date ended). */
export function isDeadGlobal(view: DeadGlobalFields): boolean {
  return view.status === 'expired' && view.flags.endsAtGlobalRetirement;
}

/** The views with the dead all-organisations PATs first, each part in its given order. */
export function deadGlobalsFirst<T extends DeadGlobalFields>(views: readonly T[]): T[] {
  return [...views.filter(isDeadGlobal), ...views.filter((v) => !isDeadGlobal(v))];
}

/** The heading to put before `row` given the row shown above it (null: none). */
export function groupHeadingBefore(
  previous: DeadGlobalFields | undefined,
  row: DeadGlobalFields,
): 'dead' | 'other' | null {
  const dead = isDeadGlobal(row);
  if (previous === undefined) return dead ? 'dead' : null;
  if (isDeadGlobal(previous) && !dead) return 'other';
  return null;
}
