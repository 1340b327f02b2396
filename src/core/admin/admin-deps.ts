/** The ports the admin watch needs (commands and the audit poller). */
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Notifier } from '../notifier';
import type { Store } from '../store';
import type { TokenProvider } from '../token-provider';
import type { WeeklySlot } from './digest-schedule';
import type { OrgAdminApi } from './org-admin-api';

export interface AdminDeps {
  store: Pick<
    Store,
    'admin' | 'adminDigests' | 'users' | 'subscriptions' | 'ledger' | 'conversations' | 'ephemeral' | 'leases'
  >;
  api: OrgAdminApi;
  /** The same silent token provider (encrypted cache + refresh token) as every other read. */
  tokenProvider: TokenProvider;
  notifier: Notifier;
  clock: Clock;
  logger: Logger;
  /** AUDIT_POLL_SECONDS: how often each watched organisation's audit log is read. */
  pollSeconds: number;
  /** ADMIN_DIGEST_AT: when the weekly admin digest goes out (UTC). */
  digestAt: WeeklySlot;
  /** This instance's id, for ledger claims. */
  instanceId: string;
  /** Token Admin reads in flight at once in `pat admin expiring` (default 4). */
  concurrency?: number;
  /** People whose PATs one `pat admin expiring` reads at most (default EXPIRING_MAX_USERS). */
  expiringMaxUsers?: number;
  /** How people type commands here (`pat`, `/pat`). */
  prefix?: string;
}

/** Entries read per audit page. */
export const AUDIT_BATCH_SIZE = 200;
/** Audit pages read per organisation per poll at most (the rest waits for the next poll). */
export const AUDIT_MAX_PAGES = 20;
/** Each poll reads again this far back, for entries the service writes late. */
export const AUDIT_LAG_MS = 15 * 60_000;
/** The service keeps audit entries 90 days. */
export const AUDIT_RETENTION_MS = 90 * 86_400_000;
/** A claim older than this is taken over (its sender presumably died). */
export const ALERT_CLAIM_STALE_MS = 10 * 60_000;
