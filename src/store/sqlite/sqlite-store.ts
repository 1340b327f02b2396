/** The SQLite `Store`: one connection, one set of prepared statements per store. */
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
import { SqliteAdminWatchStore } from './admin-watch-store';
import { SqliteAdminDigestStore } from './admin-digest-store';
import { CodedError } from '../../errors';
import { SqliteAuditLog } from './audit-log';
import { SqliteConversationStore } from './conversation-store';
import { SqliteEphemeralStore } from './ephemeral-store';
import { SqliteReminderLedger } from './ledger';
import { SqliteLeaseStore } from './lease-store';
import { SqliteNonceStore } from './nonce-store';
import { SqliteSnoozeStore } from './snooze-store';
import { SqliteRevokeReminderStore } from './revoke-reminder-store';
import type { SqliteContext } from './sqlite-context';
import { SqliteSubscriptionStore } from './subscription-store';
import { SqliteSweepQueue } from './sweep-queue';
import { SqliteTokenCacheStore } from './token-cache-store';
import { SqliteUserStore } from './user-store';

export class SqliteStore implements Store {
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
  private readonly pingStatement;

  /** Expects a migrated connection (see `openStore`). */
  constructor(private readonly ctx: SqliteContext) {
    this.users = new SqliteUserStore(ctx);
    this.conversations = new SqliteConversationStore(ctx);
    this.subscriptions = new SqliteSubscriptionStore(ctx);
    this.ledger = new SqliteReminderLedger(ctx);
    this.snoozes = new SqliteSnoozeStore(ctx);
    this.revokeReminders = new SqliteRevokeReminderStore(ctx);
    this.tokenCache = new SqliteTokenCacheStore(ctx);
    this.audit = new SqliteAuditLog(ctx);
    this.leases = new SqliteLeaseStore(ctx);
    this.nonces = new SqliteNonceStore(ctx);
    this.ephemeral = new SqliteEphemeralStore(ctx);
    this.admin = new SqliteAdminWatchStore(ctx);
    this.adminDigests = new SqliteAdminDigestStore(ctx);
    this.sweeps = new SqliteSweepQueue(ctx);
    this.pingStatement = ctx.db.prepare('SELECT 1');
  }

  /** Runs `SELECT 1`; throws a coded error when the database is unusable or closed. */
  async ping(): Promise<void> {
    if (!this.ctx.db.open) throw this.closedError();
    await this.ctx.run(() => this.pingStatement.get());
  }

  /** Closes the connection (checkpointing the WAL); calling it again does nothing. */
  async close(): Promise<void> {
    if (this.ctx.db.open) this.ctx.db.close();
  }

  private closedError(): CodedError {
    return new CodedError('store.unavailable', `The store at ${this.ctx.dbPath} is closed.`, {
      nextStep: 'Restart patbot.',
      details: { path: this.ctx.dbPath },
    });
  }
}
