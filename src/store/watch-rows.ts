/** One row shape and mapping for `org_watches`, shared by the SQLite and PostgreSQL stores. */
import type { OrgWatch } from '../core/admin/admin-store';

export interface WatchRow {
  org: string;
  admin_user_id: string;
  watched_at: number | string;
  since_at: number | string;
  last_event_id: string | null;
  last_event_at: number | string | null;
  last_polled_at: number | string | null;
  last_error: string | null;
}

export const WATCH_COLUMNS =
  'org, admin_user_id, watched_at, since_at, last_event_id, last_event_at, last_polled_at, last_error';

const date = (v: number | string): Date => new Date(Number(v));
const dateOrNull = (v: number | string | null): Date | null => (v === null ? null : date(v));

export function toWatch(row: WatchRow): OrgWatch {
  return {
    org: row.org,
    adminUserId: row.admin_user_id,
    watchedAt: date(row.watched_at),
    since: date(row.since_at),
    lastEventId: row.last_event_id,
    lastEventAt: dateOrNull(row.last_event_at),
    lastPolledAt: dateOrNull(row.last_polled_at),
    lastError: row.last_error,
  };
}

/** Organisations are matched case-insensitively. */
export const orgKey = (org: string): string => org.toLowerCase();
