/**
 * `DATABASE_AUTH=entra`: the PostgreSQL password is a Microsoft Entra access token for Azure
 * Database for PostgreSQL, fetched with the app's managed identity (or any `TokenCredential`).
 * node-postgres calls the function for every new connection; the token is cached until five
 * minutes before it expires, so a busy pool does not ask Entra for one per connection.
 */
import type { TokenCredential } from '@azure/identity';
import { CodedError } from '../../errors';

/** The resource Azure Database for PostgreSQL accepts Entra tokens for. */
export const POSTGRES_ENTRA_SCOPE = 'https://ossrdbms-aad.database.windows.net/.default';

const REFRESH_MARGIN_MS = 5 * 60_000;

/** A password function for node-postgres that returns a (cached) Entra access token. */
export function entraPassword(
  credential: TokenCredential,
  now: () => Date = () => new Date(),
): () => Promise<string> {
  let cached: { token: string; expiresOnMs: number } | null = null;
  return async () => {
    if (cached !== null && cached.expiresOnMs - REFRESH_MARGIN_MS > now().getTime()) return cached.token;
    let token;
    try {
      token = await credential.getToken(POSTGRES_ENTRA_SCOPE);
    } catch (cause) {
      throw new CodedError(
        'store.unavailable',
        'patbot could not get a Microsoft Entra token for PostgreSQL.',
        {
          nextStep:
            'Check that the app has a managed identity (DATABASE_ENTRA_CLIENT_ID names it when it is user-assigned) and that it is a PostgreSQL Entra role, or set DATABASE_AUTH=password.',
          cause,
        },
      );
    }
    if (!token) {
      throw new CodedError('store.unavailable', 'Microsoft Entra returned no token for PostgreSQL.', {
        nextStep: 'Check the managed identity, or set DATABASE_AUTH=password.',
      });
    }
    cached = { token: token.token, expiresOnMs: token.expiresOnTimestamp };
    return token.token;
  };
}

/**
 * The credential used in Azure: the managed identity (user-assigned when `clientId` is given);
 * DefaultAzureCredential also covers `az login` on a developer machine.
 */
export async function defaultEntraCredential(clientId: string | null): Promise<TokenCredential> {
  const { DefaultAzureCredential } = await import('@azure/identity');
  return clientId === null
    ? new DefaultAzureCredential()
    : new DefaultAzureCredential({ managedIdentityClientId: clientId });
}
