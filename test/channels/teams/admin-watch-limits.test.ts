/**
 * The admin watch's limits through the real Teams endpoint, the real Azure DevOps client and the
 * simulator: a permanent delivery failure is dropped (the cursor moves on, `pat admin status`
 * shows it) while a transient one holds the cursor and is retried; one `pat admin expiring` per
 * organisation at a time, at most N people read and the answer says it is partial; the watch
 * stops, and tells the administrator, after Azure DevOps refuses the audit log three polls in a
 * row; the permission check sends the documented `alwaysAllowAdministrators`.
 */
import {
  ALICE,
  BOB,
  CHANNEL,
  cardOf,
  cardText,
  DAY_MS,
  PERSONAL_ALICE,
  PERSONAL_BOB,
  startTeamsHarness,
  type TeamsHarness,
} from '../../support/teams-harness';

const MON = new Date('2026-11-30T09:30:00.000Z');
const HOUR_MS = 3_600_000;
const CAROL = { oid: '33333333-3333-4333-8333-333333333333', name: 'carol@contoso.example' };

describe('Teams: pat admin limits (delivery failures, lost rights, expiry view bounds)', () => {
  let h: TeamsHarness;
  const texts = (conversationId: string): string[] =>
    h.connector.messages(conversationId).map((m) => (cardOf(m) ? cardText(cardOf(m)) : String(m.text)));
  const last = (conversationId: string): string => texts(conversationId).at(-1) ?? '';
  const alerts = (conversationId: string, needle: string): number =>
    texts(conversationId).filter((t) => t.includes(needle)).length;
  const poll = async () => {
    const tick = await h.pollAudit();
    if (tick.kind !== 'ran') throw new Error(`poll skipped: ${JSON.stringify(tick)}`);
    return tick.results.find((r) => r.org === 'contoso');
  };
  const revokedEvent = (name: string): void => {
    const pat = h.ado.addPat({
      ownerOid: BOB.oid,
      org: 'contoso',
      name,
      validTo: new Date(h.clock.now().getTime() + 20 * DAY_MS),
    });
    h.ado.addTokenEvent({
      org: 'contoso',
      actionId: 'Token.PatSystemRevokeEvent',
      patId: pat.authorizationId,
    });
  };

  beforeAll(async () => {
    h = await startTeamsHarness({ adminExpiringMaxUsers: 2 });
    h.clock.set(MON);
    h.entra.setAccessTokenLifetime(60);
    h.ado.addCollectionAdmin('contoso', ALICE.oid);
    h.ado.addMember('contoso', { oid: CAROL.oid, name: CAROL.name });
    await h.message(ALICE, PERSONAL_ALICE, 'pat help');
    await h.message(BOB, PERSONAL_BOB, 'pat help');
    await h.signIn(ALICE);
    await h.signIn(BOB);
    await h.message(BOB, CHANNEL, 'pat subscribe');
    await h.message(ALICE, PERSONAL_ALICE, 'pat admin watch contoso');
    expect(last(PERSONAL_ALICE.id)).toContain('Watching contoso');
    h.clock.advance(60_000);
    await poll();
    h.connector.clear();
  });
  afterAll(async () => h.close());

  it('asks Azure DevOps with the documented alwaysAllowAdministrators parameter', () => {
    const checks = h.ado.requests({ oid: ALICE.oid }).filter((r) => r.path.includes('/_apis/permissions/'));
    expect(checks.length).toBeGreaterThan(0);
    for (const c of checks) {
      const q = new URLSearchParams(c.query);
      expect(q.get('alwaysAllowAdministrators')).toBe('true');
      expect(q.has('alwaysAllow')).toBe(false);
    }
  });

  it('a transient failure holds the cursor and is retried; the alert then goes out once', async () => {
    h.connector.failFor(CHANNEL.id, 429);
    revokedEvent('flaky-key');
    h.clock.advance(60_000);
    const before = (await h.store.admin.get('contoso'))?.since;
    const first = await poll();
    expect(first).toMatchObject({ failed: 1, dropped: 0 });
    expect((await h.store.admin.get('contoso'))?.since).toEqual(before);
    expect(alerts(PERSONAL_BOB.id, 'flaky-key')).toBe(1);
    h.connector.clearFailures();
    h.clock.advance(HOUR_MS);
    expect(await poll()).toMatchObject({ failed: 0 });
    expect(alerts(CHANNEL.id, 'flaky-key')).toBe(1);
    expect(alerts(PERSONAL_BOB.id, 'flaky-key')).toBe(1);
    expect((await h.store.admin.get('contoso'))?.since.getTime()).toBeGreaterThan(before?.getTime() ?? 0);
  });

  it('a permanent failure (bot removed from the channel) is dropped: the cursor moves on and status shows it', async () => {
    h.connector.failFor(CHANNEL.id, 403);
    revokedEvent('gone-channel-key');
    const sinces: number[] = [];
    const summaries = [];
    const tries: number[] = [];
    for (let i = 0; i < 4; i++) {
      h.clock.advance(HOUR_MS);
      summaries.push(await poll());
      sinces.push((await h.store.admin.get('contoso'))?.since.getTime() ?? 0);
      tries.push(h.connector.failedCalls(CHANNEL.id));
    }
    expect(summaries[0]).toMatchObject({ failed: 0, dropped: 1 });
    for (const s of summaries.slice(1)) expect(s).toMatchObject({ failed: 0 });
    // Each poll starts from (about) the previous one: the read window does not grow.
    for (let i = 1; i < sinces.length; i++) expect(sinces[i] - sinces[i - 1]).toBe(HOUR_MS);
    expect(alerts(PERSONAL_BOB.id, 'gone-channel-key')).toBe(1);
    // Never posted again after the first refusal.
    expect(tries[0]).toBeGreaterThan(0);
    expect(new Set(tries).size).toBe(1);
    expect((await h.store.admin.get('contoso'))?.lastError).toMatch(/^alert:/);
    await h.message(ALICE, PERSONAL_ALICE, 'pat admin status');
    expect(last(PERSONAL_ALICE.id)).toContain('last alert not delivered: chat.unreachable');
    h.connector.clearFailures();
  });

  it('expiring reads at most the configured number of people and says the answer is partial', async () => {
    h.ado.addPat({
      ownerOid: BOB.oid,
      org: 'contoso',
      name: 'soon-key',
      validTo: new Date(h.clock.now().getTime() + 3 * DAY_MS),
    });
    const before = h.ado.requests({ oid: ALICE.oid }).length;
    await h.message(ALICE, PERSONAL_ALICE, 'pat admin expiring contoso');
    const reads = h.ado
      .requests({ oid: ALICE.oid })
      .slice(before)
      .filter((r) => r.path.includes('/tokenadmin/personalaccesstokens/'));
    expect(reads).toHaveLength(2);
    expect(last(PERSONAL_ALICE.id)).toContain(
      'This list is partial: I read the PATs of the first 2 of 3 people',
    );
  });

  it('refuses a second expiring run for the same organisation while one is running, then runs again', async () => {
    const now = h.clock.now();
    // Another instance's run: its lease and start time, as withExpiringRun writes them.
    expect(await h.store.leases.tryAcquire('admin-expiring:contoso', 'other:run', now, 15 * 60_000)).toBe(
      true,
    );
    await h.store.ephemeral.put(
      'admin-expiring:contoso',
      now.toISOString(),
      new Date(now.getTime() + 60_000),
      now,
    );
    const before = h.ado.requestCount();
    await h.message(ALICE, PERSONAL_ALICE, 'pat admin expiring contoso');
    expect(last(PERSONAL_ALICE.id)).toContain('is already running, started at');
    expect(h.ado.requests({ oid: ALICE.oid }).slice(-1)[0]?.path).toContain('/_apis/permissions/');
    expect(h.ado.requestCount() - before).toBe(1);
    await h.store.leases.release('admin-expiring:contoso', 'other:run');
    await h.message(ALICE, PERSONAL_ALICE, 'pat admin expiring contoso');
    expect(last(PERSONAL_ALICE.id)).toContain('soon-key');
    // Our own run let go of the organisation: the next one runs too.
    await h.message(ALICE, PERSONAL_ALICE, 'pat admin expiring contoso');
    expect(last(PERSONAL_ALICE.id)).toContain('soon-key');
  });

  it('stops watching and tells the administrator after three polls refused in a row (a success resets the count)', async () => {
    h.ado.removeCollectionAdmin('contoso', ALICE.oid);
    for (let i = 0; i < 2; i++) {
      h.clock.advance(HOUR_MS);
      expect(await poll()).toMatchObject({ error: 'ado.forbidden' });
    }
    h.ado.addCollectionAdmin('contoso', ALICE.oid);
    h.clock.advance(HOUR_MS);
    expect(await poll()).toMatchObject({ error: null });
    h.ado.removeCollectionAdmin('contoso', ALICE.oid);
    h.connector.clear();
    for (let i = 0; i < 2; i++) {
      h.clock.advance(HOUR_MS);
      await poll();
    }
    expect(await h.store.admin.get('contoso')).not.toBeNull();
    expect(texts(PERSONAL_ALICE.id)).toEqual([]);
    h.clock.advance(HOUR_MS);
    expect(await poll()).toMatchObject({ error: 'ado.forbidden' });
    expect(await h.store.admin.get('contoso')).toBeNull();
    const notice = last(PERSONAL_ALICE.id);
    expect(notice).toContain('I stopped watching contoso');
    expect(notice).toContain('View audit log');
    expect(notice).toContain('pat admin watch contoso');
    h.clock.advance(HOUR_MS);
    const tick = await h.pollAudit();
    expect(tick).toMatchObject({ kind: 'ran', results: [] });
  });
});
