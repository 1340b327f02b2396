/**
 * AdoAdminClient against the simulator: the permission check, the audit log pages (hasMore and
 * the continuation token), Graph users over the header continuation, Token Admin lists, and
 * Retry-After honoured on a 429.
 */
import { AdoAdminClient } from '../../src/ado';
import { CodedError } from '../../src/errors';
import { startAdoHarness, DAY_MS, NOW, type AdoHarness } from '../support/ado-harness';

let h: AdoHarness;
let waits: number[];
let client: AdoAdminClient;
beforeEach(async () => {
  h = await startAdoHarness({ graphPageSize: 1 });
  h.sim.addCollectionAdmin('contoso', h.alice.oid);
  waits = [];
  client = new AdoAdminClient({
    vsspsBaseUrl: h.sim.url,
    auditBaseUrl: h.sim.url,
    devBaseUrl: h.sim.url,
    clock: h.clock,
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0.5,
  });
});
afterEach(() => h.close());

const ctx = async (user = h.alice) => ({
  org: 'contoso',
  accessToken: await h.token(user, { scp: 'user_impersonation' }),
});

describe('AdoAdminClient', () => {
  it('tells an administrator from a member', async () => {
    expect(await client.canReadAuditLog(await ctx())).toBe(true);
    expect(await client.canReadAuditLog(await ctx(h.bob))).toBe(false);
  });

  it('reads the audit log page by page and maps a system revocation', async () => {
    const pat = h.sim.addPat({
      ownerOid: h.bob.oid,
      org: 'contoso',
      name: 'leaked',
      validTo: new Date(NOW.getTime() + DAY_MS),
    });
    h.sim.addTokenEvent({
      org: 'contoso',
      actionId: 'Token.PatPublicDiscoveryEvent',
      patId: pat.authorizationId,
      at: new Date(NOW.getTime() - 2000),
    });
    h.sim.addTokenEvent({
      org: 'contoso',
      actionId: 'Token.PatSystemRevokeEvent',
      patId: pat.authorizationId,
      at: new Date(NOW.getTime() - 1000),
    });
    const query = { startTime: new Date(NOW.getTime() - DAY_MS), endTime: NOW, batchSize: 1 };
    const first = await client.auditPage(await ctx(), query);
    expect(first.hasMore).toBe(true);
    expect(first.events).toEqual([
      expect.objectContaining({
        actionId: 'Token.PatSystemRevokeEvent',
        actorUserId: null,
        patId: pat.authorizationId,
        patName: 'leaked',
        ownerName: 'bob@contoso.com',
      }),
    ]);
    const second = await client.auditPage(await ctx(), {
      ...query,
      continuationToken: first.continuationToken ?? undefined,
    });
    expect(second.hasMore).toBe(false);
    expect(second.events.map((e) => e.actionId)).toEqual(['Token.PatPublicDiscoveryEvent']);
  });

  it('refuses a member without View audit log with a coded error', async () => {
    const error = await client
      .auditPage(await ctx(h.bob), { startTime: NOW, endTime: NOW, batchSize: 10 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CodedError);
    expect((error as CodedError).code).toBe('ado.forbidden');
  });

  it('lists every user over the header continuation and each one’s PATs', async () => {
    h.sim.markDeparted('contoso', h.bob.oid);
    h.sim.addPat({
      ownerOid: h.bob.oid,
      org: 'contoso',
      name: 'ci',
      validTo: new Date(NOW.getTime() + 3 * DAY_MS),
    });
    const users = await client.listUsers(await ctx());
    expect(users.map((u) => [u.principalName, u.departed]).sort()).toEqual([
      ['alice@contoso.com', false],
      ['bob@contoso.com', true],
    ]);
    const bob = users.find((u) => u.principalName === 'bob@contoso.com');
    const pats = await client.listUserPats(await ctx(), bob?.descriptor ?? '');
    expect(pats).toEqual([expect.objectContaining({ name: 'ci', isValid: true })]);
  });

  it('waits as long as Retry-After says on a 429, then succeeds', async () => {
    h.sim.inject({ status: 429, retryAfterSeconds: 7, match: { org: 'contoso' } });
    const users = await client.listUsers(await ctx());
    expect(users).toHaveLength(2);
    expect(waits).toContain(7000);
  });
});
