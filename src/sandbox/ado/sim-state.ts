/** In-memory state of the Azure DevOps simulator: organisations, members, policies and PATs. */
import { randomBytes, randomUUID } from 'node:crypto';
import { roundToServiceTicks } from './sim-dates';

export interface SimPolicies {
  /** "Enforce maximum PAT lifespan": longer expiries are silently capped (days). */
  maxLifespanDays?: number;
  /** "Restrict full-scoped PAT creation": `app_token` refused. */
  restrictFullScope: boolean;
  /** "Restrict global PAT creation": `allOrgs: true` refused. */
  restrictGlobal: boolean;
  /** "Restrict personal access token (PAT) creation": only the allowlist may create. */
  disablePatCreation: boolean;
  /** Entra object ids allowed to create PATs when `disablePatCreation` is on. */
  creationAllowlist: string[];
}

export interface SimOrg {
  id: string;
  name: string;
  /** Entra tenant id, or all zeros for an MSA-backed org. */
  tenantId: string;
  msa: boolean;
  members: Map<string, SimUser>;
  policies: SimPolicies;
}

export interface SimUser {
  oid: string;
  /** The UPN / display name Azure DevOps would print in TF400813. */
  name: string;
}

export interface SimPat {
  authorizationId: string;
  ownerOid: string;
  displayName: string;
  scope: string;
  /** Org ids, or null for a global PAT. */
  targetAccounts: string[] | null;
  validFrom: Date;
  validTo: Date;
  revoked: boolean;
}

export interface AddOrgInput {
  name: string;
  id?: string;
  tenantId?: string;
  /** MSA-backed org: `X-VSS-ResourceTenant` is all zeros and the API refuses Entra tokens. */
  msa?: boolean;
  policies?: Partial<SimPolicies>;
}

export interface AddPatInput {
  ownerOid: string;
  /** The org the PAT is scoped to; omit (or `global: true`) for an all-orgs PAT. */
  org?: string;
  global?: boolean;
  name: string;
  scope?: string;
  validFrom?: Date;
  validTo: Date;
  revoked?: boolean;
  authorizationId?: string;
}

export const MSA_TENANT = '00000000-0000-0000-0000-000000000000';

/** A fake PAT secret in today's 84-character shape (`AZDO` at positions 76–80). */
export function newPatSecret(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(80);
  const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]);
  return `${chars.slice(0, 76).join('')}AZDO${chars.slice(76, 80).join('')}`;
}

export class SimState {
  readonly orgs = new Map<string, SimOrg>();
  readonly pats = new Map<string, SimPat>();

  addOrg(input: AddOrgInput): SimOrg {
    const org: SimOrg = {
      id: input.id ?? randomUUID(),
      name: input.name,
      msa: input.msa ?? false,
      tenantId: input.msa ? MSA_TENANT : (input.tenantId ?? randomUUID()),
      members: new Map(),
      policies: {
        restrictFullScope: false,
        restrictGlobal: false,
        disablePatCreation: false,
        creationAllowlist: [],
        ...input.policies,
      },
    };
    this.orgs.set(org.name.toLowerCase(), org);
    return org;
  }

  org(name: string): SimOrg | undefined {
    return this.orgs.get(name.toLowerCase());
  }

  requireOrg(name: string): SimOrg {
    const org = this.org(name);
    if (!org) throw new Error(`simulator: unknown org ${name}`);
    return org;
  }

  addMember(orgName: string, user: SimUser): void {
    this.requireOrg(orgName).members.set(user.oid, user);
  }

  addPat(input: AddPatInput): SimPat {
    const global = input.global === true || input.org === undefined;
    const pat: SimPat = {
      authorizationId: input.authorizationId ?? randomUUID(),
      ownerOid: input.ownerOid,
      displayName: input.name,
      scope: input.scope ?? 'vso.code',
      targetAccounts: global ? null : [this.requireOrg(input.org as string).id],
      validFrom: roundToServiceTicks(input.validFrom ?? new Date(input.validTo.getTime() - 30 * 86_400_000)),
      validTo: roundToServiceTicks(input.validTo),
      revoked: input.revoked ?? false,
    };
    this.pats.set(pat.authorizationId, pat);
    return pat;
  }

  /** The user's PATs visible from an org: that org's scoped PATs plus the user's global PATs. */
  visiblePats(org: SimOrg, oid: string): SimPat[] {
    return [...this.pats.values()].filter(
      (p) => p.ownerOid === oid && (p.targetAccounts === null || p.targetAccounts.includes(org.id)),
    );
  }
}
