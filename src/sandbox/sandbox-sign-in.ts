/**
 * Sandbox mode's auto-approving sign-in: a Teams user who is not signed in yet is signed in on
 * their first command through the REAL on-behalf-of path (the Entra simulator mints the Teams
 * SSO token that the Teams client would send, and msal-node exchanges it). The Agents Playground
 * cannot do SSO, so this is how its users get an Azure DevOps token. Never used outside sandbox.
 */
import type { IdentityService } from '../core/identity-service';
import type { Logger } from '../core/logger';
import type { UserStore } from '../core/store';
import type { TokenOutcome, TokenProvider } from '../core/token-provider';
import { DEMO_USERS } from './demo-data';
import type { EntraSimulator } from './entra';

/** The demo person's Playground UPN (as in Slack's profile e-mail), else a made-up sandbox name. */
function sandboxUsername(oid: string, name: string): string {
  const demo = DEMO_USERS.find((u) => u.oid === oid.toLowerCase());
  return demo?.upn ?? `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@sandbox.example`;
}

export class SandboxSignInTokenProvider implements TokenProvider {
  constructor(
    private readonly inner: TokenProvider,
    private readonly identity: IdentityService,
    private readonly users: UserStore,
    private readonly entra: EntraSimulator,
    private readonly logger: Logger,
    /** Called once per newly signed-in person (sandbox seeds their demo organisations and PATs). */
    private readonly onFirstSignIn: (user: { oid: string; name: string }) => Promise<void> = async () =>
      undefined,
  ) {}

  async getAccessToken(userId: string): Promise<TokenOutcome> {
    const first = await this.inner.getAccessToken(userId);
    if (first.kind !== 'needs_signin') return first;
    const teams = (await this.users.identities(userId)).find((i) => i.platform === 'teams');
    if (!teams || teams.platform !== 'teams') return first;
    const user = await this.users.get(userId);
    const name = user?.displayName ?? 'Sandbox User';
    this.entra.addUser({
      oid: teams.aadObjectId,
      // the person's home tenant is the Teams tenant, whatever the Playground's config says
      tid: teams.tenantId,
      username: sandboxUsername(teams.aadObjectId, name),
      name,
    });
    const ssoToken = await this.entra.mintSsoToken(teams.aadObjectId);
    await this.onFirstSignIn({ oid: teams.aadObjectId, name });
    const outcome = await this.identity.exchangeTeamsSsoToken({ userId, ssoToken });
    this.logger.info({ userId, outcome: outcome.kind }, 'sandbox sign-in');
    return outcome;
  }
}
