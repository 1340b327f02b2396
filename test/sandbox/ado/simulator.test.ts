import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADO_RESOURCE_URI, startAdoSimulator } from '../../../src/sandbox/ado';
import { fixedClock } from '../../../src/core/clock';
import { createTestKey, mintJwt, testJwks } from '../../support/ado-jwt';
import { startAdoHarness, DAY_MS, NOW, type AdoHarness } from '../../support/ado-harness';

// Verbatim from the reference (§1.4): the simulator must answer with the same shapes.
const CREATE_EXAMPLE = {
  patToken: {
    displayName: 'new_token',
    validTo: '2020-12-01T23:46:23.32Z',
    scope: 'app_token',
    targetAccounts: ['38aaa865-2c70-4bf7-a308-0c6539c38c1a'],
    validFrom: '2020-11-02T22:56:52.1033333Z',
    authorizationId: '4ab5764f-4193-4f1d-b995-64144880b7d7',
    token: 'dip55dwf4vpitomw63jzvomefmi2jluguprzwwqwuc6xq4fhocwq',
  },
  patTokenError: 'none',
};
const LIST_EXAMPLE = {
  continuationToken: '',
  patTokens: [
    {
      displayName: 'all_access_token',
      validTo: '2020-11-23T04:04:38.5233333Z',
      scope: 'app_token',
      targetAccounts: null,
      validFrom: '2020-10-24T03:04:57.52Z',
      authorizationId: '4c60c9ed-a378-4883-af16-d655ca025b11',
      token: null,
    },
  ],
};
const UPDATE_EXAMPLE = {
  patToken: {
    displayName: 'updated_token',
    validTo: '2020-12-25T23:46:23.32Z',
    scope: 'vso.analytics',
    targetAccounts: null,
    validFrom: '2020-10-29T17:26:46.72Z',
    authorizationId: '3d3aca0c-9ad3-4b07-8334-08ec8b1ddc32',
    token: null,
  },
  patTokenError: 'none',
};

/** Same keys in the same order, and the same JSON type at every leaf (null stays null). */
function shape(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length ? [shape(value[0])] : [];
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, shape(v)]);
  }
  return typeof value;
}

let h: AdoHarness;
beforeEach(async () => {
  h = await startAdoHarness();
});
afterEach(() => h.close());

