/**
 * Sandbox mode: the Entra and Azure DevOps simulators, in process, on loopback. The Azure DevOps
 * simulator trusts exactly the tokens the Entra simulator issues.
 */
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import { startAdoSimulator, type AdoSimulator } from './ado';
import { startEntraSimulator, type EntraSimulator } from './entra';
import type { SimUser } from './entra';

export interface Sandbox {
  entra: EntraSimulator;
  ado: AdoSimulator;
  stop(): Promise<void>;
}

export interface SandboxOptions {
  clock: Clock;
  logger: Logger;
  users?: SimUser[];
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const entra = await startEntraSimulator({ users: options.users, now: () => options.clock.now() });
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
