/**
 * The audit poll across instances: two poll schedulers on one SQLite file, each with its own
 * store connection, take turns through the lease; only one polls per interval, and a dead
 * holder's lease runs out so another instance takes over.
 */
import { AdoAdminClient } from '../../src/ado';
import type { AdminDeps } from '../../src/core/admin/admin-deps';
import { silentLogger } from '../../src/core/logger';
import type { Notifier } from '../../src/core/notifier';
import type { Store } from '../../src/core/store';
import { AuditPollScheduler } from '../../src/scheduler';
import { startAdoHarness, type AdoHarness } from '../support/ado-harness';
import { tempDb, type TempDb } from '../store/support/temp-db';

const noChat: Notifier = {
  sendDirect: async () => ({ ok: true }),
  sendChannelDigest: async () => ({ ok: true }),
};

describe('AuditPollScheduler across instances', () => {
  let h: AdoHarness;
  let db: TempDb;
  let stores: Store[];

  beforeEach(async () => {
    h = await startAdoHarness();
    h.sim.addCollectionAdmin('contoso', h.alice.oid);
    db = tempDb();
    stores = [await db.open({ now: () => h.clock.now() }), await db.open({ now: () => h.clock.now() })];
  });
  afterEach(async () => {
    for (const s of stores) await s.close();
    await db.cleanup();
    await h.close();
  });

  function instance(store: Store, id: string): AuditPollScheduler {
    const deps: AdminDeps = {
      store,
      api: new AdoAdminClient({
        vsspsBaseUrl: h.sim.url,
        auditBaseUrl: h.sim.url,
        devBaseUrl: h.sim.url,
        clock: h.clock,
      }),
      tokenProvider: {
        getAccessToken: async () => ({
          kind: 'ok',
          accessToken: await h.token(h.alice, { scp: 'user_impersonation' }),
          expiresOn: new Date(h.clock.now().getTime() + 3_600_000),
        }),
      },
      notifier: noChat,
      clock: h.clock,
      logger: silentLogger,
      pollSeconds: 300,
      digestAt: { weekday: 1, hour: 8, minute: 0 },
      instanceId: id,
    };
    return new AuditPollScheduler({ ...deps, store });
  }

  it('polls on one instance per interval and hands over when the holder stops', async () => {
    const admin = await stores[0].users.upsertByIdentity({
      platform: 'slack',
      teamId: 'T',
      slackUserId: 'U',
    });
    await stores[0].admin.watch('contoso', admin.id, h.clock.now());
    const [a, b] = [instance(stores[0], 'a'), instance(stores[1], 'b')];
    expect(await a.tick()).toMatchObject({ kind: 'ran', results: [{ org: 'contoso', error: null }] });
    expect(await b.tick()).toEqual({ kind: 'skipped', reason: 'lease-held' });
    h.clock.advance(300_000);
    // Instance a is gone: its lease has run out, so b polls.
    expect(await b.tick()).toMatchObject({ kind: 'ran' });
    expect(await a.tick()).toEqual({ kind: 'skipped', reason: 'lease-held' });
    const audits = h.sim.requests({ method: 'GET' }).filter((r) => r.path.endsWith('/auditlog'));
    expect(audits).toHaveLength(2);
  });
});
