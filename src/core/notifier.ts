/**
 * Port: proactive messages to people and channels (Teams proactive messages, Slack
 * `chat.postMessage`). The sweep decides WHAT is due; the channels decide HOW it looks (cards,
 * blocks, Renew / Snooze / "Show all my PATs" buttons, mentions). Payloads are view models:
 * never a token or a PAT's secret value.
 */
import type { CodedError } from '../errors';
import type { StoredConversation } from './store';

/** Outcome of one delivery attempt; expected failures are values, not exceptions. */
export type DeliveryResult =
  | { ok: true }
  | {
      ok: false;
      /**
       * True when retrying cannot help (bot removed from the team or channel, user uninstalled the
       * app, 403/404): the conversation is marked failed and skipped from then on. False for
       * transient failures (throttling, 5xx, timeouts): the reminder is retried by a later sweep.
       */
      permanent: boolean;
      error: CodedError;
      /** The conversation that failed (for `sendDirect`, the personal conversation that was tried). */
      conversationKey?: string;
    };

/**
 * What kind of PAT reminder this is. `global-dead`: an all-organisations PAT the 1 Dec 2026
 * retirement stopped (sent once per PAT, whatever the date, with Create replacement).
 */
export type ReminderKind = 'threshold' | 'expired' | 'global-retirement' | 'global-dead';

/** One PAT, as a reminder shows it. Dates are both raw and formatted in the recipient's zone. */
export interface ReminderPat {
  patId: string;
  name: string;
  org: string;
  /**
   * Calendar days from today to the expiry day in the recipient's zone: 0 = expires today,
   * 1 = tomorrow, negative = expired that many days ago.
   */
  daysLeft: number;
  /** When the PAT stops working: `validTo`, or 2026-12-01 for an all-organisations PAT. */
  expiresAt: Date;
  validTo: Date;
  /** `Tue 3 Dec 2026` in `timeZone`. */
  expiresOn: string;
  /** `in 5 days`, `tomorrow`, `today`, `2 days ago`. */
  relative: string;
  /** Valid in all organisations (retired by Azure DevOps on 2026-12-01). */
  allOrgs: boolean;
  /** The global-PAT retirement, not `validTo`, ends this PAT. */
  endsAtGlobalRetirement: boolean;
}

/** A reminder about one of the recipient's own PATs. */
export interface PatReminder {
  kind: ReminderKind;
  /** Ledger threshold label without its expiry cycle: `14d`, `0d`, `expired`, `global-retirement`. */
  threshold: string;
  /** Short words for the threshold: `expires in 7 days`, `expires today`, `expired 2 days ago`. */
  thresholdLabel: string;
  pat: ReminderPat;
  /** IANA zone the dates are in, and what to show next to them (`UTC` when the user's zone is unknown). */
  timeZone: string;
  timeZoneLabel: string;
  /** Plain-text sentence for notifications and fallbacks (docs/ux.md voice). */
  text: string;
}

/** The user's Azure DevOps tokens can no longer be read in the background: tell them once. */
export interface SignInNeededNotice {
  kind: 'signin-needed';
  /** Why: sign-in expired or revoked, consent withdrawn, conditional access. */
  reason: 'needs_signin' | 'needs_consent' | 'claims_challenge';
  /** The error's code (for logs and support) and the sentences people read. */
  code: CodedError['code'];
  message: string;
  nextStep: string;
  text: string;
}

/** After a Rotate: "revoke the old PAT" is due (the person chose "Remind me to revoke in N days"). */
export interface RevokeDueReminder {
  kind: 'revoke-due';
  org: string;
  /** The old PAT, the one to revoke. */
  patId: string;
  patName: string;
  replacementName: string;
  text: string;
}

/**
 * Azure DevOps changed or flagged one of the recipient's PATs (from the organisation's audit
 * log, src/core/admin): what happened, when, by whom. When the PAT can no longer be used the
 * channels offer **Create replacement** (`replacement`).
 */
