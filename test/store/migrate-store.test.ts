/**
 * `npm run migrate-store`: a real SQLite file filled through the Store ports, copied into a
 * real PostgreSQL database, read back through the PostgreSQL Store; a second run copies 0.
 * Live shared values (a Slack command waiting for its sign-in, a sign-in failure memo) move
 * with the data; the sweep queue does not, and the output says so.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { PendingCommands } from '../../src/channels/slack/pending-commands';
import type { Store } from '../../src/core/store';
import { FailureMemo } from '../../src/identity/failure-memo';
import { needsSignin } from '../../src/identity/outcome-messages';
import { COPIED_TABLES, copySqliteToPostgres, SKIPPED_TABLES } from '../../src/store/copy-store';
import { openStore } from '../../src/store/open-store';
import { formatCounts, parseMigrateArgs } from '../../scripts/migrate-store';
import { createTestDatabase, describePostgres, dropTestDatabases } from './support/postgres';
import { tempDb, type TempDb } from './support/temp-db';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
const t0 = new Date('2026-03-01T08:00:00.000Z');
const at = (ms: number): Date => new Date(t0.getTime() + ms);
const key = { patId: 'pat-1', threshold: '7d', target: 'teams:a:1' };
const cipher = `{"v":1,"data":"${'q'.repeat(5000)}"}`;
const alice = { teamId: 'T1', slackUserId: 'U0' };
const waiting = {
  text: '/pat list',
  responseUrl: 'https://hooks.slack.com/commands/T1/1/x',
  channelId: 'C1',
};
const pending = (store: Store, now: Date) => new PendingCommands(store.ephemeral, 30 * 60_000, () => now);
const memo = (store: Store, now: Date) => new FailureMemo(store.ephemeral, { now: () => now });

async function fill(store: Store): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < 3; i += 1) {
    const u = await store.users.upsertByIdentity(
      { platform: 'slack', teamId: 'T1', slackUserId: `U${i}` },
      { displayName: `P${i}` },
    );
    await store.users.setEntraAccount(u.id, {
      homeAccountId: `oid${i}.tid`,
      tenantId: 'tid',
      username: `p${i}@x`,
    });
    await store.tokenCache.set(u.id, cipher);
    ids.push(u.id);
  }
  await store.users.upsertByIdentity({
    platform: 'teams',
    tenantId: 'tid',
    aadObjectId: 'OID',
    teamsUserId: '29:x',
  });
  await store.users.setOrgs(ids[0], ['contoso']);
  await store.conversations.upsert({
    key: 'slack:T1:D0',
    platform: 'slack',
    kind: 'personal',
    userId: ids[0],
    reference: { channel: 'D0' },
  });
  await store.subscriptions.upsert('slack:T1:C1', ids[1], 'deploy-*');
  await store.ledger.claim(key, 'proc-a', t0, 60_000);
  await store.ledger.markSent(key, at(10));
  await store.ledger.claim({ ...key, threshold: '1d' }, 'proc-a', t0, 60_000);
  await store.snoozes.set(ids[2], 'pat-9', at(86_400_000));
  await store.revokeReminders.schedule({
    userId: ids[0],
    org: 'contoso',
    patId: 'pat-old',
    patName: 'deploy',
    replacementName: 'deploy 2026-03-01',
    dueAt: at(3 * 86_400_000),
    createdAt: t0,
  });
  await store.audit.record({
    at: t0,
    userId: ids[0],
    action: 'renew',
    org: 'contoso',
    patId: 'pat-1',
    patName: 'ci',
    outcome: 'ok',
    detail: null,
  });
  await store.nonces.use('live', at(3_600_000), t0);
  await store.nonces.use('dead', at(1), t0);
  await store.leases.tryAcquire('reminder-sweep', 'old-instance', t0, 3_600_000);
  // Shared values: a command waiting for its sign-in, a failure memo, one value already expired.
  await pending(store, t0).remember(alice, waiting);
  await memo(store, t0).rememberTerminal(ids[1], { kind: 'needs_signin', error: needsSignin('expired') });
  await store.ephemeral.put('slack-pause:C9', '{"until":1}', at(1), t0);
  // A sweep in progress: its queue stays behind.
  await store.sweeps.open({ sweepId: 'sweep-1', plannedAt: t0, openedBy: 'proc-a', openedAt: t0 });
  await store.admin.watch('contoso', ids[0], t0);
  await store.adminDigests.subscribe('teams:19:admins', 'contoso', ids[0], t0);
  await store.adminDigests.recordUnknown('contoso', {
    eventId: 'ev-1',
    at: t0,
    seenAt: t0,
    line: 'x@contoso.com: "build" was revoked by Azure DevOps',
  });
  return ids;
}

describePostgres('migrate-store: SQLite → PostgreSQL', () => {
  let sqlite: TempDb;
  let target: string;
  let ids: string[];
  beforeAll(async () => {
    sqlite = tempDb();
    const source = await sqlite.open({ now: () => t0 });
    ids = await fill(source);
    await source.close();
    target = (await createTestDatabase()).url;
  });
  afterAll(async () => {
    await sqlite.cleanup();
    await dropTestDatabases();
  });

  it('copies every table, then copies 0 new rows on a second run', async () => {
    const first = await copySqliteToPostgres(sqlite.url, target, { now: () => at(1000) });
    expect(first.map((c) => c.table)).toEqual([...COPIED_TABLES]);
    const byTable = Object.fromEntries(first.map((c) => [c.table, c.copied]));
    expect(byTable).toEqual({
      users: 4,
      user_identities: 4,
      conversations: 1,
      subscriptions: 1,
      reminder_ledger: 2,
      snoozes: 1,
      revoke_reminders: 1,
      token_cache: 3,
      audit_log: 1,
      nonces: 1, // the expired one stays behind
      ephemeral: 2, // likewise
      org_watches: 1,
      admin_digests: 1,
      admin_unknown_events: 1,
    });
    const again = await copySqliteToPostgres(sqlite.url, target, { now: () => at(1000) });
    expect(again.every((c) => c.copied === 0 && c.existing === c.read)).toBe(true);
    expect(formatCounts(again)).toContain('total: 0 row(s) copied, 24 already there.');
  });

  it('the PostgreSQL store then serves the same data, ciphertext and ledger included', async () => {
    const pg = await openStore(target);
    try {
      const u0 = await pg.users.findByIdentity({ platform: 'slack', teamId: 'T1', slackUserId: 'U0' });
      expect(u0).toMatchObject({ id: ids[0], displayName: 'P0', orgs: ['contoso'], createdAt: t0 });
      expect((await pg.users.listSignedIn(null, 10)).map((u) => u.id).sort()).toEqual([...ids].sort());
      const teams = await pg.users.findByIdentity({ platform: 'teams', tenantId: 'TID', aadObjectId: 'oid' });
      expect(await pg.users.identities(teams?.id ?? '')).toEqual([
        { platform: 'teams', tenantId: 'tid', aadObjectId: 'oid', teamsUserId: '29:x' },
      ]);
      expect(await pg.tokenCache.get(ids[1])).toBe(cipher);
      expect(await pg.ledger.get(key)).toMatchObject({ status: 'sent', claimedBy: 'proc-a', sentAt: at(10) });
      expect(await pg.ledger.claim(key, 'new', at(10 ** 9), 60_000)).toBe(false);
      expect((await pg.conversations.personalFor(ids[0], 'slack'))?.reference).toEqual({ channel: 'D0' });
      expect((await pg.subscriptions.listForUser(ids[1]))[0]).toMatchObject({ namePattern: 'deploy-*' });
      expect(await pg.snoozes.get(ids[2], 'pat-9')).toEqual(at(86_400_000));
      expect(await pg.revokeReminders.listFor(ids[0])).toEqual([
        expect.objectContaining({
          patId: 'pat-old',
          replacementName: 'deploy 2026-03-01',
          dueAt: at(3 * 86_400_000),
        }),
      ]);
      expect(await pg.audit.list(ids[0], 5)).toHaveLength(1);
      expect(await pg.nonces.use('live', at(3_600_000), at(2000))).toBe(false);
      expect(await pg.leases.tryAcquire('reminder-sweep', 'new-instance', at(2000), 1000)).toBe(true);
      // Nobody loses the command they ran before signing in, and Entra is not asked again.
      expect(await pending(pg, at(2000)).take(alice)).toEqual(waiting);
      expect((await memo(pg, at(2000)).get(ids[1]))?.error.code).toBe('auth.needs_signin');
      expect(await pg.ephemeral.get('slack-pause:C9', at(2000))).toBeNull();
      expect(await pg.sweeps.latestOpen(t0)).toBeNull();
      expect(await pg.admin.get('Contoso')).toMatchObject({ adminUserId: ids[0], since: t0 });
    } finally {
      await pg.close();
    }
  });

  it('runs as npm run migrate-store and prints counts per table', async () => {
    const { stdout } = await run(
      'npx',
      ['tsx', 'scripts/migrate-store.ts', '--from', sqlite.url, '--to', target],
      { cwd: root },
    );
    expect(stdout).toMatch(/^users\s+4\s+0\s+4$/m);
    // By the real clock the shared values (and nonces) of March 2026 have expired: none is read.
    expect(stdout).toMatch(/^ephemeral\s+0\s+0\s+0$/m);
    expect(stdout).toMatch(/^not copied: leases \(.+\), sweeps \(.+\), sweep_items \(.+\)\.$/m);
    expect(stdout).toContain('total: 0 row(s) copied');
    expect(stdout).not.toContain(new URL(target).password);
    const failed = await run(
      'npx',
      ['tsx', 'scripts/migrate-store.ts', '--from', 'sqlite:/nope/x.db', '--to', target],
      { cwd: root },
    ).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('config.invalid: --from: there is no SQLite file'),
    });
  }, 60_000);
});

describe('migrate-store tables', () => {
  it('decides about every table of the schema: copied or skipped, none forgotten', async () => {
    const db = tempDb();
    try {
      await (await db.open()).close();
      const file = new Database(db.file, { readonly: true });
      const tables = (
        file.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>
      )
        .map((t) => t.name)
        .filter((name) => name !== 'schema_migrations' && !name.startsWith('sqlite_'));
      file.close();
      const decided = [...COPIED_TABLES, ...SKIPPED_TABLES.map((s) => s.table)];
      expect([...tables].sort()).toEqual([...decided].sort());
    } finally {
      await db.cleanup();
    }
  });
});

describe('migrate-store arguments', () => {
  it('parses --from/--to/--auth, --help, and refuses the rest', () => {
    expect(parseMigrateArgs(['--from', 'sqlite:a.db', '--to=postgres://h/d'])).toEqual({
      from: 'sqlite:a.db',
      to: 'postgres://h/d',
      auth: 'password',
    });
    expect(parseMigrateArgs(['--from=a.db', '--to', 'postgres://h/d', '--auth', 'entra'])?.auth).toBe(
      'entra',
    );
    expect(parseMigrateArgs(['--help'])).toBeNull();
    for (const argv of [
      ['--from', 'a.db'],
      ['--to'],
      ['--bogus'],
      ['--from', 'a', '--to', 'b', '--auth', 'x'],
    ])
      expect(() => parseMigrateArgs(argv)).toThrow(expect.objectContaining({ code: 'input.invalid' }));
  });
});
