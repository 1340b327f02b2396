/**
 * Store port of the weekly admin digest: which channels an administrator subscribed to an
 * organisation's digest (`pat admin digest <org>`), and the audit events whose owner patbot
 * does not know, kept for the next digest.
 */

export interface DigestSubscription {
  /** The channel or group chat (ConversationStore key). */
  conversationKey: string;
  /** The organisation as the administrator typed it (matched case-insensitively). */
  org: string;
  /** Whose sign-in reads the organisation's PATs for this digest. */
  adminUserId: string;
  subscribedAt: Date;
  /** When the last digest went out; null before the first. */
  lastSentAt: Date | null;
}

/** One audit event about a PAT whose owner patbot does not know, as the digest lists it. */
export interface UnknownOwnerEvent {
  eventId: string;
  /** When the event happened (the audit entry's time). */
  at: Date;
  /** When the poller read it: a digest lists what was read since the last one. */
  seenAt: Date;
  /** `someone@contoso.example: "build" was revoked by Azure DevOps (Mon 30 Nov 2026 09:31 UTC)`. */
  line: string;
}

export interface AdminDigestStore {
  /** Subscribes (or re-subscribes, keeping `lastSentAt`) `conversationKey` to `org`'s digest. */
  subscribe(
    conversationKey: string,
    org: string,
    adminUserId: string,
    now: Date,
  ): Promise<DigestSubscription>;
  /** False when the channel was not subscribed to that organisation. */
  unsubscribe(conversationKey: string, org: string): Promise<boolean>;
  /** Every subscription, by organisation then channel. */
  list(): Promise<DigestSubscription[]>;
  markSent(conversationKey: string, org: string, at: Date): Promise<void>;
  /** Keeps one unknown-owner event (again: ignored). */
  recordUnknown(org: string, event: UnknownOwnerEvent): Promise<void>;
  /** The unknown-owner events of `org` read after `since`, oldest first. */
  unknownSince(org: string, since: Date): Promise<UnknownOwnerEvent[]>;
  /** Drops unknown-owner events read before `before` (a digest no longer needs them). */
  pruneUnknown(before: Date): Promise<number>;
}
