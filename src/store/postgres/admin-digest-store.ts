/** PostgreSQL `AdminDigestStore`: `admin_digests` and `admin_unknown_events`. */
import type { AdminDigestStore, DigestSubscription, UnknownOwnerEvent } from '../../core/admin/digest-store';
import {
  clipLine,
  DIGEST_COLUMNS,
  toDigest,
  toUnknown,
  UNKNOWN_COLUMNS,
  type DigestRow,
  type UnknownRow,
} from '../digest-rows';
import { toMs } from '../time';
import { orgKey } from '../watch-rows';
import type { PgContext } from './pg-context';

export class PgAdminDigestStore implements AdminDigestStore {
  constructor(private readonly ctx: PgContext) {}

  async subscribe(
    conversationKey: string,
    org: string,
    adminUserId: string,
    now: Date,
  ): Promise<DigestSubscription> {
    const { rows } = await this.ctx.query<DigestRow>(
      `INSERT INTO admin_digests (conversation_key, org_key, org, admin_user_id, subscribed_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (conversation_key, org_key) DO UPDATE SET org = excluded.org,
         admin_user_id = excluded.admin_user_id
       RETURNING ${DIGEST_COLUMNS}`,
      [conversationKey, orgKey(org), org, adminUserId, toMs(now)],
    );
    return toDigest(rows[0]);
  }

  async unsubscribe(conversationKey: string, org: string): Promise<boolean> {
    const { rowCount } = await this.ctx.query(
      'DELETE FROM admin_digests WHERE conversation_key = $1 AND org_key = $2',
      [conversationKey, orgKey(org)],
    );
    return rowCount === 1;
  }

  async list(): Promise<DigestSubscription[]> {
    const { rows } = await this.ctx.query<DigestRow>(
      `SELECT ${DIGEST_COLUMNS} FROM admin_digests ORDER BY org_key, conversation_key`,
    );
    return rows.map(toDigest);
  }

  async markSent(conversationKey: string, org: string, at: Date): Promise<void> {
    await this.ctx.query(
      'UPDATE admin_digests SET last_sent_at = $1 WHERE conversation_key = $2 AND org_key = $3',
      [toMs(at), conversationKey, orgKey(org)],
    );
  }

  async recordUnknown(org: string, e: UnknownOwnerEvent): Promise<void> {
    await this.ctx.query(
      `INSERT INTO admin_unknown_events (org_key, event_id, at, seen_at, line) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (org_key, event_id) DO NOTHING`,
      [orgKey(org), e.eventId, toMs(e.at), toMs(e.seenAt), clipLine(e.line)],
    );
  }

  async unknownSince(org: string, since: Date): Promise<UnknownOwnerEvent[]> {
    const { rows } = await this.ctx.query<UnknownRow>(
      `SELECT ${UNKNOWN_COLUMNS} FROM admin_unknown_events WHERE org_key = $1 AND seen_at > $2
       ORDER BY at, event_id`,
      [orgKey(org), toMs(since)],
    );
    return rows.map(toUnknown);
  }

  async pruneUnknown(before: Date): Promise<number> {
    const { rowCount } = await this.ctx.query('DELETE FROM admin_unknown_events WHERE seen_at < $1', [
      toMs(before),
    ]);
    return rowCount ?? 0;
  }
}
