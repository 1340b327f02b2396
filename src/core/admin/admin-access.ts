/**
 * The administrator's delegated token for one organisation, from the same encrypted token cache
 * (silently refreshed), and the "View audit log" check against Azure DevOps itself: patbot never
 * trusts a chat platform's idea of who is an administrator.
 */
import { asCodedError, type CodedError } from '../../errors';
import type { AdoCallContext } from '../tokens-api';
import type { AuthFailure } from '../use-cases/deps';
import type { AdminDeps } from './admin-deps';

export type AdminAccess =
  | { kind: 'ok'; ctx: AdoCallContext }
  | { kind: 'auth'; outcome: AuthFailure }
  | { kind: 'refused' }
  | { kind: 'failed'; error: CodedError };

/** Codes that mean "this account may not do that here" rather than "try again". */
const REFUSALS = new Set(['ado.forbidden', 'ado.unauthorized']);

export async function adminAccess(
  deps: Pick<AdminDeps, 'tokenProvider' | 'api'>,
  userId: string,
  org: string,
): Promise<AdminAccess> {
  const token = await deps.tokenProvider.getAccessToken(userId);
  if (token.kind !== 'ok') return { kind: 'auth', outcome: token };
  const ctx: AdoCallContext = { org, accessToken: token.accessToken };
  try {
    return (await deps.api.canReadAuditLog(ctx)) ? { kind: 'ok', ctx } : { kind: 'refused' };
  } catch (e) {
    const error = asCodedError(e);
    return REFUSALS.has(error.code) ? { kind: 'refused' } : { kind: 'failed', error };
  }
}
