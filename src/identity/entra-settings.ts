/** What the identity adapter needs to reach Microsoft Entra (from Config.entra or the simulator). */
import { readFileSync } from 'node:fs';
import type { NodeAuthOptions } from '@azure/msal-node';

export interface EntraSettings {
  clientId: string;
  tenantId: string;
  /** e.g. https://login.microsoftonline.com, a sovereign cloud, or the simulator's origin. */
  authorityHost: string;
  clientSecret: string | null;
  /** PEM file with the private key (and optionally the certificate) for certificate credentials. */
  certPath: string | null;
  /** Hex SHA-1 (40) or SHA-256 (64) thumbprint of that certificate. */
  certThumbprint: string | null;
  /** Azure DevOps scopes (ADO_SCOPES). */
  scopes: readonly string[];
}

/** `{authorityHost}/{tenantId}`. */
export function authorityOf(settings: EntraSettings): string {
  return `${settings.authorityHost.replace(/\/+$/, '')}/${settings.tenantId}`;
}

/** msal `auth` credentials: the client secret, else the certificate. */
export function credentialsOf(
  settings: EntraSettings,
): Pick<NodeAuthOptions, 'clientSecret' | 'clientCertificate'> {
  if (settings.clientSecret) return { clientSecret: settings.clientSecret };
  if (settings.certPath && settings.certThumbprint) {
    const pem = readFileSync(settings.certPath, 'utf8');
    const key = /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/.exec(
      pem,
    );
    const cert = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem);
    if (!key) throw new Error('AAD_APP_CERT_PATH holds no PEM private key');
    const thumb = settings.certThumbprint.replace(/[^0-9a-f]/gi, '');
    return {
      clientCertificate: {
        privateKey: key[0],
        ...(thumb.length === 64 ? { thumbprintSha256: thumb } : { thumbprint: thumb }),
        ...(cert ? { x5c: cert[0] } : {}),
      },
    };
  }
  throw new Error('Entra needs AAD_APP_CLIENT_SECRET or AAD_APP_CERT_PATH + AAD_APP_CERT_THUMBPRINT');
}
