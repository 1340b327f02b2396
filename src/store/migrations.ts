/**
 * The schema, as an ordered list of versioned migrations. Never edit a released migration: add
 * the next version. The SQL is deliberately portable (TEXT, BIGINT, composite keys, no
 * AUTOINCREMENT, no SQLite-only types) so the PostgreSQL store can run the same statements.
 * Timestamps are BIGINT epoch milliseconds (UTC); JSON values are TEXT.
 */

/** The SQL dialects the store speaks. */
export type Dialect = 'sqlite' | 'postgres';

/** One schema step, applied in its own transaction and recorded in `schema_migrations`. */
export interface Migration {
  version: number;
  name: string;
  /** Portable statements, run on both databases unless a dialect has its own list. */
  statements: readonly string[];
  /** PostgreSQL-only replacement for `statements`, when a step cannot be written portably. */
  postgres?: readonly string[];
}

/** The statements of `migration` for `dialect` (same version and name on both). */
export function statementsFor(migration: Migration, dialect: Dialect): readonly string[] {
  return dialect === 'postgres' ? (migration.postgres ?? migration.statements) : migration.statements;
}

/** Bookkeeping table; created before any migration runs. */
export const SCHEMA_MIGRATIONS_DDL = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version BIGINT PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at BIGINT NOT NULL
)`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    statements: [
      `CREATE TABLE users (
        id TEXT PRIMARY KEY,
        display_name TEXT,
        timezone TEXT,
        orgs_json TEXT,
        entra_home_account_id TEXT,
        entra_tenant_id TEXT,
        entra_username TEXT,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      )`,
      `CREATE INDEX users_signed_in ON users (entra_home_account_id, id)`,
      `CREATE TABLE user_identities (
        platform TEXT NOT NULL,
        scope_id TEXT NOT NULL,
        subject_id TEXT NOT NULL,
        teams_user_id TEXT,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (platform, scope_id, subject_id)
      )`,
      `CREATE INDEX user_identities_user ON user_identities (user_id)`,
      `CREATE TABLE conversations (
        conversation_key TEXT PRIMARY KEY,
        platform TEXT NOT NULL,
        kind TEXT NOT NULL,
        user_id TEXT,
        reference_json TEXT NOT NULL,
        status TEXT NOT NULL,
        failure_reason TEXT,
        updated_at BIGINT NOT NULL
      )`,
      `CREATE INDEX conversations_personal ON conversations (user_id, platform, kind)`,
      `CREATE TABLE subscriptions (
        id TEXT PRIMARY KEY,
        conversation_key TEXT NOT NULL,
        user_id TEXT NOT NULL,
        name_pattern TEXT,
        created_at BIGINT NOT NULL,
        UNIQUE (conversation_key, user_id)
      )`,
      `CREATE INDEX subscriptions_user ON subscriptions (user_id)`,
      `CREATE TABLE reminder_ledger (
        pat_id TEXT NOT NULL,
        threshold TEXT NOT NULL,
        target TEXT NOT NULL,
        status TEXT NOT NULL,
        claimed_by TEXT NOT NULL,
        claimed_at BIGINT NOT NULL,
        sent_at BIGINT,
        PRIMARY KEY (pat_id, threshold, target)
      )`,
      `CREATE TABLE snoozes (
        user_id TEXT NOT NULL,
        pat_id TEXT NOT NULL,
        snoozed_until BIGINT NOT NULL,
        PRIMARY KEY (user_id, pat_id)
      )`,
      `CREATE TABLE token_cache (
        partition_key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at BIGINT NOT NULL
      )`,
      `CREATE TABLE audit_log (
        id TEXT PRIMARY KEY,
        at BIGINT NOT NULL,
        user_id TEXT NOT NULL,
        action TEXT NOT NULL,
        org TEXT,
        pat_id TEXT,
        pat_name TEXT,
        outcome TEXT NOT NULL,
        detail TEXT
      )`,
      `CREATE INDEX audit_log_user_at ON audit_log (user_id, at)`,
      `CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        expires_at BIGINT NOT NULL
      )`,
      `CREATE TABLE nonces (
        nonce TEXT PRIMARY KEY,
        expires_at BIGINT NOT NULL
      )`,
      `CREATE INDEX nonces_expires_at ON nonces (expires_at)`,
    ],
  },
  {
    version: 2,
    name: 'shared ephemeral values and sweep work items',
    statements: [
      `CREATE TABLE ephemeral (
        item_key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        expires_at BIGINT NOT NULL
      )`,
      `CREATE INDEX ephemeral_expires_at ON ephemeral (expires_at)`,
      `CREATE TABLE sweeps (
        sweep_id TEXT PRIMARY KEY,
        planned_at BIGINT NOT NULL,
        opened_by TEXT NOT NULL,
        opened_at BIGINT NOT NULL,
        finished_by TEXT,
        finished_at BIGINT
      )`,
      `CREATE INDEX sweeps_opened_at ON sweeps (opened_at)`,
      `CREATE TABLE sweep_items (
        sweep_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        status TEXT NOT NULL,
        claimed_by TEXT,
        claimed_at BIGINT,
        attempts BIGINT NOT NULL,
        result TEXT,
        PRIMARY KEY (sweep_id, user_id)
      )`,
      `CREATE INDEX sweep_items_status ON sweep_items (sweep_id, status, claimed_at)`,
    ],
  },
  {
    version: 3,
    name: 'organisations watched by an administrator',
    statements: [
      `CREATE TABLE org_watches (
        org_key TEXT PRIMARY KEY,
        org TEXT NOT NULL,
        admin_user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        watched_at BIGINT NOT NULL,
        since_at BIGINT NOT NULL,
        last_event_id TEXT,
        last_event_at BIGINT,
        last_polled_at BIGINT,
        last_error TEXT
      )`,
      `CREATE INDEX users_entra_username ON users (lower(entra_username))`,
    ],
  },
  {
    version: 4,
    name: 'revoke reminders after a rotation',
    statements: [
      `CREATE TABLE revoke_reminders (
        user_id TEXT NOT NULL,
        pat_id TEXT NOT NULL,
        org TEXT NOT NULL,
        pat_name TEXT NOT NULL,
        replacement_name TEXT NOT NULL,
        due_at BIGINT NOT NULL,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (user_id, pat_id)
      )`,
      `CREATE INDEX revoke_reminders_due ON revoke_reminders (user_id, due_at)`,
    ],
  },
  {
    version: 5,
    name: 'weekly admin digest: subscribed channels and unknown-owner events',
    statements: [
      `CREATE TABLE admin_digests (
        conversation_key TEXT NOT NULL,
        org_key TEXT NOT NULL,
        org TEXT NOT NULL,
        admin_user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        subscribed_at BIGINT NOT NULL,
        last_sent_at BIGINT,
        PRIMARY KEY (conversation_key, org_key)
      )`,
      `CREATE TABLE admin_unknown_events (
        org_key TEXT NOT NULL,
        event_id TEXT NOT NULL,
        at BIGINT NOT NULL,
        seen_at BIGINT NOT NULL,
        line TEXT NOT NULL,
        PRIMARY KEY (org_key, event_id)
      )`,
      `CREATE INDEX admin_unknown_events_seen ON admin_unknown_events (org_key, seen_at)`,
    ],
  },
];

/** The newest schema version this code knows. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);
