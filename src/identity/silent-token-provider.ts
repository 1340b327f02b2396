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
  /**
   * Longest time an access token is reused from memory without reading the cache partition
   * (default: its lifetime minus the 5-minute margin, as msal would serve it from the partition).
   */
  reuseMs?: number;
}

/** An access token handed out, and the user row it was handed out for. */
interface Recent {
  accessToken: string;
  expiresOn: Date;
  homeAccountId: string;
  /** The user row's `updatedAt` (ms): a sign-in or sign-out on any instance changes it. */
  userVersion: number;
  /** Served from memory before this instant (this clock): 5 minutes before the token expires. */
  until: number;
}

/** Tokens this close to expiry are never reused from memory (msal's own refresh margin). */
const EXPIRY_MARGIN_MS = 5 * 60_000;
/** At most this many people's tokens in memory (≈ 2 KB each); the oldest entry makes room. */
const MAX_RECENT = 10_000;

export class SilentTokenProvider implements TokenProvider {
  private readonly inFlight = new Map<string, Promise<TokenOutcome>>();
  /**
   * Access tokens handed out, kept until 5 minutes before they expire: a person's commands do not
   * decrypt and parse their cache partition (nor read the failure memo) again while msal would
   * only hand out the same cached token. Each call still reads the user row, and a token is
   * served only for the row it was cached with (same Entra account, same `updatedAt`): a
   * sign-out or a new sign-in on any instance (both write the row) takes effect at once.
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

  /**
   * The remembered token for the user's current row; else the outcome any instance remembered
   * (the failure memo); else a real attempt. A terminal failure is only ever remembered after a
   * refresh failed, i.e. for a partition whose token was due, which no instance still serves
   * from memory (this one forgets it at once, the others hold the same expiry).
   */
  private async attempt(userId: string): Promise<TokenOutcome> {
    const user = await this.deps.users.get(userId);
    if (!user?.entraAccount) {
      this.recent.delete(userId);
      const remembered = await this.deps.memo.get(userId);
      return remembered ?? { kind: 'needs_signin', error: needsSignin('never') };
    }
    const homeAccountId = user.entraAccount.homeAccountId;
    const userVersion = user.updatedAt.getTime();
    const now = this.now();
    const hit = this.recent.get(userId);
    if (hit && hit.homeAccountId === homeAccountId && hit.userVersion === userVersion && hit.until > now)
      return { kind: 'ok', accessToken: hit.accessToken, expiresOn: hit.expiresOn };
    if (hit) this.recent.delete(userId);
    const remembered = await this.deps.memo.get(userId);
    return remembered ?? this.acquire(userId, homeAccountId, userVersion);
  }

  private async acquire(userId: string, homeAccountId: string, userVersion: number): Promise<TokenOutcome> {
    const { logger, memo } = this.deps;
    const now = this.now();
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
      const expiresOn = result.expiresOn ?? new Date(Date.now() + 300_000);
      // msal dates the token in real time; reuse it by its remaining lifetime on this clock.
      const usableUntil = now + (expiresOn.getTime() - Date.now()) - EXPIRY_MARGIN_MS;
      this.recent.delete(userId);
      if (this.recent.size >= MAX_RECENT) this.recent.delete(this.recent.keys().next().value as string);
      this.recent.set(userId, {
        accessToken: result.accessToken,
        expiresOn,
        homeAccountId,
        userVersion,
        until: Math.min(usableUntil, now + (this.deps.reuseMs ?? Number.POSITIVE_INFINITY)),
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
