/** One row shape and mapping for revoke reminders, shared by the SQLite and PostgreSQL stores. */
import type { RevokeReminder } from '../core/store';
import { fromMs, toMs } from './time';

export interface RevokeReminderRow {
  user_id: string;
  pat_id: string;
  org: string;
  pat_name: string;
  replacement_name: string;
  due_at: number | string;
  created_at: number | string;
}

export const REVOKE_REMINDER_COLUMNS = 'user_id, pat_id, org, pat_name, replacement_name, due_at, created_at';

export function revokeReminderFromRow(row: RevokeReminderRow): RevokeReminder {
  return {
    userId: row.user_id,
    patId: row.pat_id,
    org: row.org,
    patName: row.pat_name,
    replacementName: row.replacement_name,
    dueAt: fromMs(Number(row.due_at)),
    createdAt: fromMs(Number(row.created_at)),
  };
}

/** The values in REVOKE_REMINDER_COLUMNS order. */
export function revokeReminderValues(
  item: RevokeReminder,
): [string, string, string, string, string, number, number] {
  return [
    item.userId,
    item.patId,
    item.org,
    item.patName,
    item.replacementName,
    toMs(item.dueAt),
    toMs(item.createdAt),
  ];
}

export const REVOKE_REMINDER_UPSERT_SET = `org = excluded.org, pat_name = excluded.pat_name,
  replacement_name = excluded.replacement_name, due_at = excluded.due_at, created_at = excluded.created_at`;
