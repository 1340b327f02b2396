/**
 * Test harness for the Azure DevOps client and simulator: a signing key, a simulator on
 * 127.0.0.1:0 with one org and two members, token minting, and clients whose `sleep` records
 * waits instead of waiting.
 */
import { randomUUID } from 'node:crypto';
import { fixedClock } from '../../src/core/clock';
import { AdoTokensClient, type AdoTokensClientOptions } from '../../src/ado';
import {
  ADO_RESOURCE_ID,
  startAdoSimulator,
  type AdoSimulator,
  type AdoSimulatorOptions,
  type SimUser,
} from '../../src/sandbox/ado';
import { createTestKey, mintJwt, testJwks, type TestKey } from './ado-jwt';

let cachedKey: TestKey | undefined;
/** One RSA key per test file: key generation is the slow part of starting a harness. */
function sharedKey(): TestKey {
  cachedKey ??= createTestKey();
  return cachedKey;
}

export const NOW = new Date('2026-11-28T00:00:00.000Z');
export const DAY_MS = 86_400_000;

export interface TokenOptions {
  scp?: string | null;
  roles?: string[];
  idtyp?: 'app' | 'user';
  expiresInSeconds?: number;
  audience?: string;
  issuer?: string;
  key?: TestKey;
}

export interface AdoHarness {
  sim: AdoSimulator;
  key: TestKey;
  tenantId: string;
  issuer: string;
  clock: ReturnType<typeof fixedClock>;
  org: { id: string; name: string; tenantId: string };
  alice: SimUser;
  bob: SimUser;
  /** A user (or, with `roles`/`idtyp: app`, app-only) access token for Azure DevOps. */
  token(user: SimUser, options?: TokenOptions): Promise<string>;
  /** A client against the simulator; `waits` records every sleep it asked for (no real waiting). */
  client(options?: Partial<AdoTokensClientOptions>): { client: AdoTokensClient; waits: number[] };
  close(): Promise<void>;
}

export async function startAdoHarness(simOptions: Partial<AdoSimulatorOptions> = {}): Promise<AdoHarness> {
  const key = sharedKey();
  const tenantId = randomUUID();
  const issuer = `https://sts.windows.net/${tenantId}/`;
  const clock = fixedClock(NOW);
  const sim = await startAdoSimulator({ jwks: testJwks(key), issuers: [issuer], clock, ...simOptions });
  const org = sim.addOrg({ name: 'contoso', tenantId });
  const alice: SimUser = { oid: randomUUID(), name: 'alice@contoso.com' };
  const bob: SimUser = { oid: randomUUID(), name: 'bob@contoso.com' };
  sim.addMember('contoso', alice);
  sim.addMember('contoso', bob);

  return {
    sim,
    key,
    tenantId,
    issuer,
    clock,
    org,
    alice,
    bob,
    token: async (user, options = {}) => {
      const claims: Record<string, unknown> = { oid: user.oid, tid: tenantId, upn: user.name };
      if (options.scp !== null) claims.scp = options.scp ?? 'vso.pats vso.pats_manage';
      if (options.roles) claims.roles = options.roles;
      if (options.idtyp) claims.idtyp = options.idtyp;
      return mintJwt(options.key ?? key, claims, {
        issuer: options.issuer ?? issuer,
        audience: options.audience ?? ADO_RESOURCE_ID,
        subject: user.oid,
        expiresInSeconds: options.expiresInSeconds,
        now: clock.now(),
      });
    },
    client: (options = {}) => {
      const waits: number[] = [];
      const client = new AdoTokensClient({
        baseUrl: sim.url,
        clock,
        sleep: async (ms) => {
          waits.push(ms);
        },
        random: () => 0.5,
        ...options,
      });
      return { client, waits };
    },
    close: () => sim.close(),
  };
}
