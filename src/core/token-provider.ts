import type { CodedError } from '../errors';

export type TokenFailureKind = 'needs_signin' | 'needs_consent' | 'claims_challenge' | 'unavailable';

/** Expected outcomes are values, not exceptions. */
export type TokenOutcome =
  | { kind: 'ok'; accessToken: string; expiresOn: Date }
  | {
      kind: TokenFailureKind;
      /** What to tell the user (code + message + next step). */
      error: CodedError;
      /** Conditional-access claims to pass back to the client, for `claims_challenge`. */
      claims?: string;
    };

/** Port: a user's Microsoft Entra access token for Azure DevOps, obtained silently. */
export interface TokenProvider {
  /** @param userId patbot's own user id (see `User.id` in ./store). */
  getAccessToken(userId: string): Promise<TokenOutcome>;
}
