/** SQLite `AdminWatchStore`: one row per watched organisation (`org_watches`). */
import type { AdminWatchStore, OrgWatch, WatchProgress } from '../../core/admin/admin-store';
import { toMs } from '../time';
import { orgKey, toWatch, WATCH_COLUMNS, type WatchRow } from '../watch-rows';
import type { SqliteContext } from './sqlite-context';

export class SqliteAdminWatchStore implements AdminWatchStore {
  private readonly upsertRow;
  private readonly deleteRow;
  private readonly getRow;
  private readonly listRows;
  private readonly progressRow;
  private readonly userRow;

  constructor(private readonly ctx: SqliteContext) {
    const db = ctx.db;
    this.upsertRow = db.prepare<{ key: string; org: string; admin: string; now: number }>(
      `INSERT INTO org_watches (org_key, org, admin_user_id, watched_at, since_at)
       VALUES (@key, @org, @admin, @now, @now)
       ON CONFLICT (org_key) DO UPDATE SET org = excluded.org, admin_user_id = excluded.admin_user_id`,
    );
    this.deleteRow = db.prepare<[string]>('DELETE FROM org_watches WHERE org_key = ?');
    this.getRow = db.prepare<[string], WatchRow>(
      `SELECT ${WATCH_COLUMNS} FROM org_watches WHERE org_key = ?`,
    );
    this.listRows = db.prepare<[], WatchRow>(`SELECT ${WATCH_COLUMNS} FROM org_watches ORDER BY org_key`);
    this.progressRow = db.prepare<{
      key: string;
      since: number;
      eventId: string | null;
      eventAt: number | null;
      polledAt: number;
      error: string | null;
    }>(
      `UPDATE org_watches SET since_at = @since, last_event_id = COALESCE(@eventId, last_event_id),
         last_event_at = COALESCE(@eventAt, last_event_at), last_polled_at = @polledAt, last_error = @error
       WHERE org_key = @key`,
    );
    this.userRow = db.prepare<[string], { id: string }>(
      `SELECT id FROM users WHERE lower(entra_username) = lower(?) AND entra_home_account_id IS NOT NULL
       ORDER BY updated_at DESC LIMIT 1`,
    );
  }

  async watch(org: string, adminUserId: string, now: Date): Promise<OrgWatch> {
    const key = orgKey(org);
    return this.ctx.write(() => {
      this.upsertRow.run({ key, org, admin: adminUserId, now: toMs(now) });
      return toWatch(this.getRow.get(key) as WatchRow);
    });
  }

  unwatch(org: string): Promise<boolean> {
    return this.ctx.run(() => this.deleteRow.run(orgKey(org)).changes === 1);
  }

  get(org: string): Promise<OrgWatch | null> {
    return this.ctx.run(() => {
      const row = this.getRow.get(orgKey(org));
      return row ? toWatch(row) : null;
    });
  }

  list(): Promise<OrgWatch[]> {
    return this.ctx.run(() => this.listRows.all().map(toWatch));
  }

  async saveProgress(org: string, p: WatchProgress): Promise<void> {
    await this.ctx.run(() =>
      this.progressRow.run({
        key: orgKey(org),
        since: toMs(p.since),
        eventId: p.lastEventId,
        eventAt: p.lastEventAt ? toMs(p.lastEventAt) : null,
        polledAt: toMs(p.polledAt),
        error: p.error,
      }),
    );
  }

  userIdByUsername(username: string): Promise<string | null> {
    return this.ctx.run(() => this.userRow.get(username)?.id ?? null);
  }
}
