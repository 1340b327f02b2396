import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { entraSettingsForSimulator } from '../../src/identity';
import { createLocalTls } from '../../src/sandbox/entra/local-ca';
import { ADO_SCOPE, startHarness, type Harness } from '../support/entra-harness';

function makeCertificate(): { pemPath: string; certPem: string; thumbprint: string } {
  const dir = mkdtempSync(join(tmpdir(), 'patbot-cert-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'key.pem',
      '-out',
      'cert.pem',
      '-subj',
      '/CN=patbot',
      '-days',
      '2',
    ],
    { cwd: dir, stdio: 'ignore' },
  );
  const certPem = readFileSync(join(dir, 'cert.pem'), 'utf8');
  const fingerprint = execFileSync(
    'openssl',
    ['x509', '-noout', '-fingerprint', '-sha256', '-in', 'cert.pem'],
    { cwd: dir },
  )
    .toString()
    .split('=')[1]!
    .replace(/[^0-9a-f]/gi, '');
  const pemPath = join(dir, 'client.pem');
  writeFileSync(pemPath, readFileSync(join(dir, 'key.pem'), 'utf8') + certPem);
  return { pemPath, certPem, thumbprint: fingerprint };
}

const cert = makeCertificate();
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ sim: { clientCertificatePem: cert.certPem } });
});
afterAll(() => h.close());

test('certificate credentials (AAD_APP_CERT_PATH + thumbprint) instead of a client secret', async () => {
  const identity = h.another({
    entra: {
      ...entraSettingsForSimulator(h.sim, [ADO_SCOPE]),
      clientSecret: null,
      certPath: cert.pemPath,
      certThumbprint: cert.thumbprint,
    },
  });
  const oid = await h.newPerson();
  const userId = await h.teamsUser(oid);
  const outcome = await identity.exchangeTeamsSsoToken({ userId, ssoToken: await h.sim.mintSsoToken(oid) });
  expect(outcome.kind).toBe('ok');

  const other = makeCertificate();
  const wrong = h.another({
    entra: {
      ...entraSettingsForSimulator(h.sim, [ADO_SCOPE]),
      clientSecret: null,
      certPath: other.pemPath,
      certThumbprint: other.thumbprint,
    },
  });
  const refused = await wrong.exchangeTeamsSsoToken({
    userId,
    ssoToken: await h.sim.mintSsoToken(oid, { expiresInSeconds: 1200 }),
  });
  expect(refused).toMatchObject({ kind: 'unavailable', error: { details: { aadsts: 7000215 } } });
});

test('TLS is always verified: an untrusted simulator certificate means unavailable, and nothing reaches it', async () => {
  const oid = await h.newPerson();
  const userId = await h.teamsUser(oid);
  const ssoToken = await h.sim.mintSsoToken(oid);
  const n = (await h.sim.requests()).length;
  for (const caPem of [undefined, createLocalTls().caPem]) {
    const identity = h.another({ caPem });
    const outcome = await identity.exchangeTeamsSsoToken({ userId, ssoToken });
    expect(outcome.kind).toBe('unavailable');
  }
  expect((await h.sim.requests()).length).toBe(n);
  expect((await h.store.users.get(userId))?.entraAccount).toBeNull();
});
