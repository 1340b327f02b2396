/**
 * Row shapes both SQL stores read back (SQLite and PostgreSQL use the same columns), and the one
 * mapping from each row to its port type, so the two stores cannot drift apart.
 */
import type { AuditEntry, LedgerEntry } from '../core/store';
import { fromMs, fromMsOrNull } from './time';

export interface AuditRow {
  at: number;
  user_id: string;
  action: AuditEntry['action'];
  org: string | null;
  pat_id: string | null;
  pat_name: string | null;
  outcome: AuditEntry['outcome'];
  detail: string | null;
}

export function auditEntryOf(row: AuditRow): AuditEntry {
  return {
    at: fromMs(row.at),
    userId: row.user_id,
    action: row.action,
    org: row.org,
    patId: row.pat_id,
    patName: row.pat_name,
    outcome: row.outcome,
    detail: row.detail,
  };
}

export interface LedgerRow {
  pat_id: string;
  threshold: string;
  target: string;
  status: 'claimed' | 'sent';
  claimed_by: string;
  claimed_at: number;
  sent_at: number | null;
}

export function ledgerEntryOf(row: LedgerRow): LedgerEntry {
  return {
    patId: row.pat_id,
    threshold: row.threshold,
    target: row.target,
    status: row.status,
    claimedBy: row.claimed_by,
    claimedAt: fromMs(row.claimed_at),
    sentAt: fromMsOrNull(row.sent_at),
  };
}
