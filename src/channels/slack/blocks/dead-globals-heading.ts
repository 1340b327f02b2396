/** The list's group headings: the dead all-organisations PATs first, then the others. Pure. */
import {
  DEAD_GLOBALS_HEADING,
  DEAD_GLOBALS_NOTE,
  groupHeadingBefore,
  OTHER_PATS_HEADING,
} from '../../../core/dead-globals';
import type { PatView } from '../../../core/pat-view';
import type { Block } from '../slack-types';
import { mrkdwn } from './mrkdwn';

/** The heading blocks to put before `row` (none inside a group). */
export function groupHeadingBlocks(previous: PatView | undefined, row: PatView): Block[] {
  const kind = groupHeadingBefore(previous, row);
  if (kind === 'dead') {
    return [
      {
        type: 'section',
        block_id: 'pat_list_dead_globals',
        text: mrkdwn(`:no_entry: *${DEAD_GLOBALS_HEADING}*\n${DEAD_GLOBALS_NOTE}`),
      },
    ];
  }
  if (kind === 'other') {
    return [{ type: 'section', block_id: 'pat_list_others', text: mrkdwn(`*${OTHER_PATS_HEADING}*`) }];
  }
  return [];
}
