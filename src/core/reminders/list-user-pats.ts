/**
 * Reads one user's active and expired PATs in each of their organisations for the sweep. An
 * organisation Azure DevOps throttles (429) is retried after its `Retry-After` (bounded), so only
 * that user slows down; an organisation that still fails is reported and the others are kept.
 */
import { asCodedError, CodedError } from '../../errors';
import { mapPool, ORG_CONCURRENCY } from '../concurrency-pool';
import type { Pat } from '../pat';
import type { TokensApi } from '../tokens-api';
import type { SweepSleep } from './sweep-options';

export interface ListUserPatsInput {
  tokensApi: TokensApi;
  accessToken: string;
  orgs: readonly string[];
  throttleRetries: number;
  maxThrottleWaitMs: number;
  sleep: SweepSleep;
  signal?: AbortSignal;
  /** Organisations read at once (default ORG_CONCURRENCY). */
  orgConcurrency?: number;
}

export interface ListedPats {
  pats: Pat[];
  failures: Array<{ org: string; error: CodedError }>;
}

function abortedError(): CodedError {
  return new CodedError('ado.timeout', 'Reading PATs took too long.', {
    nextStep: 'The next sweep tries again.',
  });
}

async function listOrg(input: ListUserPatsInput, org: string): Promise<Pat[]> {
  const ctx = { org, accessToken: input.accessToken, signal: input.signal };
  for (let attempt = 0; ; attempt++) {
    if (input.signal?.aborted) throw abortedError();
    try {
      const [active, expired] = await Promise.all([
        input.tokensApi.list(ctx, { filter: 'active' }),
        input.tokensApi.list(ctx, { filter: 'expired' }),
      ]);
      return [...active, ...expired];
    } catch (e) {
      const error = input.signal?.aborted ? abortedError() : asCodedError(e);
      if (error.code !== 'ado.throttled' || attempt >= input.throttleRetries) throw error;
      const waitMs = (error.retryAfterSeconds ?? 2 ** attempt) * 1000;
      if (waitMs > input.maxThrottleWaitMs) throw error;
      await input.sleep(waitMs, input.signal);
    }
  }
}

/** Lists the orgs, a few at a time; a PAT seen in several orgs (a global PAT) is kept once. */
export async function listUserPats(input: ListUserPatsInput): Promise<ListedPats> {
  const results = await mapPool(input.orgs, input.orgConcurrency ?? ORG_CONCURRENCY, async (org) => {
    try {
      return { org, pats: await listOrg(input, org) };
    } catch (e) {
      return { org, error: asCodedError(e) };
    }
  });
  const seen = new Set<string>();
  const pats: Pat[] = [];
  const failures: ListedPats['failures'] = [];
  for (const r of results) {
    if (r.error) {
      failures.push({ org: r.org, error: r.error });
      continue;
    }
    for (const pat of r.pats ?? []) {
      const id = pat.id.toLowerCase();
      if (seen.has(id)) continue;
      seen.add(id);
      pats.push(pat);
    }
  }
  return { pats, failures };
}
