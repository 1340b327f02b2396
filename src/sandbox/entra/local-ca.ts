/**
 * A throw-away local certificate authority and a server certificate for 127.0.0.1/localhost,
 * made with the `openssl` CLI, so the Entra simulator can serve HTTPS that real clients verify
 * (msal-node refuses `http:` authorities; nothing here ever turns TLS verification off).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LocalTls {
  /** PEM of the CA: give it to clients (`NODE_EXTRA_CA_CERTS=caPath`, or as `ca`). */
  caPem: string;
  caPath: string;
  /** PEM server certificate and key for `https.createServer`. */
  certPem: string;
  keyPem: string;
  dir: string;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Generates a CA and a server certificate (SAN 127.0.0.1, ::1, localhost) in a new temp dir. */
export function createLocalTls(dir: string = mkdtempSync(join(tmpdir(), 'patbot-ca-'))): LocalTls {
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ca.key'], dir);
  openssl(
    [
      'req',
      '-x509',
      '-new',
      '-key',
      'ca.key',
      '-sha256',
      '-days',
      '2',
      '-subj',
      '/CN=patbot sandbox CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
      '-out',
      'ca.pem',
    ],
    dir,
  );
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'server.key'], dir);
  openssl(['req', '-new', '-key', 'server.key', '-subj', '/CN=localhost', '-out', 'server.csr'], dir);
  writeFileSync(
    join(dir, 'server.ext'),
    [
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
      'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1',
    ].join('\n'),
  );
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '2',
      '-sha256',
      '-extfile',
      'server.ext',
      '-out',
      'server.pem',
    ],
    dir,
  );
  const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
  return {
    caPem: read('ca.pem'),
    caPath: join(dir, 'ca.pem'),
    certPem: read('server.pem'),
    keyPem: read('server.key'),
    dir,
  };
}
