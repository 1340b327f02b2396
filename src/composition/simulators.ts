/** Sandbox mode's in-process simulators: Azure DevOps and Entra with demo data, and a local Slack when none is configured. */
import type { Config } from '../config';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import { seedDemoData } from '../sandbox/demo-data';
import { startSandboxSlack, type SandboxSlackWorkspace } from '../sandbox/slack/workspace';
import { startSandbox, type Sandbox } from '../sandbox/start-sandbox';

export interface Simulators {
  sandbox?: Sandbox;
  sandboxSlack?: SandboxSlackWorkspace;
}

/** Starts them into `into` as they come up, so a failure half-way can still stop what started. */
export async function startSimulators(
  into: Simulators,
  input: { config: Config; clock: Clock; logger: Logger },
): Promise<void> {
  const { config, clock, logger } = input;
  into.sandbox = await startSandbox({ clock, logger });
  // No Slack app configured: patbot configures Slack itself with sandbox-only values.
  if (!config.slack) into.sandboxSlack = await startSandboxSlack();
  const seeded = seedDemoData({ ado: into.sandbox.ado, now: clock.now(), orgs: config.ado.organizations });
  logger.info({ orgs: seeded.orgs, people: seeded.pats.size }, 'sandbox: demo data seeded');
}

export async function stopSimulators(simulators: Simulators): Promise<void> {
  await simulators.sandbox?.stop();
  await simulators.sandboxSlack?.close();
}
