/** AAD_APP_*: the Entra app registration patbot signs people in with (on-behalf-of Azure DevOps). */
import type { CloudEndpoints } from '../cloud-endpoints';
import { parseUrl, Problems, requireHttps } from './parse';
import type { Raw } from './schema';
import type { EntraConfig, Slice } from './types';

function checkRegistration(raw: Raw, problems: Problems): void {
  if (!raw.AAD_APP_CLIENT_ID)
    problems.missing(
      'AAD_APP_CLIENT_ID',
      'it is required outside sandbox mode.',
      'Set the Entra app registration id (see docs/deploy.md), or run with SANDBOX=1.',
    );
  if (!raw.AAD_APP_TENANT_ID)
    problems.missing(
      'AAD_APP_TENANT_ID',
      'it is required outside sandbox mode.',
      'Set your Entra tenant id.',
    );
  if (!raw.AAD_APP_CLIENT_SECRET && !raw.AAD_APP_CERT_PATH)
    problems.missing(
      'AAD_APP_CLIENT_SECRET',
      'it (or AAD_APP_CERT_PATH) is required outside sandbox mode.',
      'Set the app registration client secret, or a certificate with AAD_APP_CERT_PATH and AAD_APP_CERT_THUMBPRINT.',
    );
  if (raw.AAD_APP_CERT_PATH && !raw.AAD_APP_CERT_THUMBPRINT)
    problems.missing(
      'AAD_APP_CERT_THUMBPRINT',
      'it is required with AAD_APP_CERT_PATH.',
      'Set the certificate thumbprint (hex).',
    );
}

/** `cloud` gives the default authority host (AZURE_CLOUD's Entra login endpoint). */
export function entraFrom(raw: Raw, sandbox: boolean, cloud: CloudEndpoints | null): Slice<EntraConfig> {
  const problems = new Problems();
  const authorityHost = parseUrl(
    raw.AAD_APP_OAUTH_AUTHORITY_HOST ?? cloud?.entraAuthorityHost ?? 'https://login.microsoftonline.com',
    'AAD_APP_OAUTH_AUTHORITY_HOST',
    problems,
  );
  if (!sandbox) checkRegistration(raw, problems);
  requireHttps('AAD_APP_OAUTH_AUTHORITY_HOST', authorityHost, sandbox, problems);
  return {
    value: {
      clientId: raw.AAD_APP_CLIENT_ID ?? null,
      clientSecret: raw.AAD_APP_CLIENT_SECRET ?? null,
      certPath: raw.AAD_APP_CERT_PATH ?? null,
      certThumbprint: raw.AAD_APP_CERT_THUMBPRINT ?? null,
      tenantId: raw.AAD_APP_TENANT_ID ?? null,
      authorityHost,
    },
    problems: problems.list,
  };
}
