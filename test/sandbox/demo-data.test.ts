/**
 * Sandbox demo data, seeded into the real Azure DevOps simulator: what a newcomer sees must match
 * what the README and the end-to-end test promise.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { daysLeft, patStatus, isGlobalPat } from '../../src/core/pat-status';
import { silentLogger } from '../../src/core/logger';
import { startAdoSimulator, type AdoSimulator } from '../../src/sandbox/ado';
import { startSandbox } from '../../src/sandbox/start-sandbox';
import {
  DEMO_PATS,
  DEMO_USERS,
  PLAYGROUND_USER,
  seedDemoData,
  seedDemoUser,
  soonestRenewableDemoPat,
} from '../../src/sandbox/demo-data';

const NOW = new Date('2026-11-28T09:30:00Z');

interface PlaygroundPerson {
  id: string;
  name: string;
  userPrincipleName: string;
  aadObjectId: string;
}

function playgroundConfig(): { tenantId: string; currentUser: PlaygroundPerson; users: PlaygroundPerson[] } {
  return parse(readFileSync(join(__dirname, '..', '..', '.m365agentsplayground.yml'), 'utf8')) as {
    tenantId: string;
    currentUser: PlaygroundPerson;
    users: PlaygroundPerson[];
  };
}

describe('the Playground config and the sandbox', () => {
  it("uses the sandbox Entra tenant, so Playground users' SSO tokens match their Teams tenant", async () => {
    const sandbox = await startSandbox({ clock: { now: () => NOW }, logger: silentLogger });
    try {
      expect(playgroundConfig().tenantId).toBe(sandbox.entra.tenantId);
    } finally {
      await sandbox.stop();
    }
  });
});

describe('sandbox demo data', () => {
  let ado: AdoSimulator;

  beforeEach(async () => {
    // Seeding needs no tokens: an empty key set is enough.
    ado = await startAdoSimulator({
      jwks: { keys: [] },
      issuers: ['https://sts.windows.net/demo/'],
      clock: { now: () => NOW },
    });
  });
  afterEach(async () => {
    await ado.close();
  });

  it('belongs to the people in the checked-in Playground config (currentUser first)', () => {
    const config = playgroundConfig();
    const people = [config.currentUser, ...config.users].map((p) => ({
      oid: p.aadObjectId.toLowerCase(),
      name: p.name,
      upn: p.userPrincipleName,
      teamsId: p.id,
    }));
    expect(DEMO_USERS).toEqual(people);
    expect(PLAYGROUND_USER.oid).toBe(config.currentUser.aadObjectId);
  });

  it('gives every person the promised PATs across contoso and fabrikam', () => {
    const seed = seedDemoData({ ado, now: NOW });
    expect(seed.orgs).toEqual(['contoso', 'fabrikam']);
    for (const user of DEMO_USERS) {
      const pats = ado.patsOf(user.oid);
      const byName = new Map(pats.map((p) => [p.displayName, p]));
      const left = (name: string): number => daysLeft(byName.get(name)!, NOW);
      expect([...byName.keys()].sort()).toEqual(DEMO_PATS.map((p) => p.name).sort());
      expect(left('build-agent')).toBe(2);
      expect(left('nuget-feed')).toBe(6);
      expect(left('release-pipeline')).toBe(13);
      expect(patStatus(byName.get('terraform-state')!, NOW)).toBe('active');
      expect(left('terraform-state')).toBeGreaterThan(90);
      expect(patStatus(byName.get('old-ci-token')!, NOW)).toBe('expired');
      expect(isGlobalPat(byName.get('all-orgs-reporting')!)).toBe(true);
      expect(byName.get('admin-scripts')!.scope).toBe('app_token');
      expect(pats.filter((p) => !isGlobalPat(p)).map((p) => p.targetAccounts!.length)).not.toContain(0);
      expect(new Set(pats.flatMap((p) => p.targetAccounts ?? [])).size).toBe(2);
      expect(pats.every((p) => !p.revoked && p.validFrom < p.validTo)).toBe(true);
    }
    expect(soonestRenewableDemoPat().name).toBe('build-agent');
  });

  it('is relative to the injected clock', () => {
    const later = new Date('2027-03-01T23:59:30Z');
    seedDemoData({ ado, now: later, users: [PLAYGROUND_USER] });
    const build = ado.patsOf(PLAYGROUND_USER.oid).find((p) => p.displayName === 'build-agent')!;
    expect(daysLeft(build, later)).toBe(2);
  });

  it('seeds someone new once, and leaves existing PATs alone', () => {
    seedDemoData({ ado, now: NOW, users: [] });
    const newcomer = { oid: '3f1c2a9e-0b7d-4c55-9a0e-5d2b7c1e8f40', name: 'New Person' };
    const first = seedDemoUser({ ado, now: NOW, user: newcomer });
    const again = seedDemoUser({ ado, now: NOW, user: newcomer });
    expect(first).toHaveLength(DEMO_PATS.length);
    expect(again.map((p) => p.authorizationId).sort()).toEqual(first.map((p) => p.authorizationId).sort());
    expect(ado.patsOf(newcomer.oid)).toHaveLength(DEMO_PATS.length);
  });
});
