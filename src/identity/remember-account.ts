/** Stores the Entra account (never a token) on the user and audits a new sign-in. */
import type { AccountInfo } from '@azure/msal-node';
import type { Clock } from '../core/clock';
import type { AuditLog, UserStore } from '../core/store';

export async function rememberAccount(
  deps: { users: Pick<UserStore, 'get' | 'setEntraAccount'>; audit: AuditLog; clock: Clock },
  userId: string,
  account: AccountInfo,
): Promise<void> {
  const before = (await deps.users.get(userId))?.entraAccount ?? null;
  const next = {
    homeAccountId: account.homeAccountId,
    tenantId: account.tenantId,
    username: account.username || null,
  };
  if (
    before?.homeAccountId === next.homeAccountId &&
    before.username === next.username &&
    before.tenantId === next.tenantId
  ) {
    return;
  }
  await deps.users.setEntraAccount(userId, next);
  await deps.audit.record({
    at: deps.clock.now(),
    userId,
    action: 'signin',
    org: null,
    patId: null,
    patName: null,
    outcome: 'ok',
    detail: next.username ? `signed in as ${next.username}` : 'signed in',
  });
}
