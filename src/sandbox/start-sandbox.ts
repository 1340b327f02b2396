/**
 * Sandbox mode: the Entra and Azure DevOps simulators, in process, on loopback. The Azure DevOps
 * simulator trusts exactly the tokens the Entra simulator issues. The Entra simulator knows the
 * demo people by their Playground UPNs and signs in Alex (the Playground's current user) when a
 * browser reaches its authorize page, so a Slack account link in the sandbox is Alex's.
 */
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import { startAdoSimulator, type AdoSimulator } from './ado';
import { startEntraSimulator, type EntraSimulator } from './entra';
import type { SimUser } from './entra';
import { DEMO_USERS, PLAYGROUND_USER } from './demo-data';

export interface Sandbox {
  entra: EntraSimulator;
  ado: AdoSimulator;
  stop(): Promise<void>;
}

export interface SandboxOptions {
  clock: Clock;
  logger: Logger;
  /** Default: the demo people (DEMO_USERS), Alex signing in. */
  users?: SimUser[];
}

/** The demo people as Entra simulator users (username = their Playground UPN). */
export function demoEntraUsers(): SimUser[] {
  return DEMO_USERS.map((u) => ({ oid: u.oid, username: u.upn, name: u.name }));
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const users = options.users ?? demoEntraUsers();
  const entra = await startEntraSimulator({
    users,
    signInUser: users.some((u) => u.oid === PLAYGROUND_USER.oid) ? PLAYGROUND_USER.oid : undefined,
    now: () => options.clock.now(),
  });
  try {
    const ado = await startAdoSimulator({
      jwks: entra.jwks(),
      issuers: [entra.adoIssuer],
      clock: options.clock,
      logger: options.logger.child({ component: 'ado-simulator' }),
    });
    return {
      entra,
      ado,
      async stop() {
        await Promise.allSettled([ado.close(), entra.close()]);
      },
    };
  } catch (error) {
    await entra.close();
    throw error;
  }
}
