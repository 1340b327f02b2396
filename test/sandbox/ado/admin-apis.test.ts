/**
 * The simulator's organisation-level APIs against their public contracts: the audit log (paged,
 * continuation token, `hasMore`), Graph users (`X-MS-ContinuationToken` header), Token Admin
 * lists and the AuditLog permission check; PAT changes write `Token.*` audit entries.
 */
import { startAdoHarness, DAY_MS, NOW, type AdoHarness } from '../../support/ado-harness';
import { AUDIT_LOG_NAMESPACE } from '../../../src/sandbox/ado';

let h: AdoHarness;
beforeEach(async () => {
  h = await startAdoHarness({ graphPageSize: 1 });
  h.sim.addCollectionAdmin('contoso', h.alice.oid);
});
afterEach(() => h.close());

async function get(path: string, token?: string): Promise<Response> {
  return fetch(`${h.sim.url}/contoso/_apis/${path}`, {
    headers: {
      Authorization: `Bearer ${token ?? (await h.token(h.alice, { scp: 'user_impersonation' }))}`,
      'X-TFS-FedAuthRedirect': 'Suppress',
    },
  });
}

interface AuditPage {
  decoratedAuditLogEntries: Array<{
    id: string;
    actionId: string;
    data: Record<string, unknown>;
    timestamp: string;
    actorUPN: string;
  }>;
  continuationToken: string;
  hasMore: boolean;
}

describe('ADO simulator: audit log', () => {
  it('records PAT create, update and revoke, and pages newest first with a continuation token', async () => {
    const token = await h.token(h.bob, { scp: 'user_impersonation' });
    const pats = `${h.sim.url}/contoso/_apis/tokens/pats?api-version=7.1-preview.1`;
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const created = (await (
      await fetch(pats, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          displayName: 'deploy',
          scope: 'vso.code',
          validTo: new Date(NOW.getTime() + 10 * DAY_MS).toISOString(),
        }),
      })
    ).json()) as { patToken: { authorizationId: string } };
    const id = created.patToken.authorizationId;
    h.clock.advance(1000);
    await fetch(pats, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ authorizationId: id, displayName: 'deploy2' }),
    });
    h.clock.advance(1000);
    await fetch(`${pats}&authorizationId=${id}`, { method: 'DELETE', headers });
    h.clock.advance(1000);

    const window = `startTime=${new Date(NOW.getTime() - 1000).toISOString()}&endTime=${h.clock.now().toISOString()}`;
    const first = (await (
      await get(`audit/auditlog?${window}&batchSize=2&api-version=7.1-preview.1`)
    ).json()) as AuditPage;
    expect(first.hasMore).toBe(true);
    expect(first.decoratedAuditLogEntries.map((e) => e.actionId)).toEqual([
      'Token.PatRevokeEvent',
      'Token.PatUpdateEvent',
    ]);
    expect(first.decoratedAuditLogEntries[0]).toMatchObject({
      actorUPN: 'bob@contoso.com',
      data: { AuthorizationId: id, OwnerName: 'bob@contoso.com' },
    });
    const next = (await (
      await get(
        `audit/auditlog?${window}&batchSize=2&continuationToken=${encodeURIComponent(first.continuationToken)}&api-version=7.1-preview.1`,
      )
    ).json()) as AuditPage;
    expect(next.hasMore).toBe(false);
    expect(next.decoratedAuditLogEntries.map((e) => e.actionId)).toEqual(['Token.PatCreateEvent']);
    // A token from one query is refused for another.
    const other = await get(
      `audit/auditlog?batchSize=2&continuationToken=${encodeURIComponent(first.continuationToken)}&api-version=7.1-preview.1`,
    );
    expect(other.status).toBe(400);
  });

  it('a system revocation revokes the PAT and is logged with no actor; a member without View audit log gets 403', async () => {
    const pat = h.sim.addPat({
      ownerOid: h.bob.oid,
      org: 'contoso',
      name: 'leaked',
      validTo: new Date(NOW.getTime() + 5 * DAY_MS),
    });
    h.sim.addTokenEvent({
      org: 'contoso',
      actionId: 'Token.PatSystemRevokeEvent',
      patId: pat.authorizationId,
    });
    expect(h.sim.getPat(pat.authorizationId)?.revoked).toBe(true);
    const page = (await (await get('audit/auditlog?api-version=7.1-preview.1')).json()) as AuditPage & {
      decoratedAuditLogEntries: Array<{ actorUserId: string; details: string }>;
    };
    expect(page.decoratedAuditLogEntries).toHaveLength(1);
    expect(page.decoratedAuditLogEntries[0].actorUserId).toBe('00000000-0000-0000-0000-000000000000');
    expect(page.decoratedAuditLogEntries[0].details).toBe(
      'Personal Access Token "leaked" associated with user "bob@contoso.com" was revoked by the system.',
    );
    const refused = await get(
      'audit/auditlog?api-version=7.1-preview.1',
      await h.token(h.bob, { scp: 'user_impersonation' }),
    );
    expect(refused.status).toBe(403);
  });
});

