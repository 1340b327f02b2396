/** SQLite `SubscriptionStore`: one subscription per (conversation, user); upsert replaces the pattern. */
import { randomUUID } from 'node:crypto';
import type { Subscription, SubscriptionStore } from '../../core/store';
import { fromMs, toMs } from '../time';
import type { SqliteContext } from './sqlite-context';

export interface SubscriptionRow {
  id: string;
  conversation_key: string;
  user_id: string;
  name_pattern: string | null;
  created_at: number;
}

export const SUBSCRIPTION_COLUMNS = 'id, conversation_key, user_id, name_pattern, created_at';

export function subscriptionFromRow(row: SubscriptionRow): Subscription {
  return {
    id: row.id,
    conversationKey: row.conversation_key,
    userId: row.user_id,
    namePattern: row.name_pattern,
    createdAt: fromMs(row.created_at),
  };
}

export class SqliteSubscriptionStore implements SubscriptionStore {
  private readonly upsertRow;
  private readonly one;
  private readonly deleteRow;
  private readonly forConversation;
  private readonly forUser;

  constructor(private readonly ctx: SqliteContext) {
    const db = ctx.db;
    this.upsertRow = db.prepare<[string, string, string, string | null, number]>(
      `INSERT INTO subscriptions (${SUBSCRIPTION_COLUMNS}) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (conversation_key, user_id) DO UPDATE SET name_pattern = excluded.name_pattern`,
    );
    this.one = db.prepare<[string, string], SubscriptionRow>(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM subscriptions WHERE conversation_key = ? AND user_id = ?`,
    );
    this.deleteRow = db.prepare<[string, string]>(
      'DELETE FROM subscriptions WHERE conversation_key = ? AND user_id = ?',
    );
    this.forConversation = db.prepare<[string], SubscriptionRow>(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM subscriptions WHERE conversation_key = ? ORDER BY created_at, id`,
    );
    this.forUser = db.prepare<[string], SubscriptionRow>(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM subscriptions WHERE user_id = ? ORDER BY created_at, id`,
    );
  }

  /** Adds the subscription, or replaces the pattern of the existing one (keeping its id). */
  upsert(conversationKey: string, userId: string, namePattern: string | null): Promise<Subscription> {
    return this.ctx.write(() => {
      this.upsertRow.run(randomUUID(), conversationKey, userId, namePattern, toMs(this.ctx.now()));
      const row = this.one.get(conversationKey, userId);
      if (!row) throw new Error('subscription vanished inside its own transaction');
      return subscriptionFromRow(row);
    });
  }

  remove(conversationKey: string, userId: string): Promise<boolean> {
    return this.ctx.run(() => this.deleteRow.run(conversationKey, userId).changes > 0);
  }

  listForConversation(conversationKey: string): Promise<Subscription[]> {
    return this.ctx.run(() => this.forConversation.all(conversationKey).map(subscriptionFromRow));
  }

  listForUser(userId: string): Promise<Subscription[]> {
    return this.ctx.run(() => this.forUser.all(userId).map(subscriptionFromRow));
  }
}
