/** docs/ux.md "Status": the emoji for each step of the core's tone ladder (labels: core/status-label). */
import type { PatStatus } from '../../../core/pat-status';
import { statusTone, type StatusTone } from '../../../core/status-label';

/** Same ladder as the Teams card colours: red, blue (Teams Accent), green, white. */
const EMOJI: Record<StatusTone, string> = {
  attention: ':red_circle:',
  notice: ':large_blue_circle:',
  calm: ':large_green_circle:',
  muted: ':white_circle:',
};

export function statusEmoji(status: PatStatus): string {
  return EMOJI[statusTone(status)];
}
