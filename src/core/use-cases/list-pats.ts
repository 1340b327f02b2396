/** Use case: list the user's PATs across their organisations. */
import type { CodedError } from '../../errors';
import type { Pat } from '../pat';
import { sortPats } from '../pat-sort';
import type { AuthFailure, OrgFailure, PatUseCaseDeps } from './deps';
import { accessTokenFor, collectPats, noOrgsError } from './find-pats';

export interface ListPatsInput {
  userId: string;
  orgs: readonly string[];
}

export type ListPatsResult =
  /** `pats` in list order (live soonest first, then expired); `failures` names orgs that could not be read. */
  | { kind: 'listed'; pats: Pat[]; failures: OrgFailure[] }
  | { kind: 'auth'; outcome: AuthFailure }
  | { kind: 'failed'; error: CodedError };

/**
 * Lists active and expired PATs (two filtered calls per org, all orgs in parallel) with one
 * access token. Known failures are returned; anything else (a bug) is thrown.
 */
export async function listPats(deps: PatUseCaseDeps, input: ListPatsInput): Promise<ListPatsResult> {
  if (input.orgs.length === 0) return { kind: 'failed', error: noOrgsError(deps.prefix) };
  const access = await accessTokenFor(deps, input.userId);
  if (access.kind === 'auth') return access;
  const { pats, failures } = await collectPats(deps, access.accessToken, input.orgs, ['active', 'expired']);
  return { kind: 'listed', pats: sortPats(pats, deps.clock.now()), failures };
}
