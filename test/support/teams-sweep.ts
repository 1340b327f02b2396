/** Runs the REAL reminder sweep (core `runSweep`) with the Teams notifier against a Teams harness. */
import { runSweep, type SweepOptions, type SweepSummary } from '../../src/core/reminders';
import type { TeamsHarness } from './teams-harness';

export function runTeamsSweep(h: TeamsHarness, options: Partial<SweepOptions> = {}): Promise<SweepSummary> {
  return runSweep(
    {
      store: h.store,
      tokensApi: h.tokensApi,
      tokenProvider: h.identity.tokenProvider,
      notifier: h.channel.notifier,
      clock: h.clock,
      logger: h.logs.logger,
    },
    {
      instanceId: 'teams-test-sweep',
      defaultOrgs: h.config.ado.organizations,
      sleep: async () => undefined,
      ...options,
    },
  );
}
