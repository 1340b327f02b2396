/** How each PAT status looks (docs/ux.md "Status"). */
import type { PatStatus } from '../../../core/pat-status';

export interface StatusStyle {
  label: string;
  /** Adaptive Card TextBlock colour. */
  color: 'Attention' | 'Warning' | 'Accent' | 'Good' | 'Default';
  subtle: boolean;
}

const STYLES: Record<PatStatus, StatusStyle> = {
  expired: { label: 'Expired', color: 'Attention', subtle: false },
  expires_soon: { label: 'Expires soon', color: 'Warning', subtle: false },
  expiring: { label: 'Expiring', color: 'Accent', subtle: false },
  active: { label: 'Active', color: 'Good', subtle: false },
  revoked: { label: 'Revoked', color: 'Default', subtle: true },
};

export function statusStyle(status: PatStatus): StatusStyle {
  return STYLES[status];
}
