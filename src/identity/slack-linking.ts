/**
 * Slack account linking (authorization code + PKCE S256):
 * `slackSignInUrl` → `GET /auth/slack/start?state=…` (redirects to Entra's authorize endpoint) →
 * `GET /auth/callback?code=…&state=…` (redeems the code, links Slack team+user → Entra account).
 * The state is sealed, bound to the Slack user, expires after 10 minutes and is redeemed once.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import { commandText } from '../core/messages';
import type { AuditLog, NonceStore, UserStore } from '../core/store';
import type { AeadCipher } from './aead-cipher';
import { classifyMsalError } from './classify-msal-error';
import { partitionKeyFor, type EncryptedCacheClient } from './encrypted-cache-client';
import type { FailureMemo } from './failure-memo';
import { htmlPage, redirect } from './html-page';
import { queryValue, type IdentityHttpRequest, type IdentityHttpResponse } from './http-types';
import type { MsalFactory } from './msal-factory';
import { stateInvalid } from './outcome-messages';
import { rememberAccount } from './remember-account';
import { openState, sealState, STATE_TTL_MS, type SlackStatePayload } from './slack-state';

export const SLACK_START_PATH = '/auth/slack/start';
export const AUTH_CALLBACK_PATH = '/auth/callback';
/** The slash command a Slack app gets unless it is configured with another one. */
export const DEFAULT_SLACK_COMMAND = '/pat';

export interface SlackLinkingDeps {
  users: Pick<UserStore, 'get' | 'setEntraAccount' | 'upsertByIdentity'>;
  nonces: NonceStore;
  audit: AuditLog;
  factory: MsalFactory;
  scopes: readonly string[];
  stateCipher: AeadCipher;
  memo: FailureMemo;
  publicBaseUrl: string;
  /**
   * The Slack app's slash command (`/pat` unless configured otherwise), read when a page is
   * rendered: the pages tell people which command to run in Slack.
   */
  slashCommand: () => string;
  logger: Logger;
  clock: Clock;
  /**
   * Writes a user's (encrypted) cache partition. The code is redeemed into a scratch in-memory
   * cache; only a link that passed the account check is written here, so a refused re-link
   * leaves the user's existing sign-in untouched.
   */
  partitions: Pick<EncryptedCacheClient, 'set'>;
  /**
   * Confirms that the Microsoft account that signed in belongs to the Slack user the link was
   * made for (the Slack channel compares the Slack profile's e-mail). Without it, anyone could
   * forward their sign-in link and get the clicker's Azure DevOps access.
   */
  verifySlackAccount?: (
    ids: { teamId: string; slackUserId: string },
    account: { names: string[] },
  ) => Promise<{ ok: true } | { ok: false; reason: 'mismatch' | 'no_email' }>;
  /** Told after a Slack user is linked (the Slack channel DMs them and re-runs their command). */
  onLinked?: (ids: { teamId: string; slackUserId: string }) => void | Promise<void>;
  /**
   * Sandbox only: the browser cannot trust the Entra simulator's local CA, so its authorize page
   * is also served by the bot on loopback http; this maps Entra's authorize URL to that page.
   */
  browserAuthorizeUrl?: (entraAuthorizeUrl: string) => string;
}

function base(deps: SlackLinkingDeps): string {
  return deps.publicBaseUrl.replace(/\/+$/, '');
}

