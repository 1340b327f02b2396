/** PostgreSQL `ConversationStore`: where proactive messages go; the reference is stored as JSON text. */
import type { ConversationStore, StoredConversation } from '../../core/store';
import { toMs } from '../time';
import {
  CONVERSATION_COLUMNS as COLUMNS,
  conversationFromRow as fromRow,
  type ConversationRow,
} from '../sqlite/conversation-store';
import type { PgContext } from './pg-context';

export class PgConversationStore implements ConversationStore {
  constructor(private readonly ctx: PgContext) {}

  /** Stores or refreshes a reference; a fresh reference makes a failed conversation active again. */
  async upsert(
    conversation: Omit<StoredConversation, 'status' | 'failureReason' | 'updatedAt'>,
  ): Promise<void> {
    await this.ctx.query(
      `INSERT INTO conversations (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, 'active', NULL, $6)
       ON CONFLICT (conversation_key) DO UPDATE SET
         platform = excluded.platform, kind = excluded.kind, user_id = excluded.user_id,
         reference_json = excluded.reference_json, status = 'active', failure_reason = NULL,
         updated_at = excluded.updated_at`,
      [
        conversation.key,
        conversation.platform,
        conversation.kind,
        conversation.userId,
        JSON.stringify(conversation.reference ?? null),
        toMs(this.ctx.now()),
      ],
    );
  }

  async get(key: string): Promise<StoredConversation | null> {
    const { rows } = await this.ctx.query<ConversationRow>(
      `SELECT ${COLUMNS} FROM conversations WHERE conversation_key = $1`,
      [key],
    );
    return rows[0] ? fromRow(rows[0]) : null;
  }

  /** The user's personal conversation on that platform, an active one first, newest first. */
  async personalFor(userId: string, platform: 'teams' | 'slack'): Promise<StoredConversation | null> {
    const { rows } = await this.ctx.query<ConversationRow>(
      `SELECT ${COLUMNS} FROM conversations
       WHERE user_id = $1 AND platform = $2 AND kind = 'personal'
       ORDER BY CASE WHEN status = 'active' THEN 0 ELSE 1 END, updated_at DESC, conversation_key COLLATE "C"
       LIMIT 1`,
      [userId, platform],
    );
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async markFailed(key: string, reason: string): Promise<void> {
    await this.ctx.query(
      `UPDATE conversations SET status = 'failed', failure_reason = $1, updated_at = $2 WHERE conversation_key = $3`,
      [reason, toMs(this.ctx.now()), key],
    );
  }

  /** Removes the conversation and the subscriptions in it, in one transaction. */
  async remove(key: string): Promise<void> {
    await this.ctx.tx(async (query) => {
      await query('DELETE FROM subscriptions WHERE conversation_key = $1', [key]);
      await query('DELETE FROM conversations WHERE conversation_key = $1', [key]);
    });
  }
}
