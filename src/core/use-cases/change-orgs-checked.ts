/**
 * `pat orgs add|remove <org>` with a check: before adding an organisation, one List call (one PAT,
 * one page) as the user proves that it exists and that they are a member, so a typo such as
 * `pat orgs add nosuchorg` is refused instead of saved. Removing needs no call, nor does an add
 * that the per-person cap (MAX_ORGS_PER_USER) refuses anyway.
 */
import type { CodedError } from '../../errors';
import { changeOrgs, effectiveOrgs, type OrgsChange } from '../orgs';
import type { AuthFailure, PatUseCaseDeps } from './deps';
import { accessTokenFor, knownFailure } from './find-pats';

export interface ChangeOrgsInput {
  userId: string;
  /** The person's own choice (null: the configured default). */
  chosen: readonly string[] | null;
  defaults: readonly string[];
  action: 'add' | 'remove';
  org: string;
  /** MAX_ORGS_PER_USER: an add past it is refused before any call. */
  max: number;
}

export type ChangeOrgsResult =
  | { kind: 'changed'; change: OrgsChange }
  | { kind: 'auth'; outcome: AuthFailure }
  | { kind: 'failed'; error: CodedError };

/** Checks a new organisation with Azure DevOps, then computes the change. Never throws; stores nothing (the caller saves `change.next` unless `change.refused`). */
export async function changeOrgsChecked(
  deps: PatUseCaseDeps,
  input: ChangeOrgsInput,
): Promise<ChangeOrgsResult> {
  const change = changeOrgs(input.chosen, input.defaults, input.action, input.org, input.max, deps.prefix);
  if (change.refused) return { kind: 'changed', change };
  const known = effectiveOrgs(input.chosen, input.defaults).some(
    (o) => o.toLowerCase() === input.org.toLowerCase(),
  );
  const isNew = input.action === 'add' && !known;
  if (!isNew) return { kind: 'changed', change };
  const access = await accessTokenFor(deps, input.userId);
  if (access.kind === 'auth') return access;
  try {
    await deps.tokensApi.list(
      { org: input.org, accessToken: access.accessToken },
      { filter: 'active', limit: 1 },
    );
  } catch (e) {
    const { error } = knownFailure(e);
    deps.logger.info({ org: input.org, code: error.code }, 'organisation not added: the check failed');
    return { kind: 'failed', error };
  }
  return { kind: 'changed', change };
}
