/**
 * One real bot instance for the scale-out scenario (test/scale-out): `startApp` with the
 * environment it was given (PostgreSQL, the parent's Entra/Azure DevOps simulators and fake
 * Slack API), serving HTTP, plus two requests over IPC: `seed` signs users in with real OBO
 * exchanges, `tick` runs the scheduler's tick for a given schedule time, starting at a given
 * wall-clock instant (so two instances tick at the same moment).
 */
import { announceReady, serveParent } from '../../bench/support/child';
import { startApp } from '../../src/app';
import { processEnv } from '../../src/config';
import { createReminderScheduler, sweepOptionsFrom } from '../../src/scheduler';

export interface ScaleOutSeedUser {
  slackUserId: string;
  ssoToken: string;
}

async function main(): Promise<void> {
  const app = await startApp({ env: processEnv() });
  const name = process.env.INSTANCE_NAME ?? 'instance';
  serveParent({
    seed: async (args) => {
      const { users } = args as { users: ScaleOutSeedUser[] };
      const failures: string[] = [];
      for (const u of users) {
        const user = await app.store.users.upsertByIdentity({
          platform: 'slack',
          teamId: 'T1',
          slackUserId: u.slackUserId,
        });
        const outcome = await app.identity.exchangeTeamsSsoToken({ userId: user.id, ssoToken: u.ssoToken });
        if (outcome.kind !== 'ok')
          failures.push(`${u.slackUserId}: ${outcome.error.code} ${JSON.stringify(outcome.error.details)}`);
      }
      return { failures };
    },
    tick: async (args) => {
      const { at, startAt } = args as { at: string; startAt: number };
      const scheduler = createReminderScheduler(app.sweepDeps, {
        ...sweepOptionsFrom(app.config),
        instanceId: `${name}:${process.pid}`,
        joinWaitMs: 10_000,
      });
      while (Date.now() < startAt) await new Promise((r) => setTimeout(r, 1));
      return scheduler.tick(new Date(at));
    },
    stop: async () => {
      await app.stop();
      setImmediate(() => process.exit(0));
      return null;
    },
  });
  announceReady({ url: app.url, pid: process.pid });
}

main().catch((e: unknown) => {
  process.stderr.write(
    `scale-out instance failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exit(1);
});
