import { startAdoHarness, DAY_MS, NOW, type AdoHarness } from '../support/ado-harness';

let h: AdoHarness;
beforeEach(async () => {
  h = await startAdoHarness();
});
afterEach(() => h.close());

const ctx = async (user = h.alice, org = 'contoso') => ({ org, accessToken: await h.token(user) });

describe('AdoTokensClient list', () => {
  it('reads every page (≥ 3) with the same filter and sort on each page', async () => {
    for (let i = 0; i < 7; i++) {
      h.sim.addPat({
        ownerOid: h.alice.oid,
        org: 'contoso',
        name: `pat-${i}`,
        validTo: new Date(NOW.getTime() + (i + 1) * DAY_MS),
      });
    }
    h.sim.addPat({
      ownerOid: h.alice.oid,
      org: 'contoso',
      name: 'old',
      validTo: new Date(NOW.getTime() - DAY_MS),
    });
    h.sim.addPat({
      ownerOid: h.bob.oid,
      org: 'contoso',
      name: 'bobs',
      validTo: new Date(NOW.getTime() + DAY_MS),
    });
    const { client } = h.client({ pageSize: 3 });

    const pats = await client.list(await ctx(), {
      filter: 'active',
      sortBy: 'displayDate',
      ascending: false,
    });

    expect(pats.map((p) => p.name)).toEqual(['pat-6', 'pat-5', 'pat-4', 'pat-3', 'pat-2', 'pat-1', 'pat-0']);
    const calls = h.sim.requests({ method: 'GET' });
    expect(calls).toHaveLength(3);
    for (const [i, call] of calls.entries()) {
      const q = new URLSearchParams(call.query);
      expect(q.get('api-version')).toBe('7.1-preview.1');
      expect(q.get('displayFilterOption')).toBe('active');
      expect(q.get('sortByOption')).toBe('displayDate');
      expect(q.get('isSortAscending')).toBe('false');
      expect(q.get('$top')).toBe('3');
      expect(q.has('continuationToken')).toBe(i > 0);
    }
  });

  it('maps wire PATs to core PATs with dates, org and global targeting, and no secret', async () => {
    const seeded = h.sim.addPat({
      ownerOid: h.alice.oid,
      name: 'everywhere',
      scope: 'app_token',
      validFrom: new Date('2026-11-01T10:00:00.319Z'),
      validTo: new Date('2026-12-25T23:46:23.319Z'),
    });
    const { client } = h.client();
    const [pat] = await client.list(await ctx(), { filter: 'all' });
    expect(pat).toEqual({
      id: seeded.authorizationId,
      name: 'everywhere',
      org: 'contoso',
      scope: 'app_token',
      targetAccounts: null,
      validFrom: new Date('2026-11-01T10:00:00.320Z'),
      validTo: new Date('2026-12-25T23:46:23.320Z'),
    });
    expect(Object.keys(pat)).not.toContain('token');
  });

  it('marks PATs listed with the revoked filter as revoked', async () => {
    h.sim.addPat({
      ownerOid: h.alice.oid,
      org: 'contoso',
      name: 'gone',
      validTo: new Date(NOW.getTime() + DAY_MS),
      revoked: true,
    });
    h.sim.addPat({
      ownerOid: h.alice.oid,
      org: 'contoso',
      name: 'here',
      validTo: new Date(NOW.getTime() + DAY_MS),
    });
    const { client } = h.client();
    const revoked = await client.list(await ctx(), { filter: 'revoked' });
    expect(revoked.map((p) => [p.name, p.revoked])).toEqual([['gone', true]]);
    const active = await client.list(await ctx(), { filter: 'active' });
    expect(active.map((p) => [p.name, p.revoked])).toEqual([['here', undefined]]);
  });

  it('shows each user only their own PATs', async () => {
    h.sim.addPat({
      ownerOid: h.bob.oid,
      org: 'contoso',
      name: 'bobs',
      validTo: new Date(NOW.getTime() + DAY_MS),
    });
    const { client } = h.client();
    expect(await client.list(await ctx(h.alice), { filter: 'all' })).toEqual([]);
    expect((await client.list(await ctx(h.bob), { filter: 'all' })).map((p) => p.name)).toEqual(['bobs']);
  });
});

