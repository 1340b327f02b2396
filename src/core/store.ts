/**
 * Store ports. The core and the adapters depend on these interfaces; src/store/ implements
 * them (SQLite by default, PostgreSQL at scale). Every method is async so that both fit.
 */
import type { AdminWatchStore } from './admin/admin-store';
import type { AdminDigestStore } from './admin/digest-store';

/** Where a person is known from. */
export type PlatformIdentity =
  | { platform: 'teams'; tenantId: string; aadObjectId: string; teamsUserId?: string }
  | { platform: 'slack'; teamId: string; slackUserId: string };

/** The Microsoft Entra account a user signed in with (never a token). */
export interface EntraAccount {
  /** msal `homeAccountId`: `<oid>.<tid>`. */
  homeAccountId: string;
  tenantId: string;
  username: string | null;
}

export interface User {
  /** patbot's own id (opaque string). */
  id: string;
  displayName: string | null;
  /** IANA time zone, e.g. `Europe/Berlin`; null when unknown. */
  timezone: string | null;
  /** Azure DevOps organisations chosen with `pat orgs`; null means the configured default. */
  orgs: string[] | null;
  entraAccount: EntraAccount | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface UserProfilePatch {
  displayName?: string | null;
  timezone?: string | null;
}

export interface UserStore {
  /** Finds the user behind a platform identity, creating them on first sight. */
  upsertByIdentity(identity: PlatformIdentity, profile?: UserProfilePatch): Promise<User>;
  findByIdentity(identity: PlatformIdentity): Promise<User | null>;
  get(userId: string): Promise<User | null>;
  identities(userId: string): Promise<PlatformIdentity[]>;
  updateProfile(userId: string, patch: UserProfilePatch): Promise<void>;
  setOrgs(userId: string, orgs: string[] | null): Promise<void>;
  setEntraAccount(userId: string, account: EntraAccount | null): Promise<void>;
  /** Users with a linked Entra account, in id order, `limit` at a time after `afterId`. */
  listSignedIn(afterId: string | null, limit: number): Promise<User[]>;
  /** Removes a platform identity (e.g. the app was uninstalled for that person). */
  removeIdentity(identity: PlatformIdentity): Promise<void>;
}

export type ConversationKind = 'personal' | 'channel' | 'groupChat';

export interface StoredConversation {
  /** Stable key, e.g. `teams:<conversationId>` or `slack:<teamId>:<channelId>`. */
  key: string;
  platform: 'teams' | 'slack';
  kind: ConversationKind;
  /** The person this personal conversation belongs to (null for channels and group chats). */
  userId: string | null;
  /** Platform data needed to post there (a Teams ConversationReference, Slack ids). */
  reference: unknown;
  status: 'active' | 'failed';
  failureReason: string | null;
  updatedAt: Date;
}

export interface ConversationStore {
  upsert(conversation: Omit<StoredConversation, 'status' | 'failureReason' | 'updatedAt'>): Promise<void>;
  get(key: string): Promise<StoredConversation | null>;
  personalFor(userId: string, platform: 'teams' | 'slack'): Promise<StoredConversation | null>;
  /** A permanent delivery failure (bot removed, 403/404): skip it from now on. */
  markFailed(key: string, reason: string): Promise<void>;
  remove(key: string): Promise<void>;
}

export interface Subscription {
  id: string;
  conversationKey: string;
  userId: string;
  /** Optional glob-like pattern on PAT names (`*` wildcard, case-insensitive); null = all PATs. */
  namePattern: string | null;
  createdAt: Date;
}

export interface SubscriptionStore {
  /** Adds or replaces the caller's subscription in that conversation. */
  upsert(conversationKey: string, userId: string, namePattern: string | null): Promise<Subscription>;
  /** Removes the caller's own subscription; returns false when there was none. */
  remove(conversationKey: string, userId: string): Promise<boolean>;
  listForConversation(conversationKey: string): Promise<Subscription[]>;
  listForUser(userId: string): Promise<Subscription[]>;
}

/** One reminder or alert: which PAT, which threshold, to where. */
export interface LedgerKey {
  patId: string;
  /** Threshold label, e.g. `7d`, `0d`, `expired`, `global-retirement`. */
  threshold: string;
  /** Target conversation key (DM or channel digest). */
  target: string;
}

export interface LedgerEntry extends LedgerKey {
  status: 'claimed' | 'sent';
  claimedBy: string;
  claimedAt: Date;
  sentAt: Date | null;
}

export interface ReminderLedger {
  /**
   * Claims a reminder atomically. True when this caller now owns it; false when it was already
   * sent or is claimed by someone else whose claim is younger than `staleAfterMs`.
   */
  claim(key: LedgerKey, claimedBy: string, now: Date, staleAfterMs: number): Promise<boolean>;
  markSent(key: LedgerKey, at: Date): Promise<void>;
  /** Gives up a claim after a failed send so a later sweep retries it. */
  release(key: LedgerKey, claimedBy: string): Promise<void>;
  get(key: LedgerKey): Promise<LedgerEntry | null>;
}

export interface SnoozeStore {
  set(userId: string, patId: string, until: Date): Promise<void>;
  get(userId: string, patId: string): Promise<Date | null>;
  clear(userId: string, patId: string): Promise<void>;
}

/** Encrypted MSAL cache partitions, one per user; values are ciphertext only. */
export interface TokenCacheStore {
  get(partitionKey: string): Promise<string | null>;
  set(partitionKey: string, value: string): Promise<void>;
  delete(partitionKey: string): Promise<void>;
  /**
   * Writes `value` only if the partition still holds `expected` (compare-and-set); false when it
   * changed or is gone. Re-encryption uses it so it never overwrites a newer write.
   */
  replace(partitionKey: string, expected: string, value: string): Promise<boolean>;
  /** Up to `limit` partition keys after `afterKey` (null: from the start), in ascending order. */
  keys(afterKey: string | null, limit: number): Promise<string[]>;
}

export interface AuditEntry {
  at: Date;
  userId: string;
  action: 'renew' | 'revoke' | 'create' | 'signin' | 'signout';
  org: string | null;
  patId: string | null;
  patName: string | null;
  outcome: 'ok' | 'failed';
  detail: string | null;
}

/**
 * "Remind me to revoke the old PAT in N days" (Rotate): one due item per (user, old PAT). The
 * sweep sends the reminder once it is due (ledgered) and then removes the item.
 */
export interface RevokeReminder {
  userId: string;
  org: string;
  /** The old PAT, the one to revoke. */
  patId: string;
  patName: string;
  /** The replacement created by Rotate (its name, for the message). */
  replacementName: string;
  dueAt: Date;
  createdAt: Date;
}

export interface RevokeReminderStore {
  /** Adds the item, or replaces the one for the same (user, old PAT). */
  schedule(item: RevokeReminder): Promise<void>;
  /** The user's items due at `now` (`dueAt <= now`), soonest first, at most `limit`. */
  dueFor(userId: string, now: Date, limit: number): Promise<RevokeReminder[]>;
  /** All of the user's items, soonest first. */
  listFor(userId: string): Promise<RevokeReminder[]>;
  /** Removes the item (sent, or the old PAT was revoked); false when there was none. */
  remove(userId: string, patId: string): Promise<boolean>;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  list(userId: string, limit: number): Promise<AuditEntry[]>;
}

export interface LeaseStore {
  /** Takes or renews the named lease for `holder` until now+ttl; false while someone else holds it. */
  tryAcquire(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean>;
  release(name: string, holder: string): Promise<void>;
}

/** Single-use values (sign-in state nonces, action ids): the first `use` wins. */
export interface NonceStore {
  /** True on first use before `expiresAt`; false when already used. */
  use(nonce: string, expiresAt: Date, now: Date): Promise<boolean>;
}

/**
 * Short-lived values every instance must see (a command waiting for its sign-in, the sign-in
 * failure memo, a Slack rate-limit pause): the next request may land on another instance.
 * Values are JSON text chosen by the caller and never hold a token.
 */
export interface EphemeralStore {
  /** Stores (or replaces) `value` under `key` until `expiresAt`. */
  put(key: string, value: string, expiresAt: Date, now: Date): Promise<void>;
  /** The value while it has not expired; null otherwise. */
  get(key: string, now: Date): Promise<string | null>;
  /** Removes and returns the value: of concurrent takers (any instance) exactly one gets it. */
  take(key: string, now: Date): Promise<string | null>;
  /**
   * Stores `value` under `key` until `expiresAt` only if no live value is there (insert if
   * absent or expired): of concurrent claimers (any instance) exactly one gets true.
   */
  claim(key: string, value: string, expiresAt: Date, now: Date): Promise<boolean>;
  delete(key: string): Promise<void>;
}

/** One reminder sweep shared by the instances: who opened it and the instant it plans with. */
export interface SweepRun {
  sweepId: string;
  /** Every instance plans this sweep's reminders at this instant. */
  plannedAt: Date;
  openedBy: string;
  openedAt: Date;
}

/** A user's turn claimed from a sweep. */
export interface ClaimedSweepItem {
  userId: string;
  /** True when an earlier claim (an instance presumed dead) was taken over. */
  takeover: boolean;
}

export interface SweepProgress {
  total: number;
  pending: number;
  claimed: number;
  done: number;
}

/**
 * The work queue of sweeps: one item per signed-in user, claimed in batches by any instance
 * (PostgreSQL: `FOR UPDATE SKIP LOCKED`), a claim older than `staleAfterMs` taken over.
 */
export interface SweepQueue {
  /**
   * Opens sweep `sweepId` with one pending item per user signed in now (atomically); returns
   * the number of items. Also forgets sweeps finished long ago.
   */
  open(run: SweepRun): Promise<number>;
  /** The newest unfinished sweep opened at or after `since`, if any. */
  latestOpen(since: Date): Promise<SweepRun | null>;
  /** Up to `limit` pending or stale items, now claimed by `holder`. */
  claim(
    sweepId: string,
    holder: string,
    now: Date,
    staleAfterMs: number,
    limit: number,
  ): Promise<ClaimedSweepItem[]>;
  /**
   * Marks `holder`'s item done with an optional result (JSON text for the channel digests);
   * false when another instance has taken it over meanwhile (the result is then dropped).
   */
  complete(
    sweepId: string,
    userId: string,
    holder: string,
    result: string | null,
    now: Date,
  ): Promise<boolean>;
  progress(sweepId: string): Promise<SweepProgress>;
  /** Marks the sweep finished: true for exactly one caller (who then sends the digests). */
  finish(sweepId: string, holder: string, now: Date): Promise<boolean>;
  /** Done items that carry a result, `limit` at a time in user-id order after `afterUserId`. */
  results(
    sweepId: string,
    afterUserId: string | null,
    limit: number,
  ): Promise<Array<{ userId: string; result: string }>>;
}

export interface Store {
  users: UserStore;
  conversations: ConversationStore;
  subscriptions: SubscriptionStore;
  ledger: ReminderLedger;
  snoozes: SnoozeStore;
  revokeReminders: RevokeReminderStore;
  tokenCache: TokenCacheStore;
  audit: AuditLog;
  leases: LeaseStore;
  nonces: NonceStore;
  ephemeral: EphemeralStore;
  sweeps: SweepQueue;
  /** Organisations watched by an administrator (src/core/admin). */
  admin: AdminWatchStore;
  /** Channels subscribed to an organisation's weekly admin digest (src/core/admin). */
  adminDigests: AdminDigestStore;
  /** Cheap reachability check for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
