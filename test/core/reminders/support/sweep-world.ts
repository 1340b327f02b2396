/**
 * An end-to-end world for sweep tests: the REAL SQLite store in a temp folder, the REAL Azure
 * DevOps client against the simulator, a token provider that mints simulator-valid tokens for
 * each user (or returns a scripted failure), and a recording Notifier.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../../../../src/core/logger';
import type { Store, User } from '../../../../src/core/store';
import type { TokenOutcome, TokenProvider } from '../../../../src/core/token-provider';
import { runSweep } from '../../../../src/core/reminders/sweep';
import type { SweepOptions } from '../../../../src/core/reminders/sweep-options';
import type { SweepSummary } from '../../../../src/core/reminders/sweep-summary';
import { CodedError } from '../../../../src/errors';
import type { SimUser } from '../../../../src/sandbox/ado';
import { openStore } from '../../../../src/store/open-store';
import { startAdoHarness, type AdoHarness } from '../../../support/ado-harness';
import { captureLogger } from '../../../support/capture-logger';
import { RecordingNotifier } from './recording-notifier';

/** Scripted token outcomes per user; users without a script get a fresh simulator token. */
export class ScriptedTokenProvider implements TokenProvider {
  readonly failures = new Map<string, Exclude<TokenOutcome, { kind: 'ok' }>>();
  readonly simUsers = new Map<string, SimUser>();
  calls = 0;

  constructor(private readonly h: AdoHarness) {}

  async getAccessToken(userId: string): Promise<TokenOutcome> {
    this.calls++;
    const failure = this.failures.get(userId);
    if (failure) return failure;
    const simUser = this.simUsers.get(userId);
    if (!simUser) throw new Error(`no simulator user for ${userId}`);
    return {
      kind: 'ok',
      accessToken: await this.h.token(simUser),
      expiresOn: new Date(this.h.clock.now().getTime() + 3600_000),
    };
  }

  failSignIn(userId: string): void {
    this.failures.set(userId, {
      kind: 'needs_signin',
      error: new CodedError(
        'auth.needs_signin',
        "I can't reach your Azure DevOps account any more (your sign-in expired).",
        {
          nextStep: 'Sign in again to keep reminders working.',
        },
      ),
    });
  }
}

export interface WorldUser {
  user: User;
  sim: SimUser;
  dmKey: string;
}

export interface World {
  h: AdoHarness;
  dir: string;
  dbUrl: string;
  store: Store;
  notifier: RecordingNotifier;
  tokens: ScriptedTokenProvider;
  logger: Logger;
  logLines: () => Array<Record<string, unknown>>;
  logText: () => string;
  sleeps: number[];
  /** A signed-in user who is a member of `contoso` in the simulator, with a personal conversation. */
  addUser(name: string, options?: { timezone?: string | null; personal?: boolean }): Promise<WorldUser>;
  /** A channel conversation (status active). */
  addChannel(key: string): Promise<void>;
  /** Seeds a PAT expiring at `validTo`. */
  addPat(owner: WorldUser, name: string, validTo: Date | string, options?: { global?: boolean }): string;
  sweep(options?: Partial<SweepOptions>, store?: Store): Promise<SweepSummary>;
  openAnotherStore(): Promise<Store>;
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const h = await startAdoHarness();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patbot-sweep-'));
  const dbUrl = `sqlite:${path.join(dir, 'x.db')}`;
  const stores: Store[] = [];
  const store = await openStore(dbUrl, { now: () => h.clock.now() });
  stores.push(store);
  const notifier = new RecordingNotifier();
  const tokens = new ScriptedTokenProvider(h);
  const { logger, lines, text } = captureLogger('debug');
  const sleeps: number[] = [];
  const { client } = h.client({ logger });

  const world: World = {
    h,
    dir,
    dbUrl,
    store,
    notifier,
    tokens,
    logger,
    logLines: lines,
    logText: text,
    sleeps,
    async addUser(name, options = {}) {
      const sim: SimUser = { oid: randomUUID(), name: `${name}@contoso.com` };
      h.sim.addMember('contoso', sim);
      const identity = { platform: 'teams' as const, tenantId: h.tenantId, aadObjectId: sim.oid };
      const created = await store.users.upsertByIdentity(identity, {
        displayName: name,
        timezone: options.timezone === undefined ? 'UTC' : options.timezone,
      });
      await store.users.setEntraAccount(created.id, {
        homeAccountId: `${sim.oid}.${h.tenantId}`,
        tenantId: h.tenantId,
        username: sim.name,
      });
      await store.users.setOrgs(created.id, ['contoso']);
      const dmKey = `teams:dm-${name}`;
      if (options.personal !== false) {
        await store.conversations.upsert({
          key: dmKey,
          platform: 'teams',
          kind: 'personal',
          userId: created.id,
          reference: { conversation: { id: `dm-${name}` } },
        });
      }
      tokens.simUsers.set(created.id, sim);
      const user = await store.users.get(created.id);
      if (!user) throw new Error('user vanished');
      return { user, sim, dmKey };
    },
    async addChannel(key) {
      await store.conversations.upsert({
        key,
        platform: 'teams',
        kind: 'channel',
        userId: null,
        reference: { key },
      });
    },
    addPat(owner, name, validTo, options = {}) {
      const pat = h.sim.addPat({
        ownerOid: owner.sim.oid,
        org: options.global ? undefined : 'contoso',
        global: options.global,
        name,
        scope: 'vso.code',
        validFrom: new Date('2026-06-01T00:00:00Z'),
        validTo: new Date(validTo),
      });
      return pat.authorizationId;
    },
    sweep(options = {}, useStore = store) {
      return runSweep(
        { store: useStore, tokensApi: client, tokenProvider: tokens, notifier, clock: h.clock, logger },
        {
          instanceId: 'instance-a',
          workingHours: { startMinute: 9 * 60, endMinute: 17 * 60, days: [0, 1, 2, 3, 4, 5, 6] },
          sleep: async (ms) => {
            sleeps.push(ms);
          },
          ...options,
        },
      );
    },
    async openAnotherStore() {
      const another = await openStore(dbUrl, { now: () => h.clock.now() });
      stores.push(another);
      return another;
    },
    async close() {
      for (const s of stores) await s.close();
      await h.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return world;
}
