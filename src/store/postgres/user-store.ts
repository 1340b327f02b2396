/**
 * PostgreSQL `UserStore`. Find-or-create is a transaction that inserts the user and then the
 * identity with `ON CONFLICT DO NOTHING`: when another instance created that identity first,
 * the insert waits for it, finds the conflict, and the transaction is rolled back and retried,
 * so two instances never create two users for one identity.
 */
import { randomUUID } from 'node:crypto';
import type { EntraAccount, PlatformIdentity, User, UserProfilePatch, UserStore } from '../../core/store';
import { toMs } from '../time';
import { identityFromRow, identityKey, type IdentityKey, type IdentityRow } from '../sqlite/identity-key';
import { USER_COLUMNS, userFromRow, type UserRow } from '../sqlite/user-row';
import type { PgContext, Query } from './pg-context';
import { changesProfile, isEmptyPatch } from '../sqlite/user-store';

const U_COLUMNS = USER_COLUMNS.split(', ')
  .map((c) => `u.${c}`)
  .join(', ');

const BY_IDENTITY = `SELECT ${U_COLUMNS}, i.teams_user_id AS identity_teams_user_id
  FROM user_identities i JOIN users u ON u.id = i.user_id
  WHERE i.platform = $1 AND i.scope_id = $2 AND i.subject_id = $3`;

const PATCH_PROFILE = `UPDATE users SET
    display_name = CASE WHEN $2::boolean THEN $3 ELSE display_name END,
    timezone = CASE WHEN $4::boolean THEN $5 ELSE timezone END,
    updated_at = $6
  WHERE id = $1`;

type IdentityUserRow = UserRow & { identity_teams_user_id: string | null };

/** Thrown inside the transaction when another instance inserted the identity first. */
class LostRace extends Error {}

function keyParams(key: IdentityKey): string[] {
  return [key.platform, key.scopeId, key.subjectId];
}

function patchParams(id: string, patch: UserProfilePatch, at: Date): unknown[] {
  return [
    id,
    patch.displayName !== undefined,
    patch.displayName ?? null,
    patch.timezone !== undefined,
    patch.timezone ?? null,
    toMs(at),
  ];
}

async function mustGet(query: Query, id: string): Promise<User> {
  const { rows } = await query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
  if (rows.length === 0) throw new Error(`user ${id} vanished inside its own transaction`);
  return userFromRow(rows[0]);
}

export class PgUserStore implements UserStore {
  constructor(private readonly ctx: PgContext) {}

  async upsertByIdentity(identity: PlatformIdentity, profile?: UserProfilePatch): Promise<User> {
    const key = identityKey(identity);
    // Fast path (every turn of a known person): nothing changed, so no transaction.
    const { rows } = await this.ctx.query<IdentityUserRow>(BY_IDENTITY, keyParams(key));
    const known = rows[0];
    if (
      known &&
      !changesProfile(known, profile) &&
      (key.teamsUserId === null || known.identity_teams_user_id === key.teamsUserId)
    )
      return userFromRow(known);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.ctx.tx((query) => this.findOrCreate(query, key, profile));
      } catch (error) {
        if (!(error instanceof LostRace) || attempt >= 5) throw error;
      }
    }
  }

  private async findOrCreate(
    query: Query,
    key: IdentityKey,
    profile: UserProfilePatch | undefined,
  ): Promise<User> {
    const now = this.ctx.now();
    const found = (await query<IdentityUserRow>(`${BY_IDENTITY} FOR UPDATE OF i`, keyParams(key))).rows[0];
    if (found) {
      if (key.teamsUserId !== null && found.identity_teams_user_id !== key.teamsUserId) {
        await query(
          'UPDATE user_identities SET teams_user_id = $4 WHERE platform = $1 AND scope_id = $2 AND subject_id = $3',
          [...keyParams(key), key.teamsUserId],
        );
      }
      if (isEmptyPatch(profile)) return userFromRow(found);
      await query(PATCH_PROFILE, patchParams(found.id, profile ?? {}, now));
      return mustGet(query, found.id);
    }
    const id = randomUUID();
    const at = toMs(now);
    await query(
      `INSERT INTO users (id, display_name, timezone, orgs_json, entra_home_account_id, entra_tenant_id,
         entra_username, created_at, updated_at)
       VALUES ($1, $2, $3, NULL, NULL, NULL, NULL, $4, $4)`,
      [id, profile?.displayName ?? null, profile?.timezone ?? null, at],
    );
    const inserted = await query(
      `INSERT INTO user_identities (platform, scope_id, subject_id, teams_user_id, user_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (platform, scope_id, subject_id) DO NOTHING`,
      [...keyParams(key), key.teamsUserId, id, at],
    );
    if (inserted.rowCount !== 1) throw new LostRace('identity created concurrently');
    return mustGet(query, id);
  }

  async findByIdentity(identity: PlatformIdentity): Promise<User | null> {
    const { rows } = await this.ctx.query<UserRow>(BY_IDENTITY, keyParams(identityKey(identity)));
    return rows[0] ? userFromRow(rows[0]) : null;
  }

  async get(userId: string): Promise<User | null> {
    const { rows } = await this.ctx.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [
      userId,
    ]);
    return rows[0] ? userFromRow(rows[0]) : null;
  }

  async identities(userId: string): Promise<PlatformIdentity[]> {
    const { rows } = await this.ctx.query<IdentityRow>(
      `SELECT platform, scope_id, subject_id, teams_user_id FROM user_identities
       WHERE user_id = $1 ORDER BY created_at, platform COLLATE "C", scope_id COLLATE "C", subject_id COLLATE "C"`,
      [userId],
    );
    return rows.map(identityFromRow);
  }

  async updateProfile(userId: string, patch: UserProfilePatch): Promise<void> {
    if (isEmptyPatch(patch)) return;
    await this.ctx.query(PATCH_PROFILE, patchParams(userId, patch, this.ctx.now()));
  }

  async setOrgs(userId: string, orgs: string[] | null): Promise<void> {
    await this.ctx.query('UPDATE users SET orgs_json = $1, updated_at = $2 WHERE id = $3', [
      orgs === null ? null : JSON.stringify(orgs),
      toMs(this.ctx.now()),
      userId,
    ]);
  }

  async setEntraAccount(userId: string, account: EntraAccount | null): Promise<void> {
    await this.ctx.query(
      `UPDATE users SET entra_home_account_id = $1, entra_tenant_id = $2, entra_username = $3, updated_at = $4
       WHERE id = $5`,
      [
        account?.homeAccountId ?? null,
        account?.tenantId ?? null,
        account?.username ?? null,
        toMs(this.ctx.now()),
        userId,
      ],
    );
  }

  /** Keyset paging in byte order (`COLLATE "C"`), the same order as SQLite. */
  async listSignedIn(afterId: string | null, limit: number): Promise<User[]> {
    const { rows } = await this.ctx.query<UserRow>(
      `SELECT ${USER_COLUMNS} FROM users
       WHERE entra_home_account_id IS NOT NULL AND ($1::text IS NULL OR id COLLATE "C" > $1::text)
       ORDER BY id COLLATE "C" LIMIT $2`,
      [afterId, Math.max(0, Math.floor(limit))],
    );
    return rows.map(userFromRow);
  }

  async removeIdentity(identity: PlatformIdentity): Promise<void> {
    await this.ctx.query(
      'DELETE FROM user_identities WHERE platform = $1 AND scope_id = $2 AND subject_id = $3',
      keyParams(identityKey(identity)),
    );
  }
}