/** The redirect URI to register on the Entra app (Web platform). */
export function redirectUriOf(publicBaseUrl: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}${AUTH_CALLBACK_PATH}`;
}

/** The one-time sign-in link for a Slack user: show it only to them (ephemeral or DM). */
export function slackSignInUrl(
  deps: SlackLinkingDeps,
  input: { teamId: string; slackUserId: string },
): string {
  const verifier = randomBytes(48).toString('base64url');
  const state = sealState(deps.stateCipher, { ...input, now: deps.clock.now(), verifier });
  return `${base(deps)}${SLACK_START_PATH}?state=${encodeURIComponent(state)}`;
}

/** `/pat <words>` as inline code, with the Slack app's slash command. */
function slack(deps: SlackLinkingDeps, words: string): string {
  return commandText(deps.slashCommand(), words);
}

function stateErrorPage(
  deps: SlackLinkingDeps,
  why: 'tampered' | 'expired' | 'used' | 'missing',
): IdentityHttpResponse {
  const e = stateInvalid(why);
  return htmlPage(400, 'Sign-in link not valid', [e.message, e.nextStepFor(deps.slashCommand())]);
}

/** `GET /auth/slack/start?state=…`: checks the state (without using it up) and redirects to Entra. */
export async function handleSlackStart(
  deps: SlackLinkingDeps,
  req: IdentityHttpRequest,
): Promise<IdentityHttpResponse> {
  const state = queryValue(req, 'state');
  const check = openState(deps.stateCipher, state, deps.clock.now());
  if (!check.ok) {
    deps.logger.info({ reason: check.reason }, 'slack sign-in start refused');
    return stateErrorPage(deps, check.reason);
  }
  try {
    const cca = await deps.factory.create(null);
    const url = await cca.getAuthCodeUrl({
      scopes: [...deps.scopes],
      redirectUri: redirectUriOf(deps.publicBaseUrl),
      codeChallenge: createHash('sha256').update(check.payload.verifier).digest('base64url'),
      codeChallengeMethod: 'S256',
      state,
      responseMode: 'query',
      prompt: 'select_account',
    });
    return redirect(deps.browserAuthorizeUrl ? deps.browserAuthorizeUrl(url) : url);
  } catch (e) {
    const outcome = classifyMsalError(e);
    deps.logger.warn({ outcome: outcome.kind, ...outcome.error.details }, 'slack sign-in start failed');
    return htmlPage(503, 'Sign-in is not available right now', [
      outcome.error.message,
      outcome.error.nextStepFor(deps.slashCommand()),
    ]);
  }
}

/** The page for a link whose Microsoft account is not the Slack user's (nothing was changed). */
function accountRefusedPage(deps: SlackLinkingDeps, reason: 'mismatch' | 'no_email'): IdentityHttpResponse {
  const signin = slack(deps, 'signin');
  return htmlPage(403, 'This Microsoft account is not yours in Slack', [
    reason === 'no_email'
      ? 'patbot could not read the e-mail address of your Slack profile, so it cannot confirm that this Microsoft account is yours. Ask your Slack admin to grant patbot the users:read.email scope.'
      : 'The Microsoft account you signed in with does not match the e-mail address of the Slack account that asked for this link. Nothing was linked, and an existing sign-in stays as it was.',
    `If you did not run ${signin} yourself, someone may have sent you their link: close this window. Otherwise run ${signin} again in Slack and sign in with your own account.`,
  ]);
}

/**
 * Redeems the code with a scratch client (in-memory cache only) and checks that the Microsoft
 * account is the Slack user's: nothing reaches the user's partition or account before that.
 */
async function redeemInScratch(deps: SlackLinkingDeps, payload: SlackStatePayload, code: string) {
  const user = await deps.users.upsertByIdentity({
    platform: 'slack',
    teamId: payload.team,
    slackUserId: payload.user,
  });
  const cca = await deps.factory.create(null);
  const result = await cca.acquireTokenByCode({
    code,
    scopes: [...deps.scopes],
    redirectUri: redirectUriOf(deps.publicBaseUrl),
    codeVerifier: payload.verifier,
  });
  if (!result.account) throw new Error('Entra answered without an account');
  if (deps.verifySlackAccount) {
    const claims = (result.idTokenClaims ?? {}) as Record<string, unknown>;
    const names = [result.account.username, claims.email, claims.upn, claims.preferred_username].filter(
      (n): n is string => typeof n === 'string' && n !== '',
    );
    const verdict = await deps.verifySlackAccount(
      { teamId: payload.team, slackUserId: payload.user },
      { names: [...new Set(names)] },
    );
    if (!verdict.ok) {
      deps.logger.warn({ userId: user.id, reason: verdict.reason }, 'slack link refused: account mismatch');
      return { kind: 'refused' as const, reason: verdict.reason };
    }
  }
  return { kind: 'ok' as const, user, result: { ...result, account: result.account }, cca };
}

/** `GET /auth/callback?code=…&state=…`: redeems the code once and links the Slack user. */
export async function handleAuthCallback(
  deps: SlackLinkingDeps,
  req: IdentityHttpRequest,
): Promise<IdentityHttpResponse> {
  const now = deps.clock.now();
  const check = openState(deps.stateCipher, queryValue(req, 'state'), now);
  if (!check.ok) {
    deps.logger.info({ reason: check.reason }, 'sign-in callback refused');
    return stateErrorPage(deps, check.reason);
  }
  const { payload } = check;
  const fresh = await deps.nonces.use(
    `slack-signin:${payload.nonce}`,
    new Date(payload.exp + STATE_TTL_MS),
    now,
  );
  if (!fresh) {
    deps.logger.info({ reason: 'used' }, 'sign-in callback refused');
    return stateErrorPage(deps, 'used');
  }
  const entraError = queryValue(req, 'error');
  const code = queryValue(req, 'code');
  if (entraError || !code) {
    deps.logger.info({ entraError: entraError ?? 'no_code' }, 'sign-in callback: Entra returned no code');
    const consent =
      entraError === 'consent_required' || /AADSTS65001/.test(queryValue(req, 'error_description') ?? '');
    return htmlPage(400, 'Sign-in did not finish', [
      consent
        ? "Your organisation hasn't allowed patbot to manage PATs for you yet. Ask an Entra administrator to grant consent."
        : `Microsoft sign-in did not complete (${(entraError ?? 'no code').slice(0, 60)}).`,
      `Go back to Slack and run ${slack(deps, 'signin')} to try again.`,
    ]);
  }
  try {
    const redeemed = await redeemInScratch(deps, payload, code);
    if (redeemed.kind === 'refused') return accountRefusedPage(deps, redeemed.reason);
    const { user, result, cca } = redeemed;
    // The new sign-in replaces the partition: tokens of an account the user no longer links go.
    await deps.partitions.set(partitionKeyFor(user.id), cca.getTokenCache().serialize());
    await rememberAccount(deps, user.id, result.account);
    await deps.memo.clear(user.id);
    deps.logger.info({ userId: user.id }, 'slack account linked');
    if (deps.onLinked) {
      // Fire and forget: the page must not wait for Slack, and a failure there must not undo the link.
      void Promise.resolve()
        .then(() => deps.onLinked?.({ teamId: payload.team, slackUserId: payload.user }))
        .catch((error: unknown) => deps.logger.warn({ err: error }, 'slack linked notification failed'));
    }
    const who = result.account.username || 'your Microsoft account';
    return htmlPage(200, 'You are signed in', [
      `Your Slack account is now linked to ${who}.`,
      `Go back to Slack and run ${slack(deps, 'list')} to see your PATs. Not you? Run ${slack(deps, 'signout')}.`,
      'You can close this window.',
    ]);
  } catch (e) {
    const outcome = classifyMsalError(e);
    deps.logger.warn(
      { outcome: outcome.kind, errorCode: outcome.error.code, ...outcome.error.details },
      'sign-in callback failed',
    );
    const status = outcome.kind === 'unavailable' ? 503 : 400;
    return htmlPage(status, 'Sign-in did not finish', [
      outcome.error.message,
      outcome.kind === 'unavailable'
        ? `Try again in a minute: go back to Slack and run ${slack(deps, 'signin')}.`
        : outcome.error.nextStepFor(deps.slashCommand()),
    ]);
  }
}