describe('ADO simulator: Graph users, Token Admin, permissions', () => {
  it('lists users a page at a time through the X-MS-ContinuationToken header', async () => {
    h.sim.markDeparted('contoso', h.bob.oid);
    const seen: Array<{ principalName: string; isDeletedInOrigin: boolean; descriptor: string }> = [];
    let token: string | null = null;
    do {
      const res = await get(
        `graph/users?subjectTypes=aad${token ? `&continuationToken=${encodeURIComponent(token)}` : ''}&api-version=7.1-preview.1`,
      );
      const body = (await res.json()) as { value: typeof seen };
      seen.push(...body.value);
      token = res.headers.get('x-ms-continuationtoken');
    } while (token);
    expect(seen.map((u) => [u.principalName, u.isDeletedInOrigin]).sort()).toEqual([
      ['alice@contoso.com', false],
      ['bob@contoso.com', true],
    ]);
    const bob = seen.find((u) => u.principalName === 'bob@contoso.com');
    h.sim.addPat({
      ownerOid: h.bob.oid,
      org: 'contoso',
      name: 'ci',
      validTo: new Date(NOW.getTime() + 3 * DAY_MS),
    });
    const list = (await (
      await get(`tokenadmin/personalaccesstokens/${bob?.descriptor}?api-version=7.1-preview.1`)
    ).json()) as {
      value: Array<{ displayName: string; isValid: boolean }>;
      continuationToken: string | null;
    };
    expect(list).toEqual({
      value: [expect.objectContaining({ displayName: 'ci', isValid: true })],
      continuationToken: null,
    });
    const notAdmin = await get(
      `tokenadmin/personalaccesstokens/${bob?.descriptor}?api-version=7.1-preview.1`,
      await h.token(h.bob, { scp: 'user_impersonation' }),
    );
    expect(notAdmin.status).toBe(401);
    expect((await get('tokenadmin/personalaccesstokens/aad.bm9ib2R5?api-version=7.1-preview.1')).status).toBe(
      404,
    );
  });

  it('answers the AuditLog Read check per caller', async () => {
    const path = `permissions/${AUDIT_LOG_NAMESPACE}/1?tokens=/AllPermissions&alwaysAllowAdministrators=true&api-version=7.1`;
    expect(await (await get(path)).json()).toEqual({ count: 1, value: [true] });
    const bobToken = await h.token(h.bob, { scp: 'user_impersonation' });
    expect(await (await get(path, bobToken)).json()).toEqual({ count: 1, value: [false] });
    h.sim.grantAuditLogRead('contoso', h.bob.oid);
    expect(await (await get(path, bobToken)).json()).toEqual({ count: 1, value: [true] });
  });

  it('lets administrators pass every bit only with alwaysAllowAdministrators=true (alwaysAllow is no parameter)', async () => {
    const manage = (q: string) =>
      `permissions/${AUDIT_LOG_NAMESPACE}/4?tokens=/AllPermissions&${q}api-version=7.1`;
    expect(await (await get(manage('alwaysAllowAdministrators=true&'))).json()).toEqual({
      count: 1,
      value: [true],
    });
    expect(await (await get(manage('alwaysAllow=true&'))).json()).toEqual({ count: 1, value: [false] });
    expect(await (await get(manage(''))).json()).toEqual({ count: 1, value: [false] });
    h.sim.removeCollectionAdmin('contoso', h.alice.oid);
    const read = `permissions/${AUDIT_LOG_NAMESPACE}/1?tokens=/AllPermissions&alwaysAllowAdministrators=true&api-version=7.1`;
    expect(await (await get(read)).json()).toEqual({ count: 1, value: [false] });
    h.sim.addCollectionAdmin('contoso', h.alice.oid);
  });
});
