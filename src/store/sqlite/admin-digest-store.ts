/** SQLite `AdminDigestStore`: `admin_digests` and `admin_unknown_events`. */
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
import type { SqliteContext } from './sqlite-context';

export class SqliteAdminDigestStore implements AdminDigestStore {
  private readonly upsertRow;
  private readonly getRow;
  private readonly deleteRow;
  private readonly listRows;
  private readonly sentRow;
  private readonly unknownRow;
  private readonly unknownRows;
  private readonly pruneRows;

  constructor(private readonly ctx: SqliteContext) {
    const db = ctx.db;
    this.upsertRow = db.prepare<{ conv: string; key: string; org: string; admin: string; now: number }>(
      `INSERT INTO admin_digests (conversation_key, org_key, org, admin_user_id, subscribed_at)
       VALUES (@conv, @key, @org, @admin, @now)
       ON CONFLICT (conversation_key, org_key) DO UPDATE SET org = excluded.org,
         admin_user_id = excluded.admin_user_id`,
    );
    this.getRow = db.prepare<[string, string], DigestRow>(
      `SELECT ${DIGEST_COLUMNS} FROM admin_digests WHERE conversation_key = ? AND org_key = ?`,
    );
    this.deleteRow = db.prepare<[string, string]>(
      'DELETE FROM admin_digests WHERE conversation_key = ? AND org_key = ?',
    );
    this.listRows = db.prepare<[], DigestRow>(
      `SELECT ${DIGEST_COLUMNS} FROM admin_digests ORDER BY org_key, conversation_key`,
    );
    this.sentRow = db.prepare<[number, string, string]>(
      'UPDATE admin_digests SET last_sent_at = ? WHERE conversation_key = ? AND org_key = ?',
    );
    this.unknownRow = db.prepare<[string, string, number, number, string]>(
      `INSERT INTO admin_unknown_events (org_key, event_id, at, seen_at, line) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (org_key, event_id) DO NOTHING`,
    );
    this.unknownRows = db.prepare<[string, number], UnknownRow>(
      `SELECT ${UNKNOWN_COLUMNS} FROM admin_unknown_events WHERE org_key = ? AND seen_at > ?
       ORDER BY at, event_id`,
    );
    this.pruneRows = db.prepare<[number]>('DELETE FROM admin_unknown_events WHERE seen_at < ?');
  }

  subscribe(
    conversationKey: string,
    org: string,
    adminUserId: string,
    now: Date,
  ): Promise<DigestSubscription> {
    const key = orgKey(org);
    return this.ctx.write(() => {
      this.upsertRow.run({ conv: conversationKey, key, org, admin: adminUserId, now: toMs(now) });
      return toDigest(this.getRow.get(conversationKey, key) as DigestRow);
    });
  }

  unsubscribe(conversationKey: string, org: string): Promise<boolean> {
    return this.ctx.run(() => this.deleteRow.run(conversationKey, orgKey(org)).changes === 1);
  }

  list(): Promise<DigestSubscription[]> {
    return this.ctx.run(() => this.listRows.all().map(toDigest));
  }

  async markSent(conversationKey: string, org: string, at: Date): Promise<void> {
    await this.ctx.run(() => this.sentRow.run(toMs(at), conversationKey, orgKey(org)));
  }

  async recordUnknown(org: string, e: UnknownOwnerEvent): Promise<void> {
    await this.ctx.run(() =>
      this.unknownRow.run(orgKey(org), e.eventId, toMs(e.at), toMs(e.seenAt), clipLine(e.line)),
    );
  }

  unknownSince(org: string, since: Date): Promise<UnknownOwnerEvent[]> {
    return this.ctx.run(() => this.unknownRows.all(orgKey(org), toMs(since)).map(toUnknown));
  }

  pruneUnknown(before: Date): Promise<number> {
    return this.ctx.run(() => this.pruneRows.run(toMs(before)).changes);
  }
}
