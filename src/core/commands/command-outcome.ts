/**
 * What running a typed command produced (src/core/commands/execute-command.ts). Teams turns each
 * outcome into a card, Slack into blocks; neither decides anything else.
 */
import type { CodedError } from '../../errors';
import type { AdminView } from '../admin/admin-view';
import type { Pat } from '../pat';
import type { AuthFailure, OrgFailure } from '../use-cases/deps';
import type { HelpEntry } from './help-entries';
import type { InvalidCommand, ParsedCommand } from './parsed-command';

export type CommandOutcome =
  /** `pats` in list order; `capNotice` when only the first MAX_ORGS_PER_USER orgs were read. */
  | { kind: 'list'; pats: Pat[]; failures: OrgFailure[]; orgs: string[]; capNotice: string | null }
  /** Shared conversation where the channel shows lists privately: signed in, nothing listed yet. */
  | { kind: 'list_private'; orgs: string[] }
  | { kind: 'renewed'; pat: Pat; message: string; warnings: string[]; changed: boolean; capped: boolean }
  | { kind: 'revoke_confirm'; pat: Pat; message: string }
  | { kind: 'revoked'; pat: Pat; message: string; already: boolean }
  | { kind: 'ambiguous'; message: string }
  | { kind: 'orgs_shown'; orgs: string[]; own: boolean }
  | { kind: 'orgs_changed'; message: string }
  | { kind: 'signed_out' }
  | { kind: 'help'; entries: HelpEntry[] }
  | { kind: 'not_available'; command: 'status' | 'admin' }
  /** `pat admin …`: a short text and lines (src/core/admin). */
  | { kind: 'admin'; view: AdminView }
  | { kind: 'invalid'; command: InvalidCommand }
  | { kind: 'needs_signin'; outcome: AuthFailure }
  /** A known failure, with its code and next step. */
  | { kind: 'problem'; error: CodedError }
  /**
   * Commands about the conversation or the platform itself (subscriptions, snooze, sign-in,
   * `pat remind me`): the channel runs them with its own context.
   */
  | { kind: 'channel'; command: Extract<ParsedCommand, { kind: ChannelCommandKind }> };

export type ChannelCommandKind =
  'subscribe' | 'unsubscribe' | 'subscriptions' | 'snooze' | 'remind' | 'signin';
