/**
 * The Entra simulator over HTTPS, spoken to with plain requests (no msal): discovery, JWKS,
 * each grant, PKCE and the switchable failures, and tokens the Azure DevOps simulator can verify.
 */
import { createHash } from 'node:crypto';
import { request } from 'node:https';
import { startSimProcess, type RemoteEntraSimulator } from '../../support/entra-sim-process';
import { httpsJson, verifyWithJwks } from '../../support/entra-secrets';

const ADO = '499b84ac-1321-427f-aa17-267ca6975798';
const ALICE = '11111111-1111-4111-8111-111111111111';
const REDIRECT = 'https://patbot.example/auth/callback';
let sim: RemoteEntraSimulator;

beforeAll(async () => {
  sim = await startSimProcess({ redirectUris: [REDIRECT] });
});
afterAll(() => sim.close());
afterEach(() => sim.setFailure(null));

function post(form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const body = new URLSearchParams(form).toString();
  return new Promise((resolve, reject) => {
    const req = request(
      `${sim.origin}/${sim.tenantId}/oauth2/v2.0/token`,
      { method: 'POST', ca: sim.caPem, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const client = () => ({ client_id: sim.clientId, client_secret: sim.clientSecret });

async function obo(scope = `${ADO}/.default openid profile offline_access`) {
  return post({
    ...client(),
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    requested_token_use: 'on_behalf_of',
    assertion: await sim.mintSsoToken(ALICE),
    scope,
    client_info: '1',
  });
}

test('OpenID configuration: issuer on the authority origin, v2 endpoints, JWKS', async () => {
  const { status, body } = await httpsJson(
    `${sim.origin}/${sim.tenantId}/v2.0/.well-known/openid-configuration`,
    sim.caPem,
  );
  expect(status).toBe(200);
  expect(body).toMatchObject({
    issuer: `${sim.origin}/${sim.tenantId}/v2.0`,
    token_endpoint: `${sim.origin}/${sim.tenantId}/oauth2/v2.0/token`,
    authorization_endpoint: `${sim.origin}/${sim.tenantId}/oauth2/v2.0/authorize`,
    jwks_uri: sim.jwksUri,
  });
  const keys = await httpsJson(sim.jwksUri, sim.caPem);
  expect((keys.body as { keys: Array<{ kty: string; d?: string }> }).keys[0]).toMatchObject({ kty: 'RSA' });
  expect((keys.body as { keys: Array<{ d?: string }> }).keys[0]?.d).toBeUndefined();
  expect(
    (await httpsJson(`${sim.origin}/other-tenant/v2.0/.well-known/openid-configuration`, sim.caPem)).status,
  ).toBe(400);
});

test('OBO: a v1-shaped Azure DevOps user token verifiable with the JWKS, plus refresh token and client_info', async () => {
  const { status, body } = await obo();
  expect(status).toBe(200);
  expect(body).toMatchObject({ token_type: 'Bearer', scope: `${ADO}/user_impersonation ${ADO}/.default` });
  expect(typeof body.refresh_token).toBe('string');
  expect(JSON.parse(Buffer.from(String(body.client_info), 'base64url').toString())).toEqual({
    uid: ALICE,
    utid: sim.tenantId,
  });
  const claims = await verifyWithJwks(String(body.access_token), sim.jwksUri, sim.caPem);
  expect(claims).toMatchObject({
    aud: ADO,
    iss: `https://sts.windows.net/${sim.tenantId}/`,
    oid: ALICE,
    tid: sim.tenantId,
    scp: 'user_impersonation',
  });

  // No offline_access: no refresh token (as Entra).
  const noRt = await obo(`${ADO}/vso.pats ${ADO}/vso.pats_manage`);
  expect(noRt.body.refresh_token).toBeUndefined();
  expect((await verifyWithJwks(String(noRt.body.access_token), sim.jwksUri, sim.caPem)).scp).toBe(
    'vso.pats vso.pats_manage',
  );
});

test('OBO checks the assertion: audience, signature, client secret', async () => {
  const wrongAud = await post({
    ...client(),
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    requested_token_use: 'on_behalf_of',
    assertion: await sim.mintSsoToken(ALICE, { audience: 'api://other' }),
    scope: `${ADO}/.default`,
  });
  expect(wrongAud).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_codes: [50013] } });
  const sso = await sim.mintSsoToken(ALICE);
  const forged = `${sso.slice(0, sso.lastIndexOf('.'))}.${'A'.repeat(40)}`;
  const badSig = await post({
    ...client(),
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    requested_token_use: 'on_behalf_of',
    assertion: forged,
    scope: `${ADO}/.default`,
  });
  expect(badSig.status).toBe(400);
  const badSecret = await post({
    client_id: sim.clientId,
    client_secret: 'nope',
    grant_type: 'client_credentials',
    scope: `${ADO}/.default`,
  });
  expect(badSecret).toMatchObject({ status: 401, body: { error: 'invalid_client', error_codes: [7000215] } });
});

test('refresh_token grant rotates; revoked sessions answer AADSTS50173', async () => {
  const first = await obo();
  const refreshed = await post({
    ...client(),
    grant_type: 'refresh_token',
    refresh_token: String(first.body.refresh_token),
    scope: `${ADO}/.default offline_access`,
  });
  expect(refreshed.status).toBe(200);
  expect(refreshed.body.refresh_token).not.toBe(first.body.refresh_token);
  await sim.revokeSessions(ALICE);
  const revoked = await post({
    ...client(),
    grant_type: 'refresh_token',
    refresh_token: String(refreshed.body.refresh_token),
    scope: `${ADO}/.default`,
  });
  expect(revoked).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_codes: [50173] } });
});

