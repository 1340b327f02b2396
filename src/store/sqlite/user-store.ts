/** SQLite `UserStore`: users, their platform identities, profile, orgs and Entra account link. */
import { randomUUID } from 'node:crypto';
import type { EntraAccount, PlatformIdentity, User, UserProfilePatch, UserStore } from '../../core/store';
import { toMs } from '../time';
import { identityFromRow, identityKey, type IdentityKey, type IdentityRow } from './identity-key';
import type { SqliteContext } from './sqlite-context';
import { USER_COLUMNS, userFromRow, type UserRow } from './user-row';

interface ProfileParams {
  id: string;
  setDisplayName: number;
  displayName: string | null;
  setTimezone: number;
  timezone: string | null;
  updatedAt: number;
}

function profileParams(id: string, patch: UserProfilePatch, at: Date): ProfileParams {
  return {
    id,
    setDisplayName: patch.displayName === undefined ? 0 : 1,
    displayName: patch.displayName ?? null,
    setTimezone: patch.timezone === undefined ? 0 : 1,
    timezone: patch.timezone ?? null,
    updatedAt: toMs(at),
  };
}

/** True when applying the patch would change the stored profile. */
export function changesProfile(row: UserRow, patch: UserProfilePatch | undefined): boolean {
  if (patch === undefined) return false;
  return (
    (patch.displayName !== undefined && patch.displayName !== row.display_name) ||
    (patch.timezone !== undefined && patch.timezone !== row.timezone)
  );
}

export function isEmptyPatch(patch: UserProfilePatch | undefined): boolean {
  return patch === undefined || (patch.displayName === undefined && patch.timezone === undefined);
}

export class SqliteUserStore implements UserStore {
  private readonly byIdentity;
  private readonly byIdentityWithTeamsId;
  private readonly byId;
  private readonly insertUser;
  private readonly insertIdentity;
  private readonly updateTeamsUserId;
  private readonly patchProfile;
  private readonly identityRows;
  private readonly updateOrgs;
  private readonly updateEntra;
  private readonly signedInFirst;
  private readonly signedInAfter;
  private readonly deleteIdentity;

