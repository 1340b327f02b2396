/**
 * `TokenProvider` for later turns, card clicks and the scheduler: user → Entra account →
 * that user's encrypted cache partition → `acquireTokenSilent` (msal redeems the cached refresh
 * token when the access token has expired). Failures are values; terminal ones are remembered
 * so nobody retries them in a loop, and concurrent calls for one user share one attempt.
 */
import type { AccountInfo } from '@azure/msal-node';
import type { Logger } from '../core/logger';
import type { UserStore } from '../core/store';
import type { TokenOutcome, TokenProvider } from '../core/token-provider';
import { classifyMsalError, isTerminal } from './classify-msal-error';
import { partitionKeyFor } from './encrypted-cache-client';
import type { FailureMemo } from './failure-memo';
import type { MsalFactory } from './msal-factory';
import { needsSignin } from './outcome-messages';

export interface SilentTokenProviderDeps {
  users: Pick<UserStore, 'get'>;
  factory: MsalFactory;
  scopes: readonly string[];
  memo: FailureMemo;
  logger: Logger;
}

export class SilentTokenProvider implements TokenProvider {
  private readonly inFlight = new Map<string, Promise<TokenOutcome>>();

  constructor(private readonly deps: SilentTokenProviderDeps) {}

  getAccessToken(userId: string): Promise<TokenOutcome> {
    const remembered = this.deps.memo.get(userId);
    if (remembered) return Promise.resolve(remembered);
    const running = this.inFlight.get(userId);
    if (running) return running;
    const attempt = this.acquire(userId).finally(() => this.inFlight.delete(userId));
    this.inFlight.set(userId, attempt);
    return attempt;
  }

  private async acquire(userId: string): Promise<TokenOutcome> {
    const { logger, memo } = this.deps;
    const user = await this.deps.users.get(userId);
    if (!user?.entraAccount) return { kind: 'needs_signin', error: needsSignin('never') };
    const homeAccountId = user.entraAccount.homeAccountId;
    try {
      const cca = await this.deps.factory.create(partitionKeyFor(userId));
      const account: AccountInfo | null = await cca.getTokenCache().getAccountByHomeId(homeAccountId);
      if (!account) {
        const outcome = {
          kind: 'needs_signin' as const,
          error: needsSignin('expired', { reason: 'no_cached_account' }),
        };
        memo.rememberTerminal(userId, outcome);
        logger.info(
          { userId, outcome: outcome.kind, reason: 'no_cached_account' },
          'silent token: no cached account',
        );
        return outcome;
      }
      const result = await cca.acquireTokenSilent({ account, scopes: [...this.deps.scopes] });
      logger.debug(
        { userId, fromCache: result.fromCache, expiresOn: result.expiresOn?.toISOString() },
        'silent token: ok',
      );
      return {
        kind: 'ok',
        accessToken: result.accessToken,
        expiresOn: result.expiresOn ?? new Date(Date.now() + 300_000),
      };
    } catch (e) {
      const outcome = classifyMsalError(e);
      if (isTerminal(outcome)) memo.rememberTerminal(userId, outcome);
      logger.warn(
        { userId, outcome: outcome.kind, errorCode: outcome.error.code, ...outcome.error.details },
        'silent token: failed',
      );
      return outcome;
    }
  }
}
