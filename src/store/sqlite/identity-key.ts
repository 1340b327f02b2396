/**
 * How a platform identity maps onto the `user_identities` key columns (platform, scope_id,
 * subject_id). Teams GUIDs are lower-cased so the same person always matches.
 */
import type { PlatformIdentity } from '../../core/store';

/** The key columns of one identity row. */
export interface IdentityKey {
  platform: 'teams' | 'slack';
  scopeId: string;
  subjectId: string;
  teamsUserId: string | null;
}

/** Row shape read back from `user_identities`. */
export interface IdentityRow {
  platform: string;
  scope_id: string;
  subject_id: string;
  teams_user_id: string | null;
}

/** The key for a platform identity. */
export function identityKey(identity: PlatformIdentity): IdentityKey {
  if (identity.platform === 'teams') {
    return {
      platform: 'teams',
      scopeId: identity.tenantId.toLowerCase(),
      subjectId: identity.aadObjectId.toLowerCase(),
      teamsUserId: identity.teamsUserId ?? null,
    };
  }
  return { platform: 'slack', scopeId: identity.teamId, subjectId: identity.slackUserId, teamsUserId: null };
}

/** The platform identity stored in a row. */
export function identityFromRow(row: IdentityRow): PlatformIdentity {
  if (row.platform === 'teams') {
    return {
      platform: 'teams',
      tenantId: row.scope_id,
      aadObjectId: row.subject_id,
      ...(row.teams_user_id === null ? {} : { teamsUserId: row.teams_user_id }),
    };
  }
  return { platform: 'slack', teamId: row.scope_id, slackUserId: row.subject_id };
}
