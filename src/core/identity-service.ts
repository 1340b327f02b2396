import type { TokenOutcome } from './token-provider';

/**
 * Port: per-user Microsoft Entra sign-in, as the channels need it. Implemented in src/identity
 * (msal-node); the channels never see msal.
 */
export interface IdentityService {
  /**
   * Teams SSO: exchanges the token from a `signin/tokenExchange` invoke on behalf of the user
   * and remembers their account. `needs_consent` means: answer the invoke with 412.
   */
  exchangeTeamsSsoToken(input: { userId: string; ssoToken: string }): Promise<TokenOutcome>;
  /** The one-time "Sign in with Microsoft" link for a Slack user (show it only to that user). */
  slackSignInUrl(input: { teamId: string; slackUserId: string }): Promise<string>;
  /** Forgets the user's cached tokens and Entra account link. */
  signOut(userId: string): Promise<void>;
}
