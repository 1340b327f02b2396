import Database from 'better-sqlite3';
import type { PlatformIdentity, Store } from '../../src/core/store';
import { tempDb, type TempDb } from './support/temp-db';

const teams: PlatformIdentity = {
  platform: 'teams',
  tenantId: '11111111-2222-3333-4444-555555555555',
  aadObjectId: 'AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE',
};
const slack: PlatformIdentity = { platform: 'slack', teamId: 'T0001', slackUserId: 'U0001' };
const account = { homeAccountId: 'oid.tid', tenantId: 'tid', username: 'ana@contoso.com' };

describe('SqliteUserStore', () => {
  let t: TempDb;
  let store: Store;
  let clock: Date;
  beforeEach(async () => {
    t = tempDb();
    clock = new Date('2026-03-01T10:00:00.000Z');
    store = await t.open({ now: () => clock });
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('creates a user on first sight and finds the same one afterwards', async () => {
    const created = await store.users.upsertByIdentity(teams, {
      displayName: 'Ana',
      timezone: 'Europe/Berlin',
    });
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      displayName: 'Ana',
      timezone: 'Europe/Berlin',
      orgs: null,
      entraAccount: null,
      createdAt: clock,
      updatedAt: clock,
    });
    const again = await store.users.upsertByIdentity(teams);
    expect(again.id).toBe(created.id);
    expect(await store.users.findByIdentity(teams)).toEqual(created);
    expect(await store.users.get(created.id)).toEqual(created);
  });

  it('matches Teams GUIDs case-insensitively and keeps Slack identities separate', async () => {
    const a = await store.users.upsertByIdentity(teams);
    const upper = await store.users.findByIdentity({
      platform: 'teams',
      tenantId: teams.platform === 'teams' ? teams.tenantId.toUpperCase() : '',
      aadObjectId: teams.platform === 'teams' ? teams.aadObjectId.toLowerCase() : '',
    });
    expect(upper?.id).toBe(a.id);
    const b = await store.users.upsertByIdentity(slack);
    expect(b.id).not.toBe(a.id);
    expect(
      await store.users.findByIdentity({ platform: 'slack', teamId: 'T0001', slackUserId: 'U0002' }),
    ).toBeNull();
    expect(
      await store.users.findByIdentity({ platform: 'slack', teamId: 'T0002', slackUserId: 'U0001' }),
    ).toBeNull();
  });

  it('applies a profile patch on an existing user, only for the fields given', async () => {
    const u = await store.users.upsertByIdentity(slack, { displayName: 'Ana', timezone: 'Europe/Berlin' });
    clock = new Date('2026-03-02T10:00:00.000Z');
    const renamed = await store.users.upsertByIdentity(slack, { displayName: 'Ana B.' });
    expect(renamed).toMatchObject({
      id: u.id,
      displayName: 'Ana B.',
      timezone: 'Europe/Berlin',
      updatedAt: clock,
    });
    expect(renamed.createdAt).toEqual(u.createdAt);

    await store.users.updateProfile(u.id, { timezone: null });
    expect(await store.users.get(u.id)).toMatchObject({ displayName: 'Ana B.', timezone: null });
    await store.users.updateProfile(u.id, { displayName: null, timezone: 'UTC' });
    expect(await store.users.get(u.id)).toMatchObject({ displayName: null, timezone: 'UTC' });
  });

  it('writes nothing when a known person comes back unchanged, and still records a real change', async () => {
    const u = await store.users.upsertByIdentity(teams, { displayName: 'Ana', timezone: 'Europe/Berlin' });
    clock = new Date('2026-03-05T10:00:00.000Z');
    const same = await store.users.upsertByIdentity(teams, { displayName: 'Ana', timezone: 'Europe/Berlin' });
    expect(same.updatedAt).toEqual(u.updatedAt);
    const moved = await store.users.upsertByIdentity(teams, { displayName: 'Ana', timezone: 'Asia/Tokyo' });
    expect(moved).toMatchObject({ timezone: 'Asia/Tokyo', updatedAt: clock });
  });

  it('returns the identities of a user, with the Teams user id when known', async () => {
    const u = await store.users.upsertByIdentity(teams);
    await store.users.upsertByIdentity({ ...teams, teamsUserId: '29:abc' } as PlatformIdentity);
    expect(await store.users.identities(u.id)).toEqual([
      {
        platform: 'teams',
        tenantId: '11111111-2222-3333-4444-555555555555',
        aadObjectId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
        teamsUserId: '29:abc',
      },
    ]);
    expect(await store.users.identities('nobody')).toEqual([]);
  });

  it('stores orgs as a list and null as "the configured default"', async () => {
    const u = await store.users.upsertByIdentity(slack);
    await store.users.setOrgs(u.id, ['fabrikam', 'contoso']);
    expect((await store.users.get(u.id))?.orgs).toEqual(['fabrikam', 'contoso']);
    await store.users.setOrgs(u.id, []);
    expect((await store.users.get(u.id))?.orgs).toEqual([]);
    await store.users.setOrgs(u.id, null);
    expect((await store.users.get(u.id))?.orgs).toBeNull();
  });

  it('links and unlinks an Entra account', async () => {
    const u = await store.users.upsertByIdentity(slack);
    await store.users.setEntraAccount(u.id, account);
    expect((await store.users.get(u.id))?.entraAccount).toEqual(account);
    await store.users.setEntraAccount(u.id, { ...account, username: null });
    expect((await store.users.get(u.id))?.entraAccount).toEqual({ ...account, username: null });
    await store.users.setEntraAccount(u.id, null);
    expect((await store.users.get(u.id))?.entraAccount).toBeNull();
  });

  it('pages signed-in users in id order and skips the others', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      const u = await store.users.upsertByIdentity({ platform: 'slack', teamId: 'T1', slackUserId: `U${i}` });
      if (i !== 3) {
        await store.users.setEntraAccount(u.id, { ...account, homeAccountId: `oid${i}.tid` });
        ids.push(u.id);
      }
    }
    ids.sort();
    const pages: string[][] = [];
    let after: string | null = null;
    for (;;) {
      const page = await store.users.listSignedIn(after, 4);
      if (page.length === 0) break;
      pages.push(page.map((u) => u.id));
      after = page[page.length - 1].id;
    }
    expect(pages.map((p) => p.length)).toEqual([4, 2]);
    expect(pages.flat()).toEqual(ids);
    expect((await store.users.listSignedIn(null, 1))[0].entraAccount).not.toBeNull();
  });

  it('removes one identity and leaves the user and other identities', async () => {
    const u = await store.users.upsertByIdentity(teams);
    await store.users.removeIdentity(teams);
    expect(await store.users.findByIdentity(teams)).toBeNull();
    expect(await store.users.get(u.id)).not.toBeNull();
    const fresh = await store.users.upsertByIdentity(teams);
    expect(fresh.id).not.toBe(u.id);
  });

  it('creates exactly one user when two stores on one file race for the same identity', async () => {
    const other = await t.open();
    const results = await Promise.all([
      store.users.upsertByIdentity(slack),
      other.users.upsertByIdentity(slack),
      store.users.upsertByIdentity(slack),
      other.users.upsertByIdentity(slack),
    ]);
    expect(new Set(results.map((u) => u.id)).size).toBe(1);
    const db = new Database(t.file, { readonly: true });
    try {
      expect(db.prepare('SELECT COUNT(*) FROM users').pluck().get()).toBe(1);
      expect(db.prepare('SELECT COUNT(*) FROM user_identities').pluck().get()).toBe(1);
    } finally {
      db.close();
    }
  });
});
