/**
 * The list's group headings: the dead all-organisations PATs first (with Replace all), then the
 * others. Pure.
 */
import {
  DEAD_GLOBALS_HEADING,
  DEAD_GLOBALS_NOTE,
  groupHeadingBefore,
  OTHER_PATS_HEADING,
} from '../../../core/dead-globals';
import type { PatView } from '../../../core/pat-view';
import { ACTION } from '../action-ids';
import type { Block } from '../slack-types';
import { mrkdwn, plain } from './mrkdwn';

/** The heading blocks to put before `row` (none inside a group); `replaceAllValue` adds Replace all. */
export function groupHeadingBlocks(
  previous: PatView | undefined,
  row: PatView,
  replaceAllValue?: string,
): Block[] {
  const kind = groupHeadingBefore(previous, row);
  if (kind === 'dead') {
    const blocks: Block[] = [
      {
        type: 'section',
        block_id: 'pat_list_dead_globals',
        text: mrkdwn(`:no_entry: *${DEAD_GLOBALS_HEADING}*\n${DEAD_GLOBALS_NOTE}`),
      },
    ];
    if (replaceAllValue) {
      blocks.push({
        type: 'actions',
        block_id: 'pat_list_replace_all',
        elements: [
          {
            type: 'button',
            action_id: ACTION.replaceAll,
            text: plain('Replace all'),
            style: 'primary',
            value: replaceAllValue,
          },
        ],
      });
    }
    return blocks;
  }
  if (kind === 'other') {
    return [{ type: 'section', block_id: 'pat_list_others', text: mrkdwn(`*${OTHER_PATS_HEADING}*`) }];
  }
  return [];
}
