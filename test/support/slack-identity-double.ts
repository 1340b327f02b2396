/**
 * A test double for the identity ports (TokenProvider + IdentityService), faithful to their
 * contracts: a user is signed in when the store holds their Entra account; then
 * `getAccessToken` returns a REAL RS256 Azure DevOps-audience JWT for the matching simulator
 * user (so the ADO simulator verifies it); otherwise `needs_signin`.
 */
import type { IdentityService } from '../../src/core/identity-service';
import type { Store } from '../../src/core/store';
import type { TokenOutcome, TokenProvider } from '../../src/core/token-provider';
import { CodedError } from '../../src/errors';
import { needsSignin } from '../../src/identity/outcome-messages';
import type { SimUser } from '../../src/sandbox/ado';

export interface IdentityDouble {
  tokenProvider: TokenProvider;
  identity: IdentityService;
  /** Links a patbot user to a simulator user (as the identity module does after sign-in). */
  link(userId: string, simUser: SimUser, tenantId: string): Promise<void>;
  /**
   * The user's tokens are gone (refresh token revoked or expired) while patbot still remembers
   * their account: from now on `getAccessToken` answers `needs_signin` (sign-in expired).
   */
  forgetTokens(userId: string): void;
  signInUrls: string[];
  signedOut: string[];
  tokenCalls: string[];
  /** Every access token handed out (to assert none leaks into logs or messages). */
  minted: string[];
}

export function identityDouble(
  store: Store,
  mint: (user: SimUser) => Promise<string>,
  publicBaseUrl: string,
): IdentityDouble {
  const simUsers = new Map<string, SimUser>();
  const signInUrls: string[] = [];
  const signedOut: string[] = [];
  const tokenCalls: string[] = [];
  const minted: string[] = [];
  let counter = 0;
  const notSignedIn = (): TokenOutcome => ({
    kind: 'needs_signin',
    error: new CodedError('auth.needs_signin', 'You are not signed in to Microsoft yet.', {
      nextStep: 'Sign in with Microsoft to continue.',
    }),
  });
  // What the real identity module answers when the account is known but its tokens are gone.
  const signInExpired = (): TokenOutcome => ({ kind: 'needs_signin', error: needsSignin('expired') });
  return {
    signInUrls,
    signedOut,
    tokenCalls,
    minted,
    forgetTokens(userId) {
      simUsers.delete(userId);
    },
    async link(userId, simUser, tenantId) {
      simUsers.set(userId, simUser);
      await store.users.setEntraAccount(userId, {
        homeAccountId: `${simUser.oid}.${tenantId}`,
        tenantId,
        username: simUser.name,
      });
    },
    tokenProvider: {
      async getAccessToken(userId) {
        tokenCalls.push(userId);
        const user = await store.users.get(userId);
        const sim = simUsers.get(userId);
        if (!user?.entraAccount) return notSignedIn();
        if (!sim) return signInExpired();
        const accessToken = await mint(sim);
        minted.push(accessToken);
        return { kind: 'ok', accessToken, expiresOn: new Date(Date.now() + 3600_000) };
      },
    },
    identity: {
      async exchangeTeamsSsoToken() {
        return notSignedIn();
      },
      async slackSignInUrl({ teamId, slackUserId }) {
        counter += 1;
        const url = `${publicBaseUrl}/auth/slack/start?state=test-${teamId}-${slackUserId}-${counter}`;
        signInUrls.push(url);
        return url;
      },
      async signOut(userId) {
        signedOut.push(userId);
        simUsers.delete(userId);
        await store.users.setEntraAccount(userId, null);
      },
    },
  };
}
