/**
 * The reminder sweep under test, in its own process (so its CPU time and peak RSS are its own):
 * the real store (SQLite or PostgreSQL, from DATABASE_URL), identity (msal-node, encrypted per-user cache), Azure DevOps client
 * and the scheduler's one-shot sweep (`runSweepOnce` from scripts/sweep.ts: lease + runSweep)
 * with a counting Notifier. The simulators run in the parent. `tick` runs the scheduler's tick for
 * a given schedule time from a given wall-clock instant, so N of these processes on one database
 * share one sweep (bench/sweep-scale.ts).
 */
import { AdoTokensClient } from '../../src/ado';
import { loadConfig } from '../../src/config';
import { systemClock } from '../../src/core/clock';
import type { ChannelDigest, DeliveryResult, DirectReminder, Notifier } from '../../src/core/notifier';
import { planReminders } from '../../src/core/reminders/plan-reminders';
import { resolveSweepOptions } from '../../src/core/reminders/sweep-options';
import type { WorkingHours } from '../../src/core/reminders/working-hours';
import { createIdentity, entraSettingsFromConfig } from '../../src/identity';
import { createLogger } from '../../src/logger';
import { openStore } from '../../src/store';
import { createReminderScheduler, sweepOptionsFrom } from '../../src/scheduler';
import { runSweepOnce } from '../../scripts/sweep';
import { announceReady, serveParent } from './child';
import { forEachLimit } from './load';

/** Every day, all day: the run must not depend on the weekday or hour it happens to start at. */
const ALWAYS: WorkingHours = { startMinute: 0, endMinute: 24 * 60, days: [0, 1, 2, 3, 4, 5, 6] };

export interface SeedUser {
  oid: string;
  name: string;
  teamsId: string;
  conversationId: string;
  ssoToken: string;
}

class CountingNotifier implements Notifier {
  direct = 0;
  digests = 0;
  async sendDirect(_userId: string, _reminder: DirectReminder): Promise<DeliveryResult> {
    this.direct++;
    return { ok: true };
  }
  async sendChannelDigest(_key: string, _digest: ChannelDigest): Promise<DeliveryResult> {
    this.digests++;
    return { ok: true };
  }
}

/** Counts and also names each message sent (user, PAT, threshold), to find repeats across instances. */
class KeyedNotifier extends CountingNotifier {
  readonly keys: string[] = [];
  override async sendDirect(userId: string, reminder: DirectReminder): Promise<DeliveryResult> {
    this.keys.push(
      reminder.kind === 'signin-needed'
        ? `${userId}|signin`
        : reminder.kind === 'revoke-due'
          ? `${userId}|${reminder.patId}|revoke-due`
          : `${userId}|${reminder.pat.patId}|${reminder.threshold}`,
    );
    return super.sendDirect(userId, reminder);
  }
}

