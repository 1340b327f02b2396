/** What a chat message asks patbot to do: the parser's output, shared by Teams and Slack. */
import type { AdminCommand } from '../admin/admin-command';

/** How long to renew for: a number of days, the longest allowed, or until a calendar date (UTC). */
export type RenewDuration = { kind: 'days'; days: number } | { kind: 'max' } | { kind: 'date'; date: string };

export type ParsedCommand =
  | { kind: 'list'; org?: string }
  /** `target`: a PAT name (case preserved) or its id (GUID). */
  | { kind: 'renew'; target: string; duration?: RenewDuration }
  | { kind: 'revoke'; target: string }
  /** A new PAT like this one (same name, scopes, organisation); the secret is shown once, privately. */
  | { kind: 'recreate'; target: string }
  /** Recreate, then revoke the old one now or after a reminder. */
  | { kind: 'rotate'; target: string }
  | { kind: 'help' }
  | { kind: 'signin' }
  | { kind: 'signout' }
  | { kind: 'subscribe'; pattern?: string }
  | { kind: 'unsubscribe' }
  | { kind: 'subscriptions' }
  | { kind: 'snooze'; target: string; days: number }
  | { kind: 'orgs'; action: 'show' }
  | { kind: 'orgs'; action: 'add' | 'remove'; org: string }
  /** Sandbox: run the reminder sweep for the caller now, whatever the working hours. */
  | { kind: 'remind' }
  /** Admin: patbot's own health and configuration summary. */
  | { kind: 'status' }
  /** Administrators: the organisation watch (src/core/admin). */
  | AdminCommand
  | InvalidCommand;

export interface InvalidCommand {
  kind: 'invalid';
  /**
   * For logs and for choosing the sentence: `input.unknown_command` (the first word is not a
   * command), `input.invalid` (a known command with a wrong argument), `input.too_large`.
   */
  code: 'input.unknown_command' | 'input.invalid' | 'input.too_large';
  /** What the person typed, cleaned of markup and clipped (safe to echo). */
  input: string;
  /** Why it was not understood, as a sentence for people. */
  reason: string;
  /** The nearest valid command, written with the `pat` word, e.g. `pat list`. */
  suggestion: string;
}

export type CommandKind = Exclude<ParsedCommand['kind'], 'invalid'>;

/** Renewal length limits (days), inclusive: Azure DevOps never issues a PAT for more than a year. */
export const RENEW_DAYS_MIN = 1;
export const RENEW_DAYS_MAX = 365;
/** Snooze limits (days), inclusive: long enough for a holiday, short enough not to forget a PAT. */
export const SNOOZE_DAYS_MIN = 1;
export const SNOOZE_DAYS_MAX = 90;
/** Longest message the parser reads. */
export const MAX_INPUT_LENGTH = 1000;
/** Longest subscription name pattern. */
export const MAX_PATTERN_LENGTH = 100;
/** Longest PAT name or id accepted as a target. */
export const MAX_TARGET_LENGTH = 256;
