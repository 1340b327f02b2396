/** docs/ux.md "Status": the emoji and label for each PAT status. */
import type { PatStatus } from '../../../core/pat-status';

const STATUS: Record<PatStatus, { emoji: string; label: string }> = {
  expired: { emoji: ':red_circle:', label: 'Expired' },
  expires_soon: { emoji: ':large_orange_circle:', label: 'Expires soon' },
  expiring: { emoji: ':large_blue_circle:', label: 'Expiring' },
  active: { emoji: ':large_green_circle:', label: 'Active' },
  revoked: { emoji: ':white_circle:', label: 'Revoked' },
};

export function statusEmoji(status: PatStatus): string {
  return STATUS[status].emoji;
}

export function statusLabel(status: PatStatus): string {
  return STATUS[status].label;
}
