/**
 * Sandbox demo data: two Azure DevOps organisations and a realistic set of PATs for the Agents
 * Playground's default people (`.m365agentsplayground.yml`), seeded through the Azure DevOps
 * simulator's control API only. Every date is relative to the injected `now`, so "expires in
 * 2 days" holds whenever the sandbox starts (and in tests with a fixed clock).
 */
import type { AdoSimulator, SimPatSnapshot } from './ado';

const DAY_MS = 86_400_000;

export const DEMO_ORGS = ['contoso', 'fabrikam'] as const;
export type DemoOrg = (typeof DEMO_ORGS)[number];

export interface DemoUser {
  /** Entra object id = the Playground user's `aadObjectId` (lower case). */
  oid: string;
  name: string;
  /** The Playground's `userPrincipleName`. */
  upn: string;
  /** The Playground's Teams user id (`from.id` in activities). */
  teamsId: string;
}

/** The Playground's default people; the first is its `currentUser` (the one the web UI acts as). */
export const DEMO_USERS: readonly DemoUser[] = [
  {
    oid: '00000000-0000-0000-0000-0000000000020',
    name: 'Alex Wilber',
    upn: 'alexw@example.com',
    teamsId: 'user-id-0',
  },
  {
    oid: '00000000-0000-0000-0000-0000000000021',
    name: 'Megan Bowen',
    upn: 'meganb@example.com',
    teamsId: 'user-id-1',
  },
  {
    oid: '00000000-0000-0000-0000-0000000000022',
    name: 'Adele Vance',
    upn: 'adelev@example.com',
    teamsId: 'user-id-2',
  },
  {
    oid: '00000000-0000-0000-0000-0000000000023',
    name: 'Isaiah Langer',
    upn: 'isaiahl@example.com',
    teamsId: 'user-id-3',
  },
  {
    oid: '00000000-0000-0000-0000-0000000000024',
    name: 'Patti Fernandez',
    upn: 'pattif@example.com',
    teamsId: 'user-id-4',
  },
  {
    oid: '00000000-0000-0000-0000-0000000000025',
    name: 'Lynne Robbins',
    upn: 'lynner@example.com',
    teamsId: 'user-id-5',
  },
];

/** The person the Playground's web UI acts as. */
export const PLAYGROUND_USER: DemoUser = DEMO_USERS[0];

export interface DemoPatSpec {
  name: string;
  /** The organisation it is scoped to; `null` for an all-organisations (global) PAT. */
  org: DemoOrg | null;
  scope: string;
  /** Whole days from `now` to `validTo` (negative: already expired). */
  expiresInDays: number;
  /** Lifetime before `validTo`, in days (sets `validFrom`). */
  lifetimeDays: number;
}

/** One person's demo PATs, soonest expiry first among the live ones. */
export const DEMO_PATS: readonly DemoPatSpec[] = [
  {
    name: 'build-agent',
    org: 'contoso',
    scope: 'vso.build_execute vso.agentpools',
    expiresInDays: 2,
    lifetimeDays: 30,
  },
  { name: 'nuget-feed', org: 'fabrikam', scope: 'vso.packaging', expiresInDays: 6, lifetimeDays: 90 },
  {
    name: 'release-pipeline',
    org: 'contoso',
    scope: 'vso.release_execute',
    expiresInDays: 13,
    lifetimeDays: 90,
  },
  {
    name: 'terraform-state',
    org: 'fabrikam',
    scope: 'vso.code_write',
    expiresInDays: 150,
    lifetimeDays: 180,
  },
  { name: 'old-ci-token', org: 'contoso', scope: 'vso.build', expiresInDays: -9, lifetimeDays: 90 },
  {
    name: 'all-orgs-reporting',
    org: null,
    scope: 'vso.analytics vso.work',
    expiresInDays: 75,
    lifetimeDays: 120,
  },
  { name: 'admin-scripts', org: 'fabrikam', scope: 'app_token', expiresInDays: 40, lifetimeDays: 90 },
];

/**
 * `validTo` for "expires in N days": one second short of N×24 h, so both the duration rounding
 * (partial days count as a day) and the calendar-date wording say N.
 */
export function demoValidTo(now: Date, expiresInDays: number): Date {
  return new Date(now.getTime() + expiresInDays * DAY_MS - 1_000);
}

/** The parts of the simulator's control API that seeding uses. */
export type DemoAdo = Pick<AdoSimulator, 'addOrg' | 'addMember' | 'addPat' | 'patsOf'>;

export interface SeedDemoOptions {
  ado: DemoAdo;
  now: Date;
  /** Default: DEMO_USERS. */
  users?: readonly Pick<DemoUser, 'oid' | 'name'>[];
  /** Organisations to create (default DEMO_ORGS); demo PATs need both demo organisations. */
  orgs?: readonly string[];
}

export interface DemoSeed {
  orgs: string[];
  /** The seeded PATs per person (`oid` → PATs, in DEMO_PATS order). */
  pats: Map<string, SimPatSnapshot[]>;
}

/** Creates the organisations (once) and seeds every person's membership and demo PATs. */
export function seedDemoData(options: SeedDemoOptions): DemoSeed {
  const orgs = [...(options.orgs ?? DEMO_ORGS)];
  for (const name of orgs) options.ado.addOrg({ name });
  const pats = new Map<string, SimPatSnapshot[]>();
  for (const user of options.users ?? DEMO_USERS) {
    pats.set(user.oid, seedDemoUser({ ado: options.ado, now: options.now, user, orgs }));
  }
  return { orgs, pats };
}

/**
 * Makes one person a member of the demo organisations and gives them the demo PATs, unless they
 * already have PATs (so it is safe to call again, e.g. on a first sandbox sign-in of someone who
 * is not in DEMO_USERS). The organisations must exist.
 */
export function seedDemoUser(options: {
  ado: DemoAdo;
  now: Date;
  user: Pick<DemoUser, 'oid' | 'name'>;
  orgs?: readonly string[];
}): SimPatSnapshot[] {
  const { ado, now, user } = options;
  const orgs = options.orgs ?? DEMO_ORGS;
  for (const org of orgs) ado.addMember(org, { oid: user.oid, name: user.name });
  const existing = ado.patsOf(user.oid);
  if (existing.length > 0) return existing;
  return DEMO_PATS.filter((spec) => spec.org === null || orgs.includes(spec.org)).map((spec) => {
    const validTo = demoValidTo(now, spec.expiresInDays);
    return ado.addPat({
      ownerOid: user.oid,
      ...(spec.org === null ? { global: true } : { org: spec.org }),
      name: spec.name,
      scope: spec.scope,
      validFrom: new Date(validTo.getTime() - spec.lifetimeDays * DAY_MS),
      validTo,
    });
  });
}

/** The demo PAT with the soonest expiry that can still be renewed (not expired). */
export function soonestRenewableDemoPat(): DemoPatSpec {
  const live = DEMO_PATS.filter((p) => p.expiresInDays > 0);
  return live.reduce((a, b) => (b.expiresInDays < a.expiresInDays ? b : a));
}