describe('AdoTokensClient create / get / revoke', () => {
  it('returns the secret once; get and list never do', async () => {
    const { client } = h.client();
    const c = await ctx();
    const validTo = new Date(NOW.getTime() + 30 * DAY_MS);
    const { pat, secret } = await client.create(c, {
      name: 'ci',
      scope: 'vso.build',
      validTo,
      allOrgs: false,
    });
    expect(secret).toMatch(/^[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}$/);
    expect(pat).toMatchObject({
      name: 'ci',
      scope: 'vso.build',
      org: 'contoso',
      targetAccounts: [h.org.id],
      validTo,
    });
    expect(JSON.stringify(pat)).not.toContain(secret);

    const got = await client.get(c, pat.id);
    const listed = await client.list(c);
    expect(got).toEqual(pat);
    expect(listed).toEqual([pat]);
    expect(JSON.stringify([got, listed])).not.toContain(secret);
    expect(h.sim.requests({ method: 'POST' }).map((r) => r.body)).toEqual([
      { displayName: 'ci', scope: 'vso.build', validTo: validTo.toISOString(), allOrgs: false },
    ]);
  });

  it('revokes (204) and the simulator really holds the PAT as revoked', async () => {
    const seeded = h.sim.addPat({
      ownerOid: h.alice.oid,
      org: 'contoso',
      name: 'x',
      validTo: new Date(NOW.getTime() + DAY_MS),
    });
    const { client } = h.client();
    await client.revoke(await ctx(), seeded.authorizationId);
    expect(h.sim.requests({ method: 'DELETE' }).map((r) => r.status)).toEqual([204]);
    expect(h.sim.getPat(seeded.authorizationId)?.revoked).toBe(true);
  });

  it('accepts 200 for revoke too', async () => {
    const seeded = h.sim.addPat({
      ownerOid: h.alice.oid,
      org: 'contoso',
      name: 'x',
      validTo: new Date(NOW.getTime() + DAY_MS),
    });
    h.sim.inject({ status: 200, body: '' });
    const { client } = h.client();
    await expect(client.revoke(await ctx(), seeded.authorizationId)).resolves.toBeUndefined();
  });

  it('reports unknown and malformed ids as ado.pat_not_found', async () => {
    const { client } = h.client();
    await expect(client.get(await ctx(), '4ab5764f-4193-4f1d-b995-64144880b7d7')).rejects.toMatchObject({
      code: 'ado.pat_not_found',
      details: { patTokenError: 'authorizationNotFound' },
    });
    await expect(client.revoke(await ctx(), 'not-a-uuid')).rejects.toMatchObject({
      code: 'ado.pat_not_found',
      details: { patTokenError: 'invalidAuthorizationId' },
    });
  });

  it('refuses creates that break org policies with the matching code', async () => {
    h.sim.setPolicies('contoso', { restrictFullScope: true, restrictGlobal: true });
    const { client } = h.client();
    const validTo = new Date(NOW.getTime() + DAY_MS);
    await expect(
      client.create(await ctx(), { name: 'a', scope: 'app_token', validTo, allOrgs: false }),
    ).rejects.toMatchObject({ code: 'ado.pat_policy_full_scope' });
    await expect(
      client.create(await ctx(), { name: 'a', scope: 'vso.code', validTo, allOrgs: true }),
    ).rejects.toMatchObject({ code: 'ado.pat_policy_global' });
    h.sim.setPolicies('contoso', { disablePatCreation: true, creationAllowlist: [h.bob.oid] });
    await expect(
      client.create(await ctx(), { name: 'a', scope: 'vso.code', validTo, allOrgs: false }),
    ).rejects.toMatchObject({ code: 'ado.pat_policy_creation_disabled' });
    await expect(
      client.create(await ctx(h.bob), { name: 'a', scope: 'vso.code', validTo, allOrgs: false }),
    ).resolves.toMatchObject({ pat: { name: 'a' } });
    expect(h.sim.patsOf(h.alice.oid)).toEqual([]);
  });
});