async function main(): Promise<void> {
  const config = loadConfig(process.env as Record<string, string | undefined>);
  const logger = createLogger({ level: config.log.level });
  const store = await openStore(config.database.url, { logger });
  const entra = entraSettingsFromConfig(config);
  if (!entra) throw new Error('Entra settings missing');
  const identity = createIdentity({
    entra,
    tokenCacheKey: config.tokenCache.key,
    publicBaseUrl: config.http.publicBaseUrl,
    store,
    logger,
    clock: systemClock,
  });
  const tokensApi = new AdoTokensClient({ baseUrl: config.ado.vsspsBaseUrl, logger, clock: systemClock });
  const tenantId = config.entra.tenantId ?? '';

  serveParent({
    seed: async (args) => {
      const { users, concurrency } = args as { users: SeedUser[]; concurrency: number };
      let ok = 0;
      const failures: string[] = [];
      await forEachLimit(users, concurrency, async (u) => {
        const user = await store.users.upsertByIdentity(
          { platform: 'teams', tenantId, aadObjectId: u.oid, teamsUserId: u.teamsId },
          { displayName: u.name },
        );
        await store.conversations.upsert({
          key: `teams:${u.conversationId}`,
          platform: 'teams',
          kind: 'personal',
          userId: user.id,
          reference: {
            conversation: { id: u.conversationId },
            user: { id: u.teamsId },
            serviceUrl: 'http://127.0.0.1:9/',
          },
        });
        const outcome = await identity.exchangeTeamsSsoToken({ userId: user.id, ssoToken: u.ssoToken });
        if (outcome.kind === 'ok') ok++;
        else if (failures.length < 5) failures.push(outcome.error.code);
      });
      return { ok, failed: users.length - ok, failures };
    },
    sweep: async (args) => {
      const { concurrency } = (args ?? {}) as { concurrency?: number };
      const notifier = new CountingNotifier();
      const t0 = performance.now();
      const result = await runSweepOnce(
        { store, tokensApi, tokenProvider: identity.tokenProvider, notifier, logger },
        {
          role: 'bench',
          settings: {
            ...sweepOptionsFrom(config),
            workingHours: ALWAYS,
            ...(concurrency ? { concurrency } : {}),
          },
        },
      );
      const wallMs = performance.now() - t0;
      return {
        result,
        wallMs,
        direct: notifier.direct,
        digests: notifier.digests,
        memory: process.memoryUsage(),
      };
    },
    /**
     * The scheduler's tick for schedule time `at`, started at wall-clock `startAt` (epoch ms):
     * the instance that wins the lease opens the sweep, the others join it.
     */
    tick: async (args) => {
      const { at, startAt, instance } = args as { at: string; startAt: number; instance: string };
      const notifier = new KeyedNotifier();
      const scheduler = createReminderScheduler(
        { store, tokensApi, tokenProvider: identity.tokenProvider, notifier, logger, clock: systemClock },
        {
          ...sweepOptionsFrom(config),
          workingHours: ALWAYS,
          instanceId: `${instance}:${process.pid}`,
          joinWaitMs: 60_000,
        },
      );
      while (Date.now() < startAt) await new Promise((r) => setTimeout(r, 1));
      const result = await scheduler.tick(new Date(at));
      return {
        result,
        endedAt: Date.now(),
        direct: notifier.direct,
        digests: notifier.digests,
        keys: notifier.keys,
      };
    },
    /**
     * The naive baseline: one user at a time, one call at a time (token, active list, expired
     * list, plan, send), no pool and no ledger, over the first `sample` signed-in users.
     */
    baseline: async (args) => {
      const { sample } = args as { sample: number };
      const options = resolveSweepOptions({ instanceId: 'baseline', workingHours: ALWAYS });
      const users = await store.users.listSignedIn(null, sample);
      const t0 = performance.now();
      let failed = 0;
      let direct = 0;
      for (const user of users) {
        const token = await identity.tokenProvider.getAccessToken(user.id);
        if (token.kind !== 'ok') {
          failed++;
          continue;
        }
        const pats = [];
        for (const org of user.orgs ?? config.ado.organizations) {
          const ctx = { org, accessToken: token.accessToken };
          pats.push(...(await tokensApi.list(ctx, { filter: 'active' })));
          pats.push(...(await tokensApi.list(ctx, { filter: 'expired' })));
        }
        const now = systemClock.now();
        const planned = planReminders({
          pats,
          now,
          thresholdsDays: options.thresholdsDays,
          target: `dm:${user.id}`,
          timeZone: user.timezone ?? options.defaultTimeZone,
          workingHours: ALWAYS,
          expiredNoticeDays: options.expiredNoticeDays,
          globalNoticeDays: options.globalNoticeDays,
        });
        // The Notifier is a counting stub in this bench: count what would be sent.
        direct += planned.length;
      }
      return { users: users.length, failed, wallMs: performance.now() - t0, direct };
    },
    mem: async () => process.memoryUsage(),
    stop: async () => {
      await store.close();
      setImmediate(() => process.exit(0));
      return null;
    },
  });
  announceReady({ pid: process.pid });
}

main().catch((e: unknown) => {
  process.stderr.write(
    `bench sweep process failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exit(1);
});
