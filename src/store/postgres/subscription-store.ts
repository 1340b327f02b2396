/** PostgreSQL `SubscriptionStore`: one subscription per (conversation, user); upsert replaces the pattern. */
import { randomUUID } from 'node:crypto';
import type { Subscription, SubscriptionStore } from '../../core/store';
import { toMs } from '../time';
import {
  SUBSCRIPTION_COLUMNS as COLUMNS,
  subscriptionFromRow as fromRow,
  type SubscriptionRow,
} from '../sqlite/subscription-store';
import type { PgContext } from './pg-context';

export class PgSubscriptionStore implements SubscriptionStore {
  constructor(private readonly ctx: PgContext) {}

  /** Adds the subscription, or replaces the pattern of the existing one (keeping its id): one statement. */
  async upsert(conversationKey: string, userId: string, namePattern: string | null): Promise<Subscription> {
    const { rows } = await this.ctx.query<SubscriptionRow>(
      `INSERT INTO subscriptions (${COLUMNS}) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (conversation_key, user_id) DO UPDATE SET name_pattern = excluded.name_pattern
       RETURNING ${COLUMNS}`,
      [randomUUID(), conversationKey, userId, namePattern, toMs(this.ctx.now())],
    );
    return fromRow(rows[0]);
  }

  async remove(conversationKey: string, userId: string): Promise<boolean> {
    const { rowCount } = await this.ctx.query(
      'DELETE FROM subscriptions WHERE conversation_key = $1 AND user_id = $2',
      [conversationKey, userId],
    );
    return rowCount > 0;
  }

  async listForConversation(conversationKey: string): Promise<Subscription[]> {
    const { rows } = await this.ctx.query<SubscriptionRow>(
      `SELECT ${COLUMNS} FROM subscriptions WHERE conversation_key = $1 ORDER BY created_at, id COLLATE "C"`,
      [conversationKey],
    );
    return rows.map(fromRow);
  }

  async listForUser(userId: string): Promise<Subscription[]> {
    const { rows } = await this.ctx.query<SubscriptionRow>(
      `SELECT ${COLUMNS} FROM subscriptions WHERE user_id = $1 ORDER BY created_at, id COLLATE "C"`,
      [userId],
    );
    return rows.map(fromRow);
  }
}