const base = () => `${h.sim.url}/contoso/_apis/tokens/pats?api-version=7.1-preview.1`;
async function call(
  method: string,
  query = '',
  options: { token?: string; body?: unknown; suppress?: boolean; auth?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = options.token ?? (await h.token(h.alice));
  headers.Authorization = options.auth ?? `Bearer ${token}`;
  if (options.auth === '') delete headers.Authorization;
  if (options.suppress !== false) headers['X-TFS-FedAuthRedirect'] = 'Suppress';
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(`${base()}${query}`, {
    method,
    headers,
    redirect: 'manual',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
}

describe('ADO simulator: wire shapes match the reference examples', () => {
  it('create, get, list, update and revoke', async () => {
    const created = await call('POST', '', {
      body: {
        displayName: 'new_token',
        scope: 'app_token',
        validTo: '2026-12-01T23:46:23.319Z',
        allOrgs: false,
      },
    });
    expect(created.status).toBe(200);
    const c = (await created.json()) as typeof CREATE_EXAMPLE;
    expect(shape(c)).toEqual(shape(CREATE_EXAMPLE));
    expect(c.patToken.validTo).toBe('2026-12-01T23:46:23.32Z');
    expect(c.patToken.targetAccounts).toEqual([h.org.id]);
    const id = c.patToken.authorizationId;

    const got = (await (await call('GET', `&authorizationId=${id}`)).json()) as typeof CREATE_EXAMPLE;
    expect(shape(got)).toEqual(
      shape({ ...CREATE_EXAMPLE, patToken: { ...CREATE_EXAMPLE.patToken, token: null } }),
    );
    expect(got.patToken.token).toBeNull();

    h.sim.addPat({
      ownerOid: h.alice.oid,
      name: 'all_access_token',
      scope: 'app_token',
      validTo: new Date(NOW.getTime() + DAY_MS),
    });
    const list = (await (await call('GET', '&displayFilterOption=all')).json()) as typeof LIST_EXAMPLE;
    expect(shape({ ...list, patTokens: [list.patTokens.find((p) => p.targetAccounts === null)] })).toEqual(
      shape(LIST_EXAMPLE),
    );
    expect(list.continuationToken).toBe('');
    expect(list.patTokens.every((p) => p.token === null)).toBe(true);

    const updated = await call('PUT', '', {
      body: {
        authorizationId: id,
        displayName: 'updated_token',
        validTo: '2026-12-25T23:46:23.319Z',
        allOrgs: true,
      },
    });
    const u = (await updated.json()) as typeof UPDATE_EXAMPLE;
    expect(shape(u)).toEqual(shape(UPDATE_EXAMPLE));
    expect(u.patToken).toMatchObject({
      targetAccounts: null,
      validTo: '2026-12-25T23:46:23.32Z',
      token: null,
    });

    const revoked = await call('DELETE', `&authorizationId=${id}`);
    expect(revoked.status).toBe(204);
    expect(await revoked.text()).toBe('');
    expect(h.sim.getPat(id)?.revoked).toBe(true);
  });

  it('answers errors as PatTokenResult with patToken null', async () => {
    const res = await call('GET', `&authorizationId=${randomUUID()}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ patToken: null, patTokenError: 'authorizationNotFound' });
  });
});

describe('ADO simulator: authentication like the real service', () => {
  it('Basic (a PAT) → 401 with the realistic challenge headers and a TF400813 body', async () => {
    const res = await call('GET', '', { auth: `Basic ${Buffer.from(':somepat').toString('base64')}` });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(
      'Basic realm="https://tfs.app.visualstudio.com/", Bearer, TFS-Federated',
    );
    expect(res.headers.get('x-vss-resourcetenant')).toBe(h.tenantId);
    for (const name of ['x-tfs-fedauthrealm', 'x-tfs-processid', 'activityid']) {
      expect(res.headers.get(name)).toBeTruthy();
    }
    expect(await res.json()).toMatchObject({
      message: "TF400813: The user '' is not authorized to access this resource.",
      typeKey: 'UnauthorizedRequestException',
    });
  });

  it('no credential → 302 to _signin, or 401 with X-TFS-FedAuthRedirect: Suppress', async () => {
    const redirected = await call('GET', '', { auth: '', suppress: false });
    expect(redirected.status).toBe(302);
    expect(redirected.headers.get('location')).toContain('/_signin?realm=vssps.dev.azure.com');
    expect(await redirected.text()).toContain('Object moved');
    expect((await call('GET', '', { auth: '' })).status).toBe(401);
  });

  it('app-only token → 302 without Suppress, 401 with it', async () => {
    const app = await h.token(h.alice, { scp: null, roles: ['x'], idtyp: 'app' });
    expect((await call('GET', '', { token: app, suppress: false })).status).toBe(302);
    expect((await call('GET', '', { token: app })).status).toBe(401);
  });

  it('not a member → 401 naming the user', async () => {
    const eve = { oid: randomUUID(), name: 'eve@fabrikam.com' };
    const res = await call('GET', '', { token: await h.token(eve) });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { message: string }).message).toBe(
      "TF400813: The user 'eve@fabrikam.com' is not authorized to access this resource.",
    );
  });

  it('checks signature, expiry, audience and issuer; accepts the resource URI audience', async () => {
    const other = createTestKey();
    expect((await call('GET', '', { token: await h.token(h.alice, { key: other }) })).status).toBe(401);
    expect((await call('GET', '', { token: await h.token(h.alice, { expiresInSeconds: -1 }) })).status).toBe(
      401,
    );
    expect(
      (await call('GET', '', { token: await h.token(h.alice, { audience: 'api://other' }) })).status,
    ).toBe(401);
    expect(
      (await call('GET', '', { token: await h.token(h.alice, { issuer: 'https://evil/' }) })).status,
    ).toBe(401);
    expect(
      (await call('GET', '', { token: await h.token(h.alice, { audience: ADO_RESOURCE_URI }) })).status,
    ).toBe(200);
  });

  it('scopes: vso.pats reads, writes need vso.pats_manage or user_impersonation', async () => {
    const read = await h.token(h.alice, { scp: 'vso.pats' });
    expect((await call('GET', '', { token: read })).status).toBe(200);
    expect((await call('DELETE', `&authorizationId=${randomUUID()}`, { token: read })).status).toBe(403);
    const legacy = await h.token(h.alice, { scp: 'user_impersonation' });
    expect((await call('DELETE', `&authorizationId=${randomUUID()}`, { token: legacy })).status).toBe(400);
  });

  it('MSA org → X-VSS-ResourceTenant all zeros; unknown org → 404', async () => {
    h.sim.addOrg({ name: 'personal', msa: true });
    const res = await fetch(`${h.sim.url}/personal/_apis/tokens/pats?api-version=7.1-preview.1`, {
      headers: { Authorization: `Bearer ${await h.token(h.alice)}`, 'X-TFS-FedAuthRedirect': 'Suppress' },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-vss-resourcetenant')).toBe('00000000-0000-0000-0000-000000000000');
    const missing = await fetch(`${h.sim.url}/nope/_apis/tokens/pats?api-version=7.1-preview.1`);
    expect(missing.status).toBe(404);
  });

  it('trusts keys from a JWKS URL', async () => {
    const key = createTestKey();
    const jwksServer: Server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(testJwks(key)));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/keys`;
    const sim = await startAdoSimulator({
      jwksUrl,
      issuers: ['https://sts.windows.net/t/'],
      clock: fixedClock(NOW),
    });
    try {
      sim.addOrg({ name: 'o' });
      sim.addMember('o', h.alice);
      const token = mintJwt(
        key,
        { oid: h.alice.oid, tid: 't', scp: 'vso.pats' },
        { issuer: 'https://sts.windows.net/t/', audience: '499b84ac-1321-427f-aa17-267ca6975798', now: NOW },
      );
      const res = await fetch(`${sim.url}/o/_apis/tokens/pats?api-version=7.1-preview.1`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
    } finally {
      await sim.close();
      await new Promise<void>((resolve) => jwksServer.close(() => resolve()));
    }
  });
});

describe('ADO simulator: list paging, filters and visibility', () => {
  beforeEach(() => {
    for (let i = 0; i < 5; i++) {
      h.sim.addPat({
        ownerOid: h.alice.oid,
        org: 'contoso',
        name: `p${i}`,
        validTo: new Date(NOW.getTime() + DAY_MS),
      });
    }
    h.sim.addPat({
      ownerOid: h.alice.oid,
      org: 'contoso',
      name: 'expired',
      validTo: new Date(NOW.getTime() - DAY_MS),
    });
    h.sim.addPat({
      ownerOid: h.alice.oid,
      org: 'contoso',
      name: 'revoked',
      validTo: new Date(NOW.getTime() + DAY_MS),
      revoked: true,
    });
    h.sim.addPat({ ownerOid: h.alice.oid, name: 'global', validTo: new Date(NOW.getTime() + DAY_MS) });
    h.sim.addOrg({ name: 'fabrikam' });
    h.sim.addMember('fabrikam', h.alice);
    h.sim.addPat({
      ownerOid: h.alice.oid,
      org: 'fabrikam',
      name: 'elsewhere',
      validTo: new Date(NOW.getTime() + DAY_MS),
    });
  });

  async function names(filter: string): Promise<string[]> {
    const body = (await (await call('GET', `&displayFilterOption=${filter}`)).json()) as LIST;
    return body.patTokens.map((p) => p.displayName).sort();
  }
  type LIST = { continuationToken: string; patTokens: Array<{ displayName: string }> };

  it('filters active / expired / revoked / all, org-scoped to this org plus global', async () => {
    expect(await names('active')).toEqual(['global', 'p0', 'p1', 'p2', 'p3', 'p4']);
    expect(await names('expired')).toEqual(['expired']);
    expect(await names('revoked')).toEqual(['revoked']);
    expect(await names('all')).toHaveLength(8);
  });

  it('pages with opaque tokens bound to the filter; the last page returns ""', async () => {
    const first = (await (await call('GET', '&displayFilterOption=active&$top=4')).json()) as LIST;
    expect(first.patTokens).toHaveLength(4);
    expect(first.continuationToken).not.toMatch(/^\d+$/);
    const mismatch = await call(
      'GET',
      `&displayFilterOption=all&$top=4&continuationToken=${encodeURIComponent(first.continuationToken)}`,
    );
    expect(mismatch.status).toBe(400);
    const forged = await call('GET', '&displayFilterOption=active&continuationToken=4');
    expect(forged.status).toBe(400);
    const second = (await (
      await call(
        'GET',
        `&displayFilterOption=active&$top=4&continuationToken=${encodeURIComponent(first.continuationToken)}`,
      )
    ).json()) as LIST;
    expect(second.patTokens).toHaveLength(2);
    expect(second.continuationToken).toBe('');
  });

  it('clamps $top above 100 and rejects $top below 1', async () => {
    for (let i = 0; i < 101; i++) {
      h.sim.addPat({
        ownerOid: h.alice.oid,
        org: 'contoso',
        name: `bulk${i}`,
        validTo: new Date(NOW.getTime() + DAY_MS),
      });
    }
    const page = (await (await call('GET', '&displayFilterOption=all&$top=500')).json()) as LIST;
    expect(page.patTokens).toHaveLength(100);
    expect(page.continuationToken).not.toBe('');
    expect((await call('GET', '&$top=0')).status).toBe(400);
  });

  it('sorts by name descending', async () => {
    const body = (await (
      await call('GET', '&displayFilterOption=active&sortByOption=displayName&isSortAscending=false')
    ).json()) as LIST;
    expect(body.patTokens.map((p) => p.displayName)).toEqual(['p4', 'p3', 'p2', 'p1', 'p0', 'global']);
  });

  it("cannot see or change another user's PAT", async () => {
    const bobs = h.sim.addPat({
      ownerOid: h.bob.oid,
      org: 'contoso',
      name: 'b',
      validTo: new Date(NOW.getTime() + DAY_MS),
    });
    const res = await call('DELETE', `&authorizationId=${bobs.authorizationId}`);
    expect(await res.json()).toEqual({ patToken: null, patTokenError: 'authorizationNotFound' });
    expect(h.sim.getPat(bobs.authorizationId)?.revoked).toBe(false);
  });
});

describe('ADO simulator: rules and policies', () => {
  const later = (days: number) => new Date(NOW.getTime() + days * DAY_MS).toISOString();

  it('caps create at the policy lifespan from now, and never beyond one year', async () => {
    const r1 = (await (
      await call('POST', '', { body: { displayName: 'a', scope: 'vso.code', validTo: later(800) } })
    ).json()) as typeof CREATE_EXAMPLE;
    expect(r1.patToken.validTo).toBe(later(365).replace('.000Z', 'Z'));
    h.sim.setPolicies('contoso', { maxLifespanDays: 7 });
    const r2 = (await (
      await call('POST', '', { body: { displayName: 'b', scope: 'vso.code', validTo: later(30) } })
    ).json()) as typeof CREATE_EXAMPLE;
    expect(r2.patToken.validTo).toBe(later(7).replace('.000Z', 'Z'));
  });

  it('caps update relative to the creation date', async () => {
    h.sim.setPolicies('contoso', { maxLifespanDays: 30 });
    const pat = h.sim.addPat({
      ownerOid: h.alice.oid,
      org: 'contoso',
      name: 'x',
      validFrom: new Date(NOW.getTime() - 20 * DAY_MS),
      validTo: new Date(NOW.getTime() + DAY_MS),
    });
    const res = (await (
      await call('PUT', '', { body: { authorizationId: pat.authorizationId, validTo: later(60) } })
    ).json()) as typeof UPDATE_EXAMPLE;
    expect(res.patToken.validTo).toBe(later(10).replace('.000Z', 'Z'));
  });

  it.each([
    [{ displayName: '', scope: 'vso.code' }, 'displayNameRequired'],
    [{ displayName: 'a', scope: '' }, 'invalidScope'],
    [{ displayName: 'a', scope: 'vso.code', validTo: '2020-01-01T00:00:00Z' }, 'invalidValidTo'],
  ])('create %j → %s', async (body, error) => {
    const res = await call('POST', '', { body });
    expect(await res.json()).toEqual({ patToken: null, patTokenError: error });
  });

  it('update: expired → expiredPatCannotBeExtended, revoked → invalidToken, bad id → invalidAuthorizationId', async () => {
    const expired = h.sim.addPat({
      ownerOid: h.alice.oid,
      org: 'contoso',
      name: 'e',
      validTo: new Date(NOW.getTime() - 1000),
    });
    const revoked = h.sim.addPat({
      ownerOid: h.alice.oid,
      org: 'contoso',
      name: 'r',
      validTo: new Date(NOW.getTime() + DAY_MS),
      revoked: true,
    });
    const put = async (body: unknown) =>
      (await (await call('PUT', '', { body })).json()) as { patTokenError: string };
    expect((await put({ authorizationId: expired.authorizationId, validTo: later(5) })).patTokenError).toBe(
      'expiredPatCannotBeExtended',
    );
    expect((await put({ authorizationId: revoked.authorizationId, validTo: later(5) })).patTokenError).toBe(
      'invalidToken',
    );
    expect((await put({ authorizationId: 'x', validTo: later(5) })).patTokenError).toBe(
      'invalidAuthorizationId',
    );
  });

  it('blockGlobalCreation → globalPATCreationBlocked', async () => {
    const clock = fixedClock(NOW);
    const key = createTestKey();
    const sim = await startAdoSimulator({
      jwks: testJwks(key),
      issuers: ['i'],
      clock,
      blockGlobalCreation: true,
      patErrorStatus: 200,
    });
    try {
      sim.addOrg({ name: 'o' });
      sim.addMember('o', h.alice);
      const token = mintJwt(
        key,
        { oid: h.alice.oid, scp: 'vso.pats_manage' },
        { issuer: 'i', audience: ADO_RESOURCE_URI, now: NOW },
      );
      const res = await fetch(`${sim.url}/o/_apis/tokens/pats?api-version=7.1-preview.1`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ displayName: 'g', scope: 'vso.code', validTo: later(5), allOrgs: true }),
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ patToken: null, patTokenError: 'globalPATCreationBlocked' });
    } finally {
      await sim.close();
    }
  });
});

describe('ADO simulator: faults and counters', () => {
  it('injects 429 with Retry-After and rate-limit headers, matched by method, then recovers', async () => {
    h.sim.inject({
      status: 429,
      retryAfterSeconds: 3,
      rateLimit: { limit: 200, remaining: 0, reset: 1_800_000_000, delaySeconds: 0.5 },
      match: { method: 'GET' },
    });
    expect((await call('POST', '', { body: { displayName: 'a', scope: 'vso.code' } })).status).toBe(200);
    const throttled = await call('GET');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('3');
    expect(throttled.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(throttled.headers.get('x-ratelimit-reset')).toBe('1800000000');
    expect(throttled.headers.get('x-ratelimit-delay')).toBe('0.500');
    expect(((await throttled.json()) as { message: string }).message).toContain('TF400733');
    expect((await call('GET')).status).toBe(200);
    expect(h.sim.pendingFaults).toBe(0);
  });

  it('adds latency (global and per call) and resets connections', async () => {
    h.sim.setLatency(60);
    let t = Date.now();
    await call('GET');
    expect(Date.now() - t).toBeGreaterThanOrEqual(55);
    h.sim.setLatency(0);
    h.sim.inject({ latencyMs: 80 });
    t = Date.now();
    await call('GET');
    expect(Date.now() - t).toBeGreaterThanOrEqual(75);
    h.sim.inject({ resetConnection: true });
    await expect(call('GET')).rejects.toThrow();
  });

  it('counts requests per method, org and user', async () => {
    await call('GET');
    await call('GET', '', { token: await h.token(h.bob) });
    await call('POST', '', { body: { displayName: 'a', scope: 'vso.code' } });
    expect(h.sim.requestCount()).toBe(3);
    expect(h.sim.requestCount({ method: 'GET' })).toBe(2);
    expect(h.sim.requestCount({ oid: h.bob.oid })).toBe(1);
    expect(h.sim.requestCount({ org: 'fabrikam' })).toBe(0);
    h.sim.resetRequests();
    expect(h.sim.requestCount()).toBe(0);
  });
});