test('client_credentials gives an app-only token (no scp) that Azure DevOps must refuse', async () => {
  const { status, body } = await post({
    ...client(),
    grant_type: 'client_credentials',
    scope: `${ADO}/.default`,
  });
  expect(status).toBe(200);
  expect(body.refresh_token).toBeUndefined();
  const claims = await verifyWithJwks(String(body.access_token), sim.jwksUri, sim.caPem);
  expect(claims).toMatchObject({ aud: ADO, idtyp: 'app' });
  expect(claims.scp).toBeUndefined();
});

test('authorization code + PKCE S256: single use, verifier checked', async () => {
  const verifier = 'v'.repeat(50);
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const authorize = async (): Promise<string> => {
    const url = new URL(`${sim.origin}/${sim.tenantId}/oauth2/v2.0/authorize`);
    Object.entries({
      client_id: sim.clientId,
      response_type: 'code',
      redirect_uri: REDIRECT,
      scope: `${ADO}/.default openid offline_access`,
      state: 's1',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).forEach(([k, v]) => url.searchParams.set(k, v));
    const location = await new Promise<string>((resolve, reject) =>
      request(url, { ca: sim.caPem }, (res) => {
        res.resume();
        resolve(res.headers.location ?? '');
      })
        .on('error', reject)
        .end(),
    );
    const back = new URL(location);
    expect(back.searchParams.get('state')).toBe('s1');
    return back.searchParams.get('code') ?? '';
  };
  const redeem = (code: string, codeVerifier: string) =>
    post({
      ...client(),
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: codeVerifier,
      scope: `${ADO}/.default openid offline_access`,
    });

  const wrong = await redeem(await authorize(), 'w'.repeat(50));
  expect(wrong).toMatchObject({ status: 400, body: { error_codes: [501481] } });
  const code = await authorize();
  const ok = await redeem(code, verifier);
  expect(ok.status).toBe(200);
  expect(typeof ok.body.id_token).toBe('string');
  expect((await redeem(code, verifier)).body).toMatchObject({ error: 'invalid_grant', error_codes: [70000] });
});

test('failure modes switch on and off (and `times` limits them)', async () => {
  await sim.setFailure({ kind: 'consent_required', grants: ['obo'], times: 1 });
  expect(await obo()).toMatchObject({
    status: 400,
    body: { error: 'invalid_grant', suberror: 'consent_required', error_codes: [65001] },
  });
  expect((await obo()).status).toBe(200);
  await sim.setFailure({ kind: 'claims_challenge', grants: ['obo'] });
  const ca = await obo();
  expect(ca).toMatchObject({ status: 400, body: { error: 'interaction_required' } });
  expect(JSON.parse(String(ca.body.claims))).toHaveProperty('access_token');
  await sim.setFailure({ kind: 'unavailable' });
  expect((await obo()).status).toBe(503);
  await sim.setFailure({ kind: 'refresh_token_expired', grants: ['refresh_token'] });
  const fresh = await obo();
  expect(fresh.status).toBe(200);
  expect(
    await post({
      ...client(),
      grant_type: 'refresh_token',
      refresh_token: String(fresh.body.refresh_token),
      scope: `${ADO}/.default`,
    }),
  ).toMatchObject({ status: 400, body: { error_codes: [700082] } });
  await sim.setFailure({ kind: 'slow', delayMs: 400, grants: ['obo'] });
  const t = Date.now();
  expect((await obo()).status).toBe(200);
  expect(Date.now() - t).toBeGreaterThanOrEqual(390);
  const log = await sim.requests();
  expect(log.some((r) => r.errorCode === 65001)).toBe(true);
  expect(JSON.stringify(log)).not.toMatch(/eyJ|rt\./);
});

test('verifyAdoToken (for the Azure DevOps simulator): user tokens pass, app-only tokens are flagged, forgeries fail', async () => {
  const user = await obo();
  expect(await sim.verifyAdoToken(String(user.body.access_token))).toEqual({
    oid: ALICE,
    tid: sim.tenantId,
    scopes: ['user_impersonation'],
    appOnly: false,
    username: 'alice@contoso.example',
  });
  const app = await post({ ...client(), grant_type: 'client_credentials', scope: `${ADO}/.default` });
  expect(await sim.verifyAdoToken(String(app.body.access_token))).toMatchObject({
    appOnly: true,
    scopes: [],
  });
  const sso = await sim.mintSsoToken(ALICE); // right key, wrong audience and issuer
  await expect(sim.verifyAdoToken(sso)).rejects.toThrow();
  const at = String(user.body.access_token);
  await expect(sim.verifyAdoToken(`${at.slice(0, at.lastIndexOf('.'))}.${'A'.repeat(40)}`)).rejects.toThrow();
});
