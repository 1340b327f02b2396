/** Sign-out: removes the user's cache partition and Entra account link; the next command asks to sign in. */
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { AuditLog, TokenCacheStore, UserStore } from '../core/store';
import { partitionKeyFor } from './encrypted-cache-client';
import type { FailureMemo } from './failure-memo';

export interface SignOutDeps {
  users: Pick<UserStore, 'get' | 'setEntraAccount'>;
  tokenCache: TokenCacheStore;
  audit: AuditLog;
  memo: FailureMemo;
  logger: Logger;
  clock: Clock;
}

export async function signOut(deps: SignOutDeps, userId: string): Promise<void> {
  const had = (await deps.users.get(userId))?.entraAccount ?? null;
  await deps.tokenCache.delete(partitionKeyFor(userId));
  await deps.users.setEntraAccount(userId, null);
  await deps.memo.clear(userId);
  if (had) {
    await deps.audit.record({
      at: deps.clock.now(),
      userId,
      action: 'signout',
      org: null,
      patId: null,
      patName: null,
      outcome: 'ok',
      detail: null,
    });
  }
  deps.logger.info({ userId, hadAccount: had !== null }, 'signed out');
}
