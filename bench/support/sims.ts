/**
 * The simulators the benchmarks run in the parent process: the Entra simulator (HTTPS, local CA,
 * real OBO / refresh / auth-code grants) and the Azure DevOps simulator (verifies the Entra
 * tokens, adds `latencyMs` to every call), seeded with bench users and their PATs.
 */
import { rmSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { startAdoSimulator, type AdoSimulator } from '../../src/sandbox/ado';
import { startEntraSimulator, type EntraSimulator } from '../../src/sandbox/entra';

export const BENCH_ORG = 'benchorg';
export const PAT_PREFIX = 'bench-pat-';
const DAY_MS = 86_400_000;

export interface BenchUser {
  index: number;
  oid: string;
  upn: string;
  name: string;
  /** Teams user id (`29:…`) and personal conversation id. */
  teamsId: string;
  conversationId: string;
  /** Slack user id. */
  slackId: string;
}

export interface BenchSims {
  entra: EntraSimulator;
  ado: AdoSimulator;
  users: BenchUser[];
  /** Entra token requests so far (all grants). */
  entraTokenRequests(): number;
  close(): Promise<void>;
}

export function benchUser(index: number): BenchUser {
  const n = String(index).padStart(12, '0');
  return {
    index,
    oid: `b0000000-0000-4000-8000-${n}`,
    upn: `user${index}@bench.example`,
    name: `Bench User ${index}`,
    teamsId: `29:bench-${index}`,
    conversationId: `a:bench-personal-${index}`,
    slackId: `UB${String(index).padStart(8, '0')}`,
  };
}

/**
 * PAT `j` of a user (10 per user): j=0 expires within a day, j=1 in 5 days, j=2 in 12 days (each
 * crosses a reminder threshold), j=3..8 later, j=9 expired 2 days ago (the "expired" notice).
 */
export function patValidTo(j: number, now: number): Date {
  if (j === 0) return new Date(now + 0.4 * DAY_MS);
  if (j === 1) return new Date(now + 5 * DAY_MS);
  if (j === 2) return new Date(now + 12 * DAY_MS);
  if (j === 9) return new Date(now - 2 * DAY_MS);
  return new Date(now + (20 + j * 10) * DAY_MS);
}

export async function startBenchSims(options: {
  users: number;
  patsPerUser: number;
  latencyMs: number;
}): Promise<BenchSims> {
  const entra = await startEntraSimulator({ users: [] });
  const ado = await startAdoSimulator({
    jwks: entra.jwks(),
    issuers: [entra.adoIssuer],
    latencyMs: options.latencyMs,
  });
  ado.addOrg({ name: BENCH_ORG, tenantId: entra.tenantId });
  const now = Date.now();
  const users: BenchUser[] = [];
  for (let i = 0; i < options.users; i++) {
    const u = benchUser(i);
    users.push(u);
    entra.addUser({ oid: u.oid, username: u.upn, name: u.name });
    ado.addMember(BENCH_ORG, { oid: u.oid, name: u.upn });
    for (let j = 0; j < options.patsPerUser; j++) {
      ado.addPat({ ownerOid: u.oid, org: BENCH_ORG, name: `${PAT_PREFIX}${j}`, validTo: patValidTo(j, now) });
    }
  }
  return {
    entra,
    ado,
    users,
    entraTokenRequests: () => entra.requests().length,
    async close() {
      await ado.close();
      await entra.close();
      // The simulator's generated CA lives in its own temporary directory: remove it.
      const caDir = dirname(entra.caPath);
      if (basename(caDir).startsWith('patbot-ca-')) rmSync(caDir, { recursive: true, force: true });
    },
  };
}
