/** The `users` row and its conversion to the core `User`. */
import { z } from 'zod';
import type { User } from '../../core/store';
import { fromMs } from '../time';

/** Columns of `users` as SQLite returns them. */
export interface UserRow {
  id: string;
  display_name: string | null;
  timezone: string | null;
  orgs_json: string | null;
  entra_home_account_id: string | null;
  entra_tenant_id: string | null;
  entra_username: string | null;
  created_at: number;
  updated_at: number;
}

export const USER_COLUMNS =
  'id, display_name, timezone, orgs_json, entra_home_account_id, entra_tenant_id, entra_username, created_at, updated_at';

const orgsSchema = z.array(z.string());

/** Reads the orgs JSON column; anything that is not a string array reads as null (the default). */
export function parseOrgs(json: string | null): string[] | null {
  if (json === null) return null;
  try {
    const parsed = orgsSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A `users` row as a core `User`. */
export function userFromRow(row: UserRow): User {
  return {
    id: row.id,
    displayName: row.display_name,
    timezone: row.timezone,
    orgs: parseOrgs(row.orgs_json),
    entraAccount:
      row.entra_home_account_id === null
        ? null
        : {
            homeAccountId: row.entra_home_account_id,
            tenantId: row.entra_tenant_id ?? '',
            username: row.entra_username,
          },
    createdAt: fromMs(row.created_at),
    updatedAt: fromMs(row.updated_at),
  };
}