  constructor(private readonly ctx: SqliteContext) {
    const db = ctx.db;
    this.byIdentity = db.prepare<IdentityKey, UserRow>(
      `SELECT ${USER_COLUMNS.split(', ')
        .map((c) => `u.${c}`)
        .join(', ')}
       FROM user_identities i JOIN users u ON u.id = i.user_id
       WHERE i.platform = @platform AND i.scope_id = @scopeId AND i.subject_id = @subjectId`,
    );
    this.byIdentityWithTeamsId = db.prepare<IdentityKey, UserRow & { identity_teams_user_id: string | null }>(
      `SELECT ${USER_COLUMNS.split(', ')
        .map((c) => `u.${c}`)
        .join(', ')}, i.teams_user_id AS identity_teams_user_id
       FROM user_identities i JOIN users u ON u.id = i.user_id
       WHERE i.platform = @platform AND i.scope_id = @scopeId AND i.subject_id = @subjectId`,
    );
    this.byId = db.prepare<[string], UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`);
    this.insertUser = db.prepare<{
      id: string;
      displayName: string | null;
      timezone: string | null;
      at: number;
    }>(
      `INSERT INTO users (id, display_name, timezone, orgs_json, entra_home_account_id, entra_tenant_id,
         entra_username, created_at, updated_at)
       VALUES (@id, @displayName, @timezone, NULL, NULL, NULL, NULL, @at, @at)`,
    );
    this.insertIdentity = db.prepare<IdentityKey & { userId: string; at: number }>(
      `INSERT INTO user_identities (platform, scope_id, subject_id, teams_user_id, user_id, created_at)
       VALUES (@platform, @scopeId, @subjectId, @teamsUserId, @userId, @at)`,
    );
    this.updateTeamsUserId = db.prepare<IdentityKey>(
      `UPDATE user_identities SET teams_user_id = @teamsUserId
       WHERE platform = @platform AND scope_id = @scopeId AND subject_id = @subjectId`,
    );
    this.patchProfile = db.prepare<ProfileParams>(
      `UPDATE users SET
         display_name = CASE WHEN @setDisplayName = 1 THEN @displayName ELSE display_name END,
         timezone = CASE WHEN @setTimezone = 1 THEN @timezone ELSE timezone END,
         updated_at = @updatedAt
       WHERE id = @id`,
    );
    this.identityRows = db.prepare<[string], IdentityRow>(
      `SELECT platform, scope_id, subject_id, teams_user_id FROM user_identities
       WHERE user_id = ? ORDER BY created_at, platform, scope_id, subject_id`,
    );
    this.updateOrgs = db.prepare<[string | null, number, string]>(
      'UPDATE users SET orgs_json = ?, updated_at = ? WHERE id = ?',
    );
    this.updateEntra = db.prepare<[string | null, string | null, string | null, number, string]>(
      `UPDATE users SET entra_home_account_id = ?, entra_tenant_id = ?, entra_username = ?, updated_at = ?
       WHERE id = ?`,
    );
    this.signedInFirst = db.prepare<[number], UserRow>(
      `SELECT ${USER_COLUMNS} FROM users WHERE entra_home_account_id IS NOT NULL ORDER BY id LIMIT ?`,
    );
    this.signedInAfter = db.prepare<[string, number], UserRow>(
      `SELECT ${USER_COLUMNS} FROM users WHERE entra_home_account_id IS NOT NULL AND id > ? ORDER BY id LIMIT ?`,
    );
    this.deleteIdentity = db.prepare<IdentityKey>(
      'DELETE FROM user_identities WHERE platform = @platform AND scope_id = @scopeId AND subject_id = @subjectId',
    );
  }

  /** Find-or-create in one IMMEDIATE transaction, so two processes never create two users. */
  async upsertByIdentity(identity: PlatformIdentity, profile?: UserProfilePatch): Promise<User> {
    const key = identityKey(identity);
    // Fast path (every turn of a known person): nothing changed, so no write transaction.
    const known = await this.ctx.run(() => this.byIdentityWithTeamsId.get(key));
    if (
      known &&
      !changesProfile(known, profile) &&
      (key.teamsUserId === null || known.identity_teams_user_id === key.teamsUserId)
    )
      return userFromRow(known);
    return this.ctx.write(() => {
      const now = this.ctx.now();
      const found = this.byIdentity.get(key);
      if (found) {
        if (key.teamsUserId !== null) this.updateTeamsUserId.run(key);
        if (isEmptyPatch(profile)) return userFromRow(found);
        this.patchProfile.run(profileParams(found.id, profile ?? {}, now));
        return userFromRow(this.mustGet(found.id));
      }
      const id = randomUUID();
      const at = toMs(now);
      this.insertUser.run({
        id,
        displayName: profile?.displayName ?? null,
        timezone: profile?.timezone ?? null,
        at,
      });
      this.insertIdentity.run({ ...key, userId: id, at });
      return userFromRow(this.mustGet(id));
    });
  }

  findByIdentity(identity: PlatformIdentity): Promise<User | null> {
    return this.ctx.run(() => {
      const row = this.byIdentity.get(identityKey(identity));
      return row ? userFromRow(row) : null;
    });
  }

  get(userId: string): Promise<User | null> {
    return this.ctx.run(() => {
      const row = this.byId.get(userId);
      return row ? userFromRow(row) : null;
    });
  }

  identities(userId: string): Promise<PlatformIdentity[]> {
    return this.ctx.run(() => this.identityRows.all(userId).map(identityFromRow));
  }

  async updateProfile(userId: string, patch: UserProfilePatch): Promise<void> {
    if (isEmptyPatch(patch)) return;
    await this.ctx.run(() => this.patchProfile.run(profileParams(userId, patch, this.ctx.now())));
  }

  async setOrgs(userId: string, orgs: string[] | null): Promise<void> {
    const json = orgs === null ? null : JSON.stringify(orgs);
    await this.ctx.run(() => this.updateOrgs.run(json, toMs(this.ctx.now()), userId));
  }

  async setEntraAccount(userId: string, account: EntraAccount | null): Promise<void> {
    await this.ctx.run(() =>
      this.updateEntra.run(
        account?.homeAccountId ?? null,
        account?.tenantId ?? null,
        account?.username ?? null,
        toMs(this.ctx.now()),
        userId,
      ),
    );
  }

  listSignedIn(afterId: string | null, limit: number): Promise<User[]> {
    const n = Math.max(0, Math.floor(limit));
    return this.ctx.run(() =>
      (afterId === null ? this.signedInFirst.all(n) : this.signedInAfter.all(afterId, n)).map(userFromRow),
    );
  }

  async removeIdentity(identity: PlatformIdentity): Promise<void> {
    await this.ctx.run(() => this.deleteIdentity.run(identityKey(identity)));
  }

  private mustGet(id: string): UserRow {
    const row = this.byId.get(id);
    if (!row) throw new Error(`user ${id} vanished inside its own transaction`);
    return row;
  }
}
