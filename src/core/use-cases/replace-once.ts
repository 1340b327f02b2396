/**
 * One replacement per Create replacement / Rotate value: a replayed value (the same task/fetch
 * data sent again, a double click, an Action.Submit retry) must not create a second PAT. The
 * value's SHA-256 is claimed in the EphemeralStore (atomic across instances) until the value
 * expires; a known failure gives the claim back so the person can retry after fixing it.
 */
import { createHash } from 'node:crypto';
import type { Clock } from '../clock';
import type { EphemeralStore } from '../store';

/** Keep a claim at least this long, even for a value about to expire. */
const MIN_CLAIM_MS = 60_000;

/** A claim on one signed value; `claim` is true for exactly one caller until `release`. */
export interface SingleUse {
  claim(): Promise<boolean>;
  release(): Promise<void>;
}

/** The claim for the signed `value` that expires at `expiresAtSec` (epoch seconds, its `x`). */
export function singleUse(
  store: EphemeralStore,
  clock: Clock,
  value: string,
  expiresAtSec: number,
): SingleUse {
  const key = `replace:${createHash('sha256').update(value).digest('hex')}`;
  return {
    claim: () => {
      const now = clock.now();
      const until = Math.max(expiresAtSec * 1000, now.getTime() + MIN_CLAIM_MS);
      return store.claim(key, '{}', new Date(until), now);
    },
    release: () => store.delete(key),
  };
}

/** What a Replace all step claims: its signed value and the one PAT × organisation pair it makes. */
export function pairClaimKey(value: string, pair: { patId: string; org: string }): string {
  return `${value}\n${pair.patId.toLowerCase()}\n${pair.org.toLowerCase()}`;
}
