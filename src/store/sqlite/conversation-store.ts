/** SQLite `ConversationStore`: where proactive messages go; the reference is stored as JSON text. */
import type { ConversationKind, ConversationStore, StoredConversation } from '../../core/store';
import { fromMs, toMs } from '../time';
import type { SqliteContext } from './sqlite-context';

export interface ConversationRow {
  conversation_key: string;
  platform: 'teams' | 'slack';
  kind: ConversationKind;
  user_id: string | null;
  reference_json: string;
  status: 'active' | 'failed';
  failure_reason: string | null;
  updated_at: number;
}

export const CONVERSATION_COLUMNS =
  'conversation_key, platform, kind, user_id, reference_json, status, failure_reason, updated_at';

export function conversationFromRow(row: ConversationRow): StoredConversation {
  return {
    key: row.conversation_key,
    platform: row.platform,
    kind: row.kind,
    userId: row.user_id,
    reference: JSON.parse(row.reference_json) as unknown,
    status: row.status,
    failureReason: row.failure_reason,
    updatedAt: fromMs(row.updated_at),
  };
}

export class SqliteConversationStore implements ConversationStore {
  private readonly upsertRow;
  private readonly byKey;
  private readonly personal;
  private readonly fail;
  private readonly deleteRow;
  private readonly deleteSubscriptions;

  constructor(private readonly ctx: SqliteContext) {
    const db = ctx.db;
    this.upsertRow = db.prepare<{
      key: string;
      platform: string;
      kind: string;
      userId: string | null;
      reference: string;
      at: number;
    }>(
      `INSERT INTO conversations (${CONVERSATION_COLUMNS})
       VALUES (@key, @platform, @kind, @userId, @reference, 'active', NULL, @at)
       ON CONFLICT (conversation_key) DO UPDATE SET
         platform = excluded.platform, kind = excluded.kind, user_id = excluded.user_id,
         reference_json = excluded.reference_json, status = 'active', failure_reason = NULL,
         updated_at = excluded.updated_at`,
    );
    this.byKey = db.prepare<[string], ConversationRow>(
      `SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE conversation_key = ?`,
    );
    this.personal = db.prepare<[string, string], ConversationRow>(
      `SELECT ${CONVERSATION_COLUMNS} FROM conversations
       WHERE user_id = ? AND platform = ? AND kind = 'personal'
       ORDER BY CASE WHEN status = 'active' THEN 0 ELSE 1 END, updated_at DESC, conversation_key
       LIMIT 1`,
    );
    this.fail = db.prepare<[string, number, string]>(
      `UPDATE conversations SET status = 'failed', failure_reason = ?, updated_at = ? WHERE conversation_key = ?`,
    );
    this.deleteRow = db.prepare<[string]>('DELETE FROM conversations WHERE conversation_key = ?');
    this.deleteSubscriptions = db.prepare<[string]>('DELETE FROM subscriptions WHERE conversation_key = ?');
  }

  /** Stores or refreshes a reference; a fresh reference makes a failed conversation active again. */
  async upsert(
    conversation: Omit<StoredConversation, 'status' | 'failureReason' | 'updatedAt'>,
  ): Promise<void> {
    const reference = JSON.stringify(conversation.reference ?? null);
    await this.ctx.run(() =>
      this.upsertRow.run({
        key: conversation.key,
        platform: conversation.platform,
        kind: conversation.kind,
        userId: conversation.userId,
        reference,
        at: toMs(this.ctx.now()),
      }),
    );
  }

  get(key: string): Promise<StoredConversation | null> {
    return this.ctx.run(() => {
      const row = this.byKey.get(key);
      return row ? conversationFromRow(row) : null;
    });
  }

  /** The user's personal conversation on that platform, an active one first, newest first. */
  personalFor(userId: string, platform: 'teams' | 'slack'): Promise<StoredConversation | null> {
    return this.ctx.run(() => {
      const row = this.personal.get(userId, platform);
      return row ? conversationFromRow(row) : null;
    });
  }

  async markFailed(key: string, reason: string): Promise<void> {
    await this.ctx.run(() => this.fail.run(reason, toMs(this.ctx.now()), key));
  }

  /** Removes the conversation and the subscriptions in it. */
  async remove(key: string): Promise<void> {
    await this.ctx.write(() => {
      this.deleteSubscriptions.run(key);
      this.deleteRow.run(key);
    });
  }
}
