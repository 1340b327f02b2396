/**
 * Teams SSO → Azure DevOps: exchanges the `signin/tokenExchange` token on behalf of the user
 * (msal `acquireTokenOnBehalfOf`), caches the result in the user's encrypted partition and
 * remembers the Entra account on the user. Outcomes are values: `needs_consent` means answer
 * the invoke with 412 so Teams shows consent.
 */
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { AuditLog, UserStore } from '../core/store';
import type { TokenOutcome } from '../core/token-provider';
import { classifyMsalError } from './classify-msal-error';
import { partitionKeyFor } from './encrypted-cache-client';
import type { FailureMemo } from './failure-memo';
import type { MsalFactory } from './msal-factory';
import { needsSignin } from './outcome-messages';
import { rememberAccount } from './remember-account';

export interface OboExchangeDeps {
  users: Pick<UserStore, 'get' | 'setEntraAccount' | 'identities'>;
  audit: AuditLog;
  factory: MsalFactory;
  scopes: readonly string[];
  memo: FailureMemo;
  logger: Logger;
  clock: Clock;
}

/** The `oid` and `tid` claims of a JWT, read WITHOUT verifying it (Entra verifies it during OBO). */
function subjectOf(jwt: string): { oid?: string; tid?: string } {
  try {
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as unknown;
    if (payload === null || typeof payload !== 'object') return {};
    const { oid, tid } = payload as { oid?: unknown; tid?: unknown };
    return { oid: typeof oid === 'string' ? oid : undefined, tid: typeof tid === 'string' ? tid : undefined };
  } catch {
    return {};
  }
}

/** True when the person in the SSO token is the Teams user the exchange is for. */
async function belongsToSender(deps: OboExchangeDeps, userId: string, ssoToken: string): Promise<boolean> {
  const { oid, tid } = subjectOf(ssoToken);
  if (!oid || !tid) return false;
  const identities = await deps.users.identities(userId);
  return identities.some(
    (i) =>
      i.platform === 'teams' &&
      i.aadObjectId.toLowerCase() === oid.toLowerCase() &&
      i.tenantId.toLowerCase() === tid.toLowerCase(),
  );
}

export async function exchangeTeamsSsoToken(
  deps: OboExchangeDeps,
  input: { userId: string; ssoToken: string },
): Promise<TokenOutcome> {
  const { userId } = input;
  if (!input.ssoToken)
    return { kind: 'needs_signin', error: needsSignin('never', { reason: 'empty_sso_token' }) };
  // Someone else's SSO token (leaked, or sent by a modified client) must never link their Azure
  // DevOps access to this sender: check before anything is exchanged or cached.
  if (!(await belongsToSender(deps, userId, input.ssoToken))) {
    deps.logger.warn({ userId }, 'obo: SSO token is not for the Teams user who sent it');
    return { kind: 'needs_signin', error: needsSignin('never', { reason: 'account_mismatch' }) };
  }
  try {
    const cca = await deps.factory.create(partitionKeyFor(userId));
    // msal's OBO looks up its cache without loading the persistent cache first: load the
    // partition so a repeated exchange of the same SSO token is answered from the cache.
    await cca.getTokenCache().getAllAccounts();
    const result = await cca.acquireTokenOnBehalfOf({
      oboAssertion: input.ssoToken,
      scopes: [...deps.scopes],
    });
    if (!result) return { kind: 'needs_signin', error: needsSignin('never', { reason: 'no_result' }) };
    if (result.account) {
      await rememberAccount(deps, userId, result.account);
    } else if (!(result.fromCache && (await deps.users.get(userId))?.entraAccount)) {
      // msal answers a cached OBO hit without the account; the account was stored on the first exchange.
      deps.logger.warn({ userId }, 'obo: Entra answered without an account');
      return { kind: 'needs_signin', error: needsSignin('never', { reason: 'no_account' }) };
    }
    await deps.memo.clear(userId);
    deps.logger.info({ userId, fromCache: result.fromCache }, 'obo: ok');
    return {
      kind: 'ok',
      accessToken: result.accessToken,
      expiresOn: result.expiresOn ?? new Date(Date.now() + 300_000),
    };
  } catch (e) {
    const outcome = classifyMsalError(e);
    deps.logger.warn(
      { userId, outcome: outcome.kind, errorCode: outcome.error.code, ...outcome.error.details },
      'obo: failed',
    );
    return outcome;
  }
}
