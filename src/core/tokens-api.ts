import type { Pat } from './pat';

/** Who calls and where: the organisation and the user's Microsoft Entra access token for Azure DevOps. */
export interface AdoCallContext {
  org: string;
  accessToken: string;
  signal?: AbortSignal;
}

export type PatFilter = 'active' | 'revoked' | 'expired' | 'all';
export type PatSort = 'displayName' | 'displayDate' | 'status';

export interface ListPatsOptions {
  filter?: PatFilter;
  sortBy?: PatSort;
  ascending?: boolean;
  /** Read only the first page, of at most this many PATs (`$top`, 1–100): e.g. 1 to check access. */
  limit?: number;
}

export interface CreatePatRequest {
  name: string;
  scope: string;
  validTo: Date;
  allOrgs: boolean;
}

export interface UpdatePatRequest {
  id: string;
  validTo?: Date;
  name?: string;
  scope?: string;
}

export interface UpdatePatResult {
  /** The PAT as the service stored it. */
  pat: Pat;
  /** The expiry that was asked for (undefined when validTo was not changed). */
  requestedValidTo?: Date;
  /** True when the service stored an earlier expiry than asked (the org's maximum lifespan policy). */
  capped: boolean;
}

/**
 * Port: the Azure DevOps PAT Lifecycle Management API for one user.
 * Implementations throw `CodedError` (src/errors.ts) with an `ado.*` code on failure.
 */
export interface TokensApi {
  list(ctx: AdoCallContext, options?: ListPatsOptions): Promise<Pat[]>;
  get(ctx: AdoCallContext, id: string): Promise<Pat>;
  /** Returns the PAT and, once, its secret value: callers must never log, store or post it. */
  create(ctx: AdoCallContext, request: CreatePatRequest): Promise<{ pat: Pat; secret: string }>;
  update(ctx: AdoCallContext, request: UpdatePatRequest): Promise<UpdatePatResult>;
  revoke(ctx: AdoCallContext, id: string): Promise<void>;
}
