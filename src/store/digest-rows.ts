/** Row shapes and mappings for `admin_digests` and `admin_unknown_events` (SQLite and PostgreSQL). */
import type { DigestSubscription, UnknownOwnerEvent } from '../core/admin/digest-store';

export interface DigestRow {
  conversation_key: string;
  org: string;
  admin_user_id: string;
  subscribed_at: number | string;
  last_sent_at: number | string | null;
}

export interface UnknownRow {
  event_id: string;
  at: number | string;
  seen_at: number | string;
  line: string;
}

export const DIGEST_COLUMNS = 'conversation_key, org, admin_user_id, subscribed_at, last_sent_at';
export const UNKNOWN_COLUMNS = 'event_id, at, seen_at, line';

/** Lines are a sentence each; longer ones are cut before they reach the database. */
export const MAX_UNKNOWN_LINE = 300;

export function toDigest(row: DigestRow): DigestSubscription {
  return {
    conversationKey: row.conversation_key,
    org: row.org,
    adminUserId: row.admin_user_id,
    subscribedAt: new Date(Number(row.subscribed_at)),
    lastSentAt: row.last_sent_at === null ? null : new Date(Number(row.last_sent_at)),
  };
}

export function toUnknown(row: UnknownRow): UnknownOwnerEvent {
  return {
    eventId: row.event_id,
    at: new Date(Number(row.at)),
    seenAt: new Date(Number(row.seen_at)),
    line: row.line,
  };
}

export const clipLine = (line: string): string =>
  line.length > MAX_UNKNOWN_LINE ? `${line.slice(0, MAX_UNKNOWN_LINE - 1)}…` : line;