export interface TokenEventAlert {
  kind: 'token-event';
  org: string;
  /** The audit entry's id (one alert per event). */
  eventId: string;
  actionId: string;
  patId: string | null;
  patName: string;
  /** `was revoked by Azure DevOps`, `was found in a public repository`, … */
  what: string;
  at: Date;
  /** `Tue 3 Dec 2026 14:05 UTC`. */
  when: string;
  by: 'system' | 'admin' | 'self';
  byName: string;
  /** Set when a replacement should be offered: the PAT that stopped working. */
  replacement: { org: string; patId: string | null; patName: string } | null;
  text: string;
}

/** A plain note to an administrator (the admin digest: events whose owner patbot does not know). */
export interface AdminNotice {
  kind: 'admin-notice';
  title: string;
  lines: string[];
  text: string;
}

/** A direct (1:1) message the sweep sends. */
export type DirectReminder = PatReminder | SignInNeededNotice | RevokeDueReminder;

/** A direct (1:1) message the admin watch sends. */
export type AdminDirect = TokenEventAlert | AdminNotice;

/** A one-line alert in a channel that subscribed to an owner's PATs (never a token or scopes). */
export interface ChannelAlert {
  kind: 'token-event';
  owner: DigestOwner;
  org: string;
  patName: string;
  text: string;
}

/** The owner of a PAT in a channel digest: channels turn the user id into a mention. */
export interface DigestOwner {
  userId: string;
  displayName: string | null;
}

/** One PAT that crossed a threshold, in a channel digest (Renew only works for the owner). */
export interface DigestEntry {
  owner: DigestOwner;
  kind: Exclude<ReminderKind, 'global-retirement'>;
  threshold: string;
  thresholdLabel: string;
  pat: ReminderPat;
}

/** "Couldn't check {user}'s PATs": shown instead of silence when a subscriber's tokens can't be read. */
export interface UnreadableOwner {
  owner: DigestOwner;
  code: CodedError['code'];
}

/** One channel's daily digest. Never sent empty. */
export interface ChannelDigest {
  conversationKey: string;
  /** The channel's local date, `YYYY-MM-DD`. */
  day: string;
  timeZone: string;
  timeZoneLabel: string;
  /** Soonest expiry first. */
  entries: DigestEntry[];
  unreadable: UnreadableOwner[];
  /** Plain-text rendering for notifications and fallbacks. */
  text: string;
}

/** Port implemented by the channel adapters (one notifier may route to Teams or Slack by user/conversation). */
export interface Notifier {
  /**
   * Sends a 1:1 message to the user in their personal conversation with the bot. The sweep
   * passes the conversation it already looked up (`to`), so it is not looked up again per send.
   */
  sendDirect(userId: string, reminder: DirectReminder, to?: StoredConversation): Promise<DeliveryResult>;
  /** Posts a digest in a channel or group chat (conversation key as in the ConversationStore). */
  sendChannelDigest(conversationKey: string, digest: ChannelDigest): Promise<DeliveryResult>;
  /**
   * How people type commands in that conversation (`pat` in Teams, the Slack app's slash command
   * such as `/pat`), so the sentences the sweep writes name commands the recipient can type.
   * Absent: `pat`.
   */
  commandPrefix?(to: StoredConversation): string;
  /** Admin watch: a 1:1 message (a token-event alert or the admin digest); absent: not supported. */
  sendAdminDirect?(userId: string, message: AdminDirect): Promise<DeliveryResult>;
  /** Admin watch: a one-line alert in a channel or group chat; absent: not supported. */
  sendChannelAlert?(conversationKey: string, alert: ChannelAlert): Promise<DeliveryResult>;
  /** Admin watch: the weekly admin digest in a subscribed channel; absent: not supported. */
  sendAdminChannel?(conversationKey: string, notice: AdminNotice): Promise<DeliveryResult>;
}