describe('AdoTokensClient update (renew)', () => {
  it('sends only authorizationId and the changed fields, and reports an uncapped renewal', async () => {
    const seeded = h.sim.addPat({
      ownerOid: h.alice.oid,
      org: 'contoso',
      name: 'x',
      scope: 'vso.code',
      validFrom: NOW,
      validTo: new Date(NOW.getTime() + DAY_MS),
    });
    const { client } = h.client();
    const requested = new Date(NOW.getTime() + 60 * DAY_MS + 319);
    const result = await client.update(await ctx(), { id: seeded.authorizationId, validTo: requested });
    expect(result.capped).toBe(false);
    expect(result.requestedValidTo).toEqual(requested);
    expect(Math.abs(result.pat.validTo.getTime() - requested.getTime())).toBeLessThan(5);
    expect(h.sim.requests({ method: 'PUT' })[0].body).toEqual({
      authorizationId: seeded.authorizationId,
      validTo: requested.toISOString(),
    });
    const stored = h.sim.getPat(seeded.authorizationId);
    expect(stored?.validTo).toEqual(result.pat.validTo);
    expect(stored?.scope).toBe('vso.code');
  });

  it('reads back a renewal the org policy capped: capped is true and the stored date is returned', async () => {
    h.sim.setPolicies('contoso', { maxLifespanDays: 90 });
    const created = new Date(NOW.getTime() - 10 * DAY_MS);
    const seeded = h.sim.addPat({
      ownerOid: h.alice.oid,
      org: 'contoso',
      name: 'x',
      validFrom: created,
      validTo: new Date(NOW.getTime() + DAY_MS),
    });
    const { client } = h.client();
    const requested = new Date(NOW.getTime() + 180 * DAY_MS);
    const result = await client.update(await ctx(), { id: seeded.authorizationId, validTo: requested });
    expect(result.capped).toBe(true);
    expect(result.pat.validTo).toEqual(new Date(created.getTime() + 90 * DAY_MS));
    expect(h.sim.getPat(seeded.authorizationId)?.validTo).toEqual(result.pat.validTo);
  });

  it('renames without touching the expiry (capped false, no requestedValidTo)', async () => {
    const validTo = new Date(NOW.getTime() + DAY_MS);
    const seeded = h.sim.addPat({ ownerOid: h.alice.oid, org: 'contoso', name: 'x', validTo });
    const { client } = h.client();
    const result = await client.update(await ctx(), { id: seeded.authorizationId, name: 'y' });
    expect(result).toEqual({ pat: expect.objectContaining({ name: 'y', validTo }), capped: false });
    expect(h.sim.getPat(seeded.authorizationId)?.displayName).toBe('y');
    expect(h.sim.requests({ method: 'PUT' })[0].body).toEqual({
      authorizationId: seeded.authorizationId,
      displayName: 'y',
    });
  });

  it('refuses to extend an expired PAT and leaves it unchanged', async () => {
    const validTo = new Date(NOW.getTime() - DAY_MS);
    const seeded = h.sim.addPat({ ownerOid: h.alice.oid, org: 'contoso', name: 'x', validTo });
    const { client } = h.client();
    const error = await client
      .update(await ctx(), { id: seeded.authorizationId, validTo: new Date(NOW.getTime() + DAY_MS) })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ado.pat_expired_cannot_extend' });
    expect((error as Error).message).toContain('no longer lets expired PATs be extended');
    expect(h.sim.getPat(seeded.authorizationId)?.validTo).toEqual(validTo);
  });

  it('refuses to update a revoked PAT', async () => {
    const seeded = h.sim.addPat({
      ownerOid: h.alice.oid,
      org: 'contoso',
      name: 'x',
      validTo: new Date(NOW.getTime() + DAY_MS),
      revoked: true,
    });
    const { client } = h.client();
    await expect(client.update(await ctx(), { id: seeded.authorizationId, name: 'y' })).rejects.toMatchObject(
      {
        code: 'ado.pat_revoked',
      },
    );
  });
});
