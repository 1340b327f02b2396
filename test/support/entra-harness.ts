/**
 * Test harness: the Entra simulator over HTTPS on loopback + the real identity adapter (real
 * msal-node) + an in-memory store (or a given one) + a capturing trace logger.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Store } from '../../src/core/store';
import { createIdentity, entraSettingsForSimulator, type Identity } from '../../src/identity';
import type { IdentityOptions } from '../../src/identity/create-identity';
import type { EntraSimulatorOptions } from '../../src/sandbox/entra/entra-simulator';
import { startSimProcess, type RemoteEntraSimulator } from './entra-sim-process';
import { captureLogger } from './capture-logger';
import { memoryIdentityStore } from './entra-memory-store';

export const ADO_RESOURCE_ID = '499b84ac-1321-427f-aa17-267ca6975798';
export const ADO_SCOPE = `${ADO_RESOURCE_ID}/.default`;
export const PUBLIC_BASE_URL = 'https://patbot.example';
export const ALICE = '11111111-1111-4111-8111-111111111111';
export const BOB = '22222222-2222-4222-8222-222222222222';

/** A clock tests move (starts at the real time: msal checks token expiry with the real clock). */
export function movableClock(): { now(): Date; advance(ms: number): void } {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms) => void (offset += ms) };
}

export type IdentityStore = Pick<Store, 'users' | 'tokenCache' | 'nonces' | 'audit' | 'ephemeral'>;

export interface Harness {
  sim: RemoteEntraSimulator;
  identity: Identity;
  store: IdentityStore;
  /** The in-memory store when no store was given (records partition reads and writes). */
  memory: ReturnType<typeof memoryIdentityStore>;
  logs: ReturnType<typeof captureLogger>;
  clock: ReturnType<typeof movableClock>;
  key: Buffer;
  /** A fresh identity adapter over the same store (a "second instance"). */
  another(overrides?: Partial<IdentityOptions>): Identity;
  /** Upserts a Teams user for a simulator user. */
  teamsUser(oid: string): Promise<string>;
  /** Adds a new person to the simulator and returns their oid. */
  newPerson(name?: string): Promise<string>;
  close(): Promise<void>;
}

export async function startHarness(
  options: { sim?: EntraSimulatorOptions; identity?: Partial<IdentityOptions>; store?: IdentityStore } = {},
): Promise<Harness> {
  const sim = await startSimProcess({ redirectUris: [`${PUBLIC_BASE_URL}/auth/callback`], ...options.sim });
  const memory = memoryIdentityStore();
  const store: IdentityStore = options.store ?? memory;
  const logs = captureLogger('trace');
  const clock = movableClock();
  const key = randomBytes(32);
  const make = (overrides: Partial<IdentityOptions> = {}): Identity =>
    createIdentity({
      entra: entraSettingsForSimulator(sim, [ADO_SCOPE]),
      tokenCacheKey: key,
      publicBaseUrl: PUBLIC_BASE_URL,
      store,
      logger: logs.logger,
      clock,
      caPem: sim.caPem,
      timeoutMs: 1500,
      ...options.identity,
      ...overrides,
    });
  return {
    sim,
    identity: make(),
    store,
    memory,
    logs,
    clock,
    key,
    another: make,
    teamsUser: async (oid) =>
      (await store.users.upsertByIdentity({ platform: 'teams', tenantId: sim.tenantId, aadObjectId: oid }))
        .id,
    newPerson: async (name = 'Test Person') => {
      const oid = randomUUID();
      await sim.addUser({ oid, username: `${oid.slice(0, 8)}@contoso.example`, name });
      return oid;
    },
    close: () => sim.close(),
  };
}
