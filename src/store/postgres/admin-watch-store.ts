/** PostgreSQL `AdminWatchStore`: one row per watched organisation (`org_watches`). */
import type { AdminWatchStore, OrgWatch, WatchProgress } from '../../core/admin/admin-store';
import { toMs } from '../time';
import { orgKey, toWatch, WATCH_COLUMNS, type WatchRow } from '../watch-rows';
import type { PgContext } from './pg-context';

export class PgAdminWatchStore implements AdminWatchStore {
  constructor(private readonly ctx: PgContext) {}

  async watch(org: string, adminUserId: string, now: Date): Promise<OrgWatch> {
    const { rows } = await this.ctx.query<WatchRow>(
      `INSERT INTO org_watches (org_key, org, admin_user_id, watched_at, since_at)
       VALUES ($1, $2, $3, $4, $4)
       ON CONFLICT (org_key) DO UPDATE SET org = excluded.org, admin_user_id = excluded.admin_user_id
       RETURNING ${WATCH_COLUMNS}`,
      [orgKey(org), org, adminUserId, toMs(now)],
    );
    return toWatch(rows[0]);
  }

  async unwatch(org: string): Promise<boolean> {
    const { rowCount } = await this.ctx.query('DELETE FROM org_watches WHERE org_key = $1', [orgKey(org)]);
    return rowCount === 1;
  }

  async get(org: string): Promise<OrgWatch | null> {
    const { rows } = await this.ctx.query<WatchRow>(
      `SELECT ${WATCH_COLUMNS} FROM org_watches WHERE org_key = $1`,
      [orgKey(org)],
    );
    return rows[0] ? toWatch(rows[0]) : null;
  }

  async list(): Promise<OrgWatch[]> {
    const { rows } = await this.ctx.query<WatchRow>(
      `SELECT ${WATCH_COLUMNS} FROM org_watches ORDER BY org_key`,
    );
    return rows.map(toWatch);
  }

  async saveProgress(org: string, p: WatchProgress): Promise<void> {
    await this.ctx.query(
      `UPDATE org_watches SET since_at = $2, last_event_id = COALESCE($3, last_event_id),
         last_event_at = COALESCE($4, last_event_at), last_polled_at = $5, last_error = $6
       WHERE org_key = $1`,
      [
        orgKey(org),
        toMs(p.since),
        p.lastEventId,
        p.lastEventAt ? toMs(p.lastEventAt) : null,
        toMs(p.polledAt),
        p.error,
      ],
    );
  }

  async userIdByUsername(username: string): Promise<string | null> {
    const { rows } = await this.ctx.query<{ id: string }>(
      `SELECT id FROM users WHERE lower(entra_username) = lower($1) AND entra_home_account_id IS NOT NULL
       ORDER BY updated_at DESC LIMIT 1`,
      [username],
    );
    return rows[0]?.id ?? null;
  }
}
