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
  /** Milliseconds since the epoch (token lifetimes are real time, as msal's are). */
  now?: () => number;
  /** How long an access token is reused from memory without touching the cache (default 60 s). */
  reuseMs?: number;
}

interface Recent {
  accessToken: string;
  expiresOn: Date;
  homeAccountId: string;
  until: number;
}

/** Tokens this close to expiry are never reused from memory. */
const EXPIRY_MARGIN_MS = 5 * 60_000;
const MAX_RECENT = 50_000;

export class SilentTokenProvider implements TokenProvider {
  private readonly inFlight = new Map<string, Promise<TokenOutcome>>();
  /**
   * Access tokens handed out in the last `reuseMs`: a burst of commands (or a card click right
   * after a list) does not decrypt and parse the user's cache partition again. Each call still
   * reads the user, so a sign-out on any instance (it clears the account link) takes effect at once.
   */
  private readonly recent = new Map<string, Recent>();
  private readonly now: () => number;

  constructor(private readonly deps: SilentTokenProviderDeps) {
    this.now = deps.now ?? Date.now;
  }

  getAccessToken(userId: string): Promise<TokenOutcome> {
    const running = this.inFlight.get(userId);
    if (running) return running;
    const attempt = this.attempt(userId).finally(() => this.inFlight.delete(userId));
    this.inFlight.set(userId, attempt);
    return attempt;
  }

  /** Drops a user's remembered token (sign-out, a new sign-in, an access token Azure DevOps refused). */
  forget(userId: string): void {
    this.recent.delete(userId);
  }

  /** The outcome any instance remembered for this user, else a real attempt. */
  private async attempt(userId: string): Promise<TokenOutcome> {
    const remembered = await this.deps.memo.get(userId);
    return remembered ?? this.acquire(userId);
  }

  private async acquire(userId: string): Promise<TokenOutcome> {
    const { logger, memo } = this.deps;
    const user = await this.deps.users.get(userId);
    if (!user?.entraAccount) {
      this.recent.delete(userId);
      return { kind: 'needs_signin', error: needsSignin('never') };
    }
    const homeAccountId = user.entraAccount.homeAccountId;
    const now = this.now();
    const hit = this.recent.get(userId);
    if (
      hit &&
      hit.homeAccountId === homeAccountId &&
      hit.until > now &&
      hit.expiresOn.getTime() - EXPIRY_MARGIN_MS > now
    )
      return { kind: 'ok', accessToken: hit.accessToken, expiresOn: hit.expiresOn };
    try {
      const cca = await this.deps.factory.create(partitionKeyFor(userId));
      const account: AccountInfo | null = await cca.getTokenCache().getAccountByHomeId(homeAccountId);
      if (!account) {
        const outcome = {
          kind: 'needs_signin' as const,
          error: needsSignin('expired', { reason: 'no_cached_account' }),
        };
        await memo.rememberTerminal(userId, outcome);
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
      const expiresOn = result.expiresOn ?? new Date(now + 300_000);
      if (this.recent.size >= MAX_RECENT) this.recent.clear();
      this.recent.set(userId, {
        accessToken: result.accessToken,
        expiresOn,
        homeAccountId,
        until: now + (this.deps.reuseMs ?? 60_000),
      });
      return { kind: 'ok', accessToken: result.accessToken, expiresOn };
    } catch (e) {
      this.recent.delete(userId);
      const outcome = classifyMsalError(e);
      if (isTerminal(outcome)) await memo.rememberTerminal(userId, outcome);
      logger.warn(
        { userId, outcome: outcome.kind, errorCode: outcome.error.code, ...outcome.error.details },
        'silent token: failed',
      );
      return outcome;
    }
  }
}
