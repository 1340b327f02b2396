/**
 * What running a typed command produced (src/core/commands/execute-command.ts). Teams turns each
 * outcome into a card, Slack into blocks; neither decides anything else.
 */
import type { CodedError } from '../../errors';
import type { AdminView } from '../admin/admin-view';
import type { Pat } from '../pat';
import type { AuthFailure, OrgFailure } from '../use-cases/deps';
import type { ReplaceMode } from '../use-cases/recreate-pat';
import type { HelpEntry } from './help-entries';
import type { SubscriptionView } from '../subscriptions/list-subscriptions';
import type { InvalidCommand } from './parsed-command';

export type CommandOutcome =
  /** `pats` in list order; `capNotice` when only the first MAX_ORGS_PER_USER orgs were read. */
  | { kind: 'list'; pats: Pat[]; failures: OrgFailure[]; orgs: string[]; capNotice: string | null }
  /** Shared conversation where the channel shows lists privately: signed in, nothing listed yet. */
  | { kind: 'list_private'; orgs: string[] }
  | { kind: 'renewed'; pat: Pat; message: string; warnings: string[]; changed: boolean; capped: boolean }
  | { kind: 'revoke_confirm'; pat: Pat; message: string }
  | { kind: 'revoked'; pat: Pat; message: string; already: boolean }
  /**
   * `pat recreate|rotate <name>` found the PAT; nothing is created yet. The channel shows what
   * creates it where only the person sees the value: a button opening a dialog (Teams) or a
   * modal (Slack). `shared`: this conversation is not personal, so ask to run it there.
   */
  | { kind: 'replace_offer'; pat: Pat; mode: ReplaceMode; message: string; shared: boolean }
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
  /** A subscription command typed in a personal chat or DM: it works only in a channel. */
  | { kind: 'needs_channel'; command: 'subscribe' | 'unsubscribe' | 'subscriptions' }
  | { kind: 'subscribed'; message: string; replaced: boolean; signedIn: boolean }
  /** `removed` is false when the caller had no subscription there. */
  | { kind: 'unsubscribed'; message: string; removed: boolean }
  | { kind: 'subscriptions_listed'; subscriptions: SubscriptionView[]; message: string }
  | { kind: 'snoozed'; message: string; patId: string; until: Date }
  /** `remind me`: how many reminders went out (0 also when it is not sandbox mode). */
  | { kind: 'reminded'; sent: number; message: string }
  /**
   * `signin`: `failure` is null when I can act for them now. The sign-in itself (Teams' OAuth
   * card, Slack's one-time link) is platform-only, so the channel draws it.
   */
  | { kind: 'signin'; account: string | null; linked: boolean; failure: AuthFailure | null };

/** The outcomes of the conversation commands (conversation-commands.ts). */
export type ConversationOutcome = Extract<
  CommandOutcome,
  {
    kind:
      | 'needs_channel'
      | 'subscribed'
      | 'unsubscribed'
      | 'subscriptions_listed'
      | 'snoozed'
      | 'reminded'
      | 'signin';
  }
>;
