/** How each PAT status looks (docs/ux.md "Status"): the core's label and tone, as card colours. */
import type { PatStatus } from '../../../core/pat-status';
import { statusLabel, statusTone } from '../../../core/status-label';
import { TONE_COLORS, type CardColor } from './teams-colors';

export interface StatusStyle {
  label: string;
  /** Adaptive Card TextBlock colour. */
  color: CardColor;
  subtle: boolean;
}

export function statusStyle(pat: { status: PatStatus; daysLeft: number }): StatusStyle {
  const tone = statusTone(pat.status);
  return { label: statusLabel(pat.status, pat.daysLeft), color: TONE_COLORS[tone], subtle: tone === 'muted' };
}
