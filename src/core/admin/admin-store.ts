/**
 * Store port of the admin watch: which organisations are watched, by which administrator (whose
 * delegated token, in the encrypted token cache, is used for the reads), and where each
 * organisation's audit-log polling has got to.
 */

export interface OrgWatch {
  /** The organisation as the administrator typed it (matched case-insensitively). */
  org: string;
  adminUserId: string;
  watchedAt: Date;
  /** The next poll reads the audit log from here. */
  since: Date;
  lastEventId: string | null;
  lastEventAt: Date | null;
  lastPolledAt: Date | null;
  /** The error code of the last poll, null when it went through. */
  lastError: string | null;
}

export interface WatchProgress {
  since: Date;
  lastEventId: string | null;
  lastEventAt: Date | null;
  polledAt: Date;
  error: string | null;
}

export interface AdminWatchStore {
  /** Starts (or takes over) watching `org` for `adminUserId`; an existing cursor is kept. */
  watch(org: string, adminUserId: string, now: Date): Promise<OrgWatch>;
  /** Stops watching; false when it was not watched. */
  unwatch(org: string): Promise<boolean>;
  get(org: string): Promise<OrgWatch | null>;
  /** Every watched organisation, in organisation order. */
  list(): Promise<OrgWatch[]>;
  saveProgress(org: string, progress: WatchProgress): Promise<void>;
  /** The patbot user signed in with this Entra username (UPN, case-insensitive), if any. */
  userIdByUsername(username: string): Promise<string | null>;
}
