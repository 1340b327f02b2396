/** The list card's group headings: the dead all-organisations PATs first, then the others. Pure. */
import {
  DEAD_GLOBALS_HEADING,
  DEAD_GLOBALS_NOTE,
  groupHeadingBefore,
  OTHER_PATS_HEADING,
} from '../../../core/dead-globals';
import type { PatView } from '../../../core/pat-view';
import { text, type CardElement } from './card-types';
import { replaceAllAction } from './replace-all-cards';

/** The heading elements to put before `row` (none inside a group). */
export function groupHeading(
  previous: PatView | undefined,
  row: PatView,
  replaceAllToken?: string,
): CardElement[] {
  const kind = groupHeadingBefore(previous, row);
  if (kind === 'dead') {
    return [
      text(DEAD_GLOBALS_HEADING, { weight: 'Bolder', color: 'Attention', separator: true }),
      text(DEAD_GLOBALS_NOTE, { size: 'Small', isSubtle: true, spacing: 'None' }),
      ...(replaceAllToken ? [{ type: 'ActionSet', actions: [replaceAllAction(replaceAllToken)] }] : []),
    ];
  }
  if (kind === 'other') return [text(OTHER_PATS_HEADING, { weight: 'Bolder', separator: true })];
  return [];
}
