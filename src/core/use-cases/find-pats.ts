/** Shared steps of the PAT use cases: get the user's token, read PATs across orgs, resolve a target. */
import { asCodedError, CodedError } from '../../errors';
import { isGuid } from '../commands/command-values';
import { code, PAT_NOT_FOUND_NEXT_STEP, patNotFoundMessage } from '../messages';
import type { Pat } from '../pat';
import { mapPool, ORG_CONCURRENCY } from '../concurrency-pool';
import type { PatFilter } from '../tokens-api';
import type { AuthFailure, OrgFailure, PatUseCaseDeps } from './deps';
import { commandFor, nearestPatName } from './suggest-pat-name';

export type AccessResult = { kind: 'ok'; accessToken: string } | { kind: 'auth'; outcome: AuthFailure };

/** One access token for the user (a non-ok outcome is returned, never thrown). */
export async function accessTokenFor(deps: PatUseCaseDeps, userId: string): Promise<AccessResult> {
  let outcome;
  try {
    outcome = await deps.tokenProvider.getAccessToken(userId);
  } catch (e) {
    const error = asCodedError(e);
    return { kind: 'auth', outcome: { kind: 'unavailable', error } };
  }
  if (outcome.kind === 'ok') return { kind: 'ok', accessToken: outcome.accessToken };
  return { kind: 'auth', outcome };
}

export interface CollectedPats {
  pats: Pat[];
  failures: OrgFailure[];
}

/**
 * Lists the user's PATs with each filter in every org, at most `deps.orgConcurrency` orgs at a
 * time (each org's filters in parallel). A PAT seen twice
 * (a global PAT is listed by every org) is kept once, from the first org in `orgs` order.
 * An org whose calls fail is reported in `failures`; the other orgs' PATs are kept.
 */
export async function collectPats(
  deps: PatUseCaseDeps,
  accessToken: string,
  orgs: readonly string[],
  filters: readonly PatFilter[],
): Promise<CollectedPats> {
  const perOrg = await mapPool(orgs, deps.orgConcurrency ?? ORG_CONCURRENCY, async (org) => {
    try {
      const lists = await Promise.all(
        filters.map(async (filter) => {
          const pats = await deps.tokensApi.list({ org, accessToken }, { filter });
          return filter === 'revoked' ? pats.map((p) => ({ ...p, revoked: true })) : pats;
        }),
      );
      return { ok: true as const, org, pats: lists.flat() };
    } catch (e) {
      return { ok: false as const, org, error: asCodedError(e) };
    }
  });
  const seen = new Set<string>();
  const pats: Pat[] = [];
  const failures: OrgFailure[] = [];
  for (const result of perOrg) {
    if (!result.ok) {
      failures.push({ org: result.org, error: result.error });
      deps.logger.warn(
        { org: result.org, code: result.error.code },
        'listing PATs failed for one organisation',
      );
      continue;
    }
    for (const pat of result.pats) {
      const key = pat.id.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      pats.push(pat);
    }
  }
  return { pats, failures };
}

/** Compares names the way people type them: case-insensitive, runs of spaces as one. */
export function sameName(a: string, b: string): boolean {
  const norm = (s: string): string => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
  return norm(a) === norm(b);
}

export type Resolution = { kind: 'one'; pat: Pat } | { kind: 'none' } | { kind: 'many'; candidates: Pat[] };

/** Finds the target among PATs: by id (GUID) first, then by case-insensitive name. */
export function resolveTarget(pats: readonly Pat[], target: string): Resolution {
  const wanted = target.trim();
  if (isGuid(wanted)) {
    const byId = pats.find((p) => p.id.toLowerCase() === wanted.toLowerCase());
    if (byId) return { kind: 'one', pat: byId };
  }
  const byName = pats.filter((p) => sameName(p.name, wanted));
  if (byName.length === 1) return { kind: 'one', pat: byName[0] };
  if (byName.length > 1) return { kind: 'many', candidates: byName };
  return { kind: 'none' };
}

/**
 * The `ado.pat_not_found` error for a target. With the PATs that were found, a close name becomes
 * "Did you mean `build-agent`?" and the next step is that command (`verb`).
 */
export function notFoundError(
  target: string,
  orgs: readonly string[],
  known: readonly Pat[] = [],
  verb: 'renew' | 'revoke' | 'snooze' = 'renew',
): CodedError {
  const nearest = nearestPatName(
    target,
    known.map((p) => p.name),
  );
  return new CodedError('ado.pat_not_found', patNotFoundMessage(target, orgs, nearest), {
    nextStep: nearest ? `Try ${code(commandFor(verb, nearest))}.` : PAT_NOT_FOUND_NEXT_STEP,
    details: { orgs: [...orgs] },
  });
}

/** The error for a user with no organisations to look in. */
export function noOrgsError(): CodedError {
  return new CodedError('input.invalid', "I don't know which Azure DevOps organisation to look in.", {
    nextStep: 'Add one with `pat orgs add <org>`.',
  });
}
