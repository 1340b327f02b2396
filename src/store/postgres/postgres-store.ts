/** The PostgreSQL `Store`: one pool per instance, shared by every port. */
import type {
  AuditLog,
  ConversationStore,
  EphemeralStore,
  LeaseStore,
  NonceStore,
  ReminderLedger,
  RevokeReminderStore,
  SnoozeStore,
  Store,
  SubscriptionStore,
  SweepQueue,
  TokenCacheStore,
  UserStore,
} from '../../core/store';
import type { AdminWatchStore } from '../../core/admin/admin-store';
import type { AdminDigestStore } from '../../core/admin/digest-store';
import { PgAdminWatchStore } from './admin-watch-store';
import { PgAdminDigestStore } from './admin-digest-store';
import { PgAuditLog } from './audit-log';
import { PgConversationStore } from './conversation-store';
import { PgEphemeralStore } from './ephemeral-store';
import { PgReminderLedger } from './ledger';
import { PgLeaseStore } from './lease-store';
import { PgNonceStore } from './nonce-store';
import type { PgContext } from './pg-context';
import { PgSnoozeStore } from './snooze-store';
import { PgRevokeReminderStore } from './revoke-reminder-store';
import { PgSubscriptionStore } from './subscription-store';
import { PgSweepQueue } from './sweep-queue';
import { PgTokenCacheStore } from './token-cache-store';
import { PgUserStore } from './user-store';

export class PostgresStore implements Store {
  readonly users: UserStore;
  readonly conversations: ConversationStore;
  readonly subscriptions: SubscriptionStore;
  readonly ledger: ReminderLedger;
  readonly snoozes: SnoozeStore;
  readonly revokeReminders: RevokeReminderStore;
  readonly tokenCache: TokenCacheStore;
  readonly audit: AuditLog;
  readonly leases: LeaseStore;
  readonly nonces: NonceStore;
  readonly ephemeral: EphemeralStore;
  readonly sweeps: SweepQueue;
  readonly admin: AdminWatchStore;
  readonly adminDigests: AdminDigestStore;

  /** Expects a migrated database (see `openPostgresStore`). */
  constructor(private readonly ctx: PgContext) {
    this.users = new PgUserStore(ctx);
    this.conversations = new PgConversationStore(ctx);
    this.subscriptions = new PgSubscriptionStore(ctx);
    this.ledger = new PgReminderLedger(ctx);
    this.snoozes = new PgSnoozeStore(ctx);
    this.revokeReminders = new PgRevokeReminderStore(ctx);
    this.tokenCache = new PgTokenCacheStore(ctx);
    this.audit = new PgAuditLog(ctx);
    this.leases = new PgLeaseStore(ctx);
    this.nonces = new PgNonceStore(ctx);
    this.ephemeral = new PgEphemeralStore(ctx);
    this.admin = new PgAdminWatchStore(ctx);
    this.adminDigests = new PgAdminDigestStore(ctx);
    this.sweeps = new PgSweepQueue(ctx);
  }

  /** Runs `SELECT 1`; throws a coded error when the server is unreachable or the store closed. */
  async ping(): Promise<void> {
    await this.ctx.query('SELECT 1');
  }

  /** Ends the pool (waits for checked-out connections); calling it again does nothing. */
  async close(): Promise<void> {
    await this.ctx.close();
  }
}
