/** An Azure DevOps access token for a bench user, by a plain OBO request to the Entra simulator (for the floor). */
import { request as httpsRequest } from 'node:https';
import type { EntraSimulator } from '../../src/sandbox/entra';

const ADO_SCOPE = '499b84ac-1321-427f-aa17-267ca6975798/.default';

export async function oboAccessToken(entra: EntraSimulator, oid: string): Promise<string> {
  const assertion = await entra.mintSsoToken(oid);
  const body = new URLSearchParams({
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    client_id: entra.clientId,
    client_secret: entra.clientSecret,
    assertion,
    scope: ADO_SCOPE,
    requested_token_use: 'on_behalf_of',
  }).toString();
  const text = await new Promise<string>((resolve, reject) => {
    const req = httpsRequest(
      `${entra.origin}/${entra.tenantId}/oauth2/v2.0/token`,
      {
        method: 'POST',
        ca: entra.caPem,
        timeout: 10_000,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
  const token = (JSON.parse(text) as { access_token?: string }).access_token;
  if (!token) throw new Error(`OBO for the floor failed: ${text.slice(0, 200)}`);
  return token;
}
