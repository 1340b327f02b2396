/**
 * Adaptive Card colours patbot uses in Teams. Cards name colours (`Attention`, `Accent`, …) and
 * Teams themes them; only names whose Teams light-theme value passes WCAG AA (4.5:1 on white) are
 * used: `Warning` (#f8d22a, bright yellow) and `Good` (#92c353) do not, so nothing uses them.
 */
import type { StatusTone } from '../../../core/status-label';

export type CardColor = 'Default' | 'Accent' | 'Attention';

/**
 * Teams' light-theme host config (default container: background #ffffff), as the Microsoft 365
 * Agents Playground 0.2.28 renders cards; test/channels/teams/card-colors.test.ts checks contrast.
 */
export const TEAMS_LIGHT_THEME = {
  background: '#ffffff',
  foreground: {
    Default: '#252424',
    Accent: '#6264a7',
    Attention: '#c4314b',
    Good: '#92c353',
    Warning: '#f8d22a',
  },
} as const;

/** The status tone ladder (core) as card colours. */
export const TONE_COLORS: Record<StatusTone, CardColor> = {
  attention: 'Attention',
  notice: 'Accent',
  calm: 'Default',
  muted: 'Default',
};

/** Message tones (what happened): good news reads in the default colour, warnings in red. */
export type MessageTone = 'default' | 'good' | 'warning' | 'attention';

export const MESSAGE_COLORS: Record<MessageTone, CardColor> = {
  default: 'Default',
  good: 'Default',
  warning: 'Attention',
  attention: 'Attention',
};
