import { randomUUID } from 'node:crypto';
import { CodedError } from '../../src/errors';
import { startAdoHarness, type AdoHarness } from '../support/ado-harness';

let h: AdoHarness;
beforeEach(async () => {
  h = await startAdoHarness();
});
afterEach(() => h.close());

async function failure(promise: Promise<unknown>): Promise<CodedError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CodedError);
  return error as CodedError;
}

describe('AdoTokensClient: refused calls explained by cause', () => {
  it('a PAT used as the credential → ado.pat_not_accepted with the 401 explanation', async () => {
    const { client } = h.client();
    const pat = 'dip55dwf4vpitomw63jzvomefmi2jluguprzwwqwuc6xq4fhocwq';
    const error = await failure(client.list({ org: 'contoso', accessToken: pat }));
    expect(error.code).toBe('ado.pat_not_accepted');
    expect(error.details).toMatchObject({ status: 401, org: 'contoso' });
    expect(error.userText).toContain(
      'Azure DevOps only lets you manage PATs with a Microsoft Entra sign-in, not with a PAT, which is why a script that uses a PAT gets 401.',
    );
    expect(error.userText).toContain('You don’t need to be an administrator');
    expect(JSON.stringify(error.details)).not.toContain(pat);
  });

  it('an app-only token (roles, no scp) → ado.app_only_token', async () => {
    const { client } = h.client();
    const token = await h.token(h.alice, { scp: null, roles: ['PAT.Manage'], idtyp: 'app' });
    const error = await failure(client.list({ org: 'contoso', accessToken: token }));
    expect(error.code).toBe('ado.app_only_token');
    expect(h.sim.requests()[0].status).toBe(401);
  });

  it('a user who is not a member of the org → ado.not_member', async () => {
    const { client } = h.client();
    const stranger = { oid: randomUUID(), name: 'eve@fabrikam.com' };
    const error = await failure(client.list({ org: 'contoso', accessToken: await h.token(stranger) }));
    expect(error.code).toBe('ado.not_member');
    expect(error.message).toContain('contoso');
  });

  it('an MSA-backed org (X-VSS-ResourceTenant all zeros) → ado.msa_org', async () => {
    h.sim.addOrg({ name: 'personal', msa: true });
    h.sim.addMember('personal', h.alice);
    const { client } = h.client();
    const error = await failure(client.list({ org: 'personal', accessToken: await h.token(h.alice) }));
    expect(error.code).toBe('ado.msa_org');
  });

  it('an expired sign-in → ado.unauthorized', async () => {
    const { client } = h.client();
    const token = await h.token(h.alice, { expiresInSeconds: -60 });
    expect((await failure(client.list({ org: 'contoso', accessToken: token }))).code).toBe(
      'ado.unauthorized',
    );
  });

  it('a token without the write scope → ado.forbidden on revoke (reads still work)', async () => {
    const { client } = h.client();
    const token = await h.token(h.alice, { scp: 'vso.pats' });
    await expect(client.list({ org: 'contoso', accessToken: token })).resolves.toEqual([]);
    const error = await failure(client.revoke({ org: 'contoso', accessToken: token }, randomUUID()));
    expect(error.code).toBe('ado.forbidden');
  });

  it('an unknown org → ado.org_not_found', async () => {
    const { client } = h.client();
    const error = await failure(client.list({ org: 'nope', accessToken: await h.token(h.alice) }));
    expect(error.code).toBe('ado.org_not_found');
  });

  it.each([
    [302, 'text/html'],
    [203, 'text/html'],
    [200, 'text/html'],
  ])('a sign-in page (HTTP %i, %s) → ado.sign_in_redirect, not data', async (status, contentType) => {
    const { client } = h.client();
    h.sim.inject({ status, contentType, body: '<html><head><title>Object moved</title></head></html>' });
    const error = await failure(client.list({ org: 'contoso', accessToken: await h.token(h.alice) }));
    expect(error.code).toBe('ado.sign_in_redirect');
  });

  it('never follows redirects: without Suppress the simulator redirects, the client sends Suppress', async () => {
    const { client } = h.client();
    await client.list({ org: 'contoso', accessToken: await h.token(h.alice) });
    const raw = await fetch(`${h.sim.url}/contoso/_apis/tokens/pats?api-version=7.1-preview.1`, {
      redirect: 'manual',
      headers: { Authorization: `Bearer ${await h.token(h.alice, { scp: null, roles: ['x'] })}` },
    });
    expect(raw.status).toBe(302);
    const app = h.client().client;
    const viaClient = await failure(
      app.list({ org: 'contoso', accessToken: await h.token(h.alice, { scp: null, roles: ['x'] }) }),
    );
    expect(viaClient.code).toBe('ado.app_only_token');
    expect(h.sim.requests().at(-1)?.status).toBe(401);
  });

  it('a sign-in redirect answered to an app-only token is explained as ado.app_only_token', async () => {
    const { client } = h.client();
    h.sim.inject({ status: 302, body: '<html>Object moved</html>', contentType: 'text/html' });
    const token = await h.token(h.alice, { scp: null, roles: ['x'] });
    expect((await failure(client.list({ org: 'contoso', accessToken: token }))).code).toBe(
      'ado.app_only_token',
    );
  });

  it('does not follow a redirect even when it points at real data', async () => {
    const { client } = h.client();
    const location = `${h.sim.url}/contoso/_apis/tokens/pats?api-version=7.1-preview.1`;
    h.sim.inject({ status: 302, body: '', headers: { Location: location } });
    const error = await failure(client.list({ org: 'contoso', accessToken: await h.token(h.alice) }));
    expect(error.code).toBe('ado.sign_in_redirect');
    expect(h.sim.requestCount()).toBe(1);
  });

  it.each([
    ['not JSON', 'this is not json'],
    ['wrong shape', JSON.stringify({ continuationToken: '', patTokens: [{ displayName: 'x' }] })],
    [
      'bad date',
      JSON.stringify({
        continuationToken: '',
        patTokens: [
          {
            authorizationId: randomUUID(),
            displayName: 'x',
            scope: 'x',
            targetAccounts: null,
            validFrom: 'yesterday',
            validTo: 'x',
            token: null,
          },
        ],
      }),
    ],
  ])('a malformed body (%s) → ado.bad_response', async (_label, body) => {
    const { client } = h.client();
    h.sim.inject({ body });
    const error = await failure(client.list({ org: 'contoso', accessToken: await h.token(h.alice) }));
    expect(error.code).toBe('ado.bad_response');
  });

  it('a create answer without the token → ado.bad_response', async () => {
    const { client } = h.client();
    h.sim.inject({
      body: JSON.stringify({
        patToken: {
          displayName: 'x',
          validTo: '2027-01-01T00:00:00Z',
          scope: 'vso.code',
          targetAccounts: null,
          validFrom: '2026-11-28T00:00:00Z',
          authorizationId: randomUUID(),
          token: null,
        },
        patTokenError: 'none',
      }),
    });
    const error = await failure(
      client.create(
        { org: 'contoso', accessToken: await h.token(h.alice) },
        { name: 'x', scope: 'vso.code', validTo: new Date('2027-01-01T00:00:00Z'), allOrgs: false },
      ),
    );
    expect(error.code).toBe('ado.bad_response');
  });

  it('a slow answer → ado.timeout (real short timeout)', async () => {
    const { client } = h.client({ timeoutMs: 100, retry: { maxAttempts: 1 } });
    h.sim.inject({ latencyMs: 400 });
    const started = Date.now();
    const error = await failure(client.list({ org: 'contoso', accessToken: await h.token(h.alice) }));
    expect(error.code).toBe('ado.timeout');
    expect(Date.now() - started).toBeLessThan(350);
  });
});
