/** Shared steps of the PAT use cases: get the user's token, read PATs across orgs, resolve a target. */
import { CodedError, isCodedError } from '../../errors';
import { isGuid } from '../commands/command-values';
import { code, commandText, patNotFoundMessage, patNotFoundNextStep, type PatVerb } from '../messages';
import type { Pat } from '../pat';
import { mapPool, ORG_CONCURRENCY } from '../concurrency-pool';
import type { PatFilter } from '../tokens-api';
import type { AuthFailure, OrgFailure, PatUseCaseDeps } from './deps';
import { commandFor, nearestPatName } from './suggest-pat-name';

export type AccessResult = { kind: 'ok'; accessToken: string } | { kind: 'auth'; outcome: AuthFailure };

/**
 * A known failure (a CodedError from Azure DevOps, identity or input checks) as a `failed`
 * result; anything else is a bug and is rethrown, so the channel's error funnel logs it with the
 * request's correlation id instead of it turning silently into "something went wrong".
 */
export function knownFailure(e: unknown): { kind: 'failed'; error: CodedError } {
  if (isCodedError(e)) return { kind: 'failed', error: e };
  throw e;
}

/** One access token for the user (a known non-ok outcome is returned; a bug is thrown). */
export async function accessTokenFor(deps: PatUseCaseDeps, userId: string): Promise<AccessResult> {
  let outcome;
  try {
    outcome = await deps.tokenProvider.getAccessToken(userId);
  } catch (e) {
    return { kind: 'auth', outcome: { kind: 'unavailable', error: knownFailure(e).error } };
  }
  if (outcome.kind === 'ok') return { kind: 'ok', accessToken: outcome.accessToken };
  return { kind: 'auth', outcome };
}

export interface CollectedPats {
  pats: Pat[];
  failures: OrgFailure[];
}

/** The sweep's patience with throttling: retry after `Retry-After`, boundedly. */
export interface CollectOptions {
  throttle?: {
    retries: number;
    maxWaitMs: number;
    sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  };
  signal?: AbortSignal;
}

function abortedError(): CodedError {
  return new CodedError('ado.timeout', 'Reading PATs took too long.', {
    nextStep: 'The next sweep tries again.',
  });
}

/** One org's PATs with each filter (in parallel); a throttled org is retried when allowed. */
async function listOrg(
  deps: Pick<PatUseCaseDeps, 'tokensApi'>,
  accessToken: string,
  org: string,
  filters: readonly PatFilter[],
  options: CollectOptions,
): Promise<Pat[]> {
  const { throttle, signal } = options;
  const ctx = signal ? { org, accessToken, signal } : { org, accessToken };
  for (let attempt = 0; ; attempt++) {
    if (signal?.aborted) throw abortedError();
    try {
      // Settled, not Promise.all: a failed call must not free the org's slot in the pool while
      // its sibling call is still in flight (the bound is orgConcurrency × filters calls).
      const lists = await Promise.allSettled(
        filters.map(async (filter) => {
          const pats = await deps.tokensApi.list(ctx, { filter });
          return filter === 'revoked' ? pats.map((p) => ({ ...p, revoked: true })) : pats;
        }),
      );
      const failed = lists.find((l): l is PromiseRejectedResult => l.status === 'rejected');
      if (failed) throw failed.reason;
      return lists.flatMap((l) => (l.status === 'fulfilled' ? l.value : []));
    } catch (e) {
      const error = signal?.aborted ? abortedError() : knownFailure(e).error;
      if (!throttle || error.code !== 'ado.throttled' || attempt >= throttle.retries) throw error;
      const waitMs = (error.retryAfterSeconds ?? 2 ** attempt) * 1000;
      if (waitMs > throttle.maxWaitMs) throw error;
      await throttle.sleep(waitMs, signal);
    }
  }
}

/**
 * Lists the user's PATs with each filter in every org, at most `deps.orgConcurrency` orgs at a
 * time (each org's filters in parallel). A PAT seen twice (a global PAT is listed by every org)
 * is kept once, from the first org in `orgs` order. An org whose calls fail with a known error
 * is reported in `failures`; the other orgs' PATs are kept. Anything else (a bug) is thrown.
 */
export async function collectPats(
  deps: Pick<PatUseCaseDeps, 'tokensApi' | 'logger' | 'orgConcurrency'>,
  accessToken: string,
  orgs: readonly string[],
  filters: readonly PatFilter[],
  options: CollectOptions = {},
): Promise<CollectedPats> {
  const perOrg = await mapPool(orgs, deps.orgConcurrency ?? ORG_CONCURRENCY, async (org) => {
    try {
      return { ok: true as const, org, pats: await listOrg(deps, accessToken, org, filters, options) };
    } catch (e) {
      return { ok: false as const, org, error: knownFailure(e).error };
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
  verb: PatVerb = 'renew',
  prefix = 'pat',
): CodedError {
  const nearest = nearestPatName(
    target,
    known.map((p) => p.name),
  );
  return new CodedError('ado.pat_not_found', patNotFoundMessage(target, orgs, nearest), {
    nextStep: nearest ? `Try ${code(commandFor(verb, nearest, prefix))}.` : patNotFoundNextStep(prefix),
    details: { orgs: [...orgs] },
  });
}

/** The error for a user with no organisations to look in. */
export function noOrgsError(prefix = 'pat'): CodedError {
  return new CodedError('input.invalid', "I don't know which Azure DevOps organisation to look in.", {
    nextStep: `Add one with ${commandText(prefix, 'orgs add <org>')}.`,
  });
}
