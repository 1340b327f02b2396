/**
 * Use case: Replace all, for the dead all-organisations PATs. The person picks organisations once;
 * the work is one new PAT per dead global PAT per chosen organisation, created ONE PER STEP (a
 * channel shows each secret in turn, and a Teams invoke must answer within about 5 seconds).
 * Steps are numbered over a fixed order (PAT name, then id; organisations as chosen), so the same
 * step always means the same pair. The secrets are never stored: each step returns its own.
 */
import type { Pat } from '../pat';
import { effectiveExpiry, patStatus } from '../pat-status';
import type { AuthFailure, PatUseCaseDeps } from './deps';
import { accessTokenFor, collectPats } from './find-pats';
import { createReplacement, type CreateReplacementResult } from './recreate-pat';
import type { SingleUse } from './replace-once';

/** At most this many new PATs in one Replace all (the dialog's steps). */
export const MAX_REPLACE_ALL = 50;

/** True for a PAT the 1 Dec 2026 retirement stopped (its own validTo is later). */
export function isDeadGlobalPat(pat: Pat, now: Date): boolean {
  return patStatus(pat, now) === 'expired' && effectiveExpiry(pat).byGlobalRetirement;
}

export type DeadGlobalsResult = { kind: 'listed'; pats: Pat[] } | { kind: 'auth'; outcome: AuthFailure };

/** The person's dead all-organisations PATs, in Replace all's fixed order. */
export async function listDeadGlobals(
  deps: PatUseCaseDeps,
  input: { userId: string; orgs: readonly string[] },
): Promise<DeadGlobalsResult> {
  const access = await accessTokenFor(deps, input.userId);
  if (access.kind === 'auth') return access;
  const now = deps.clock.now();
  const { pats } = await collectPats(deps, access.accessToken, input.orgs, ['active']);
  const dead = pats.filter((p) => isDeadGlobalPat(p, now));
  dead.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return { kind: 'listed', pats: dead };
}

/** Step `step` (0-based) of `pats` × `orgs`: which PAT, into which organisation; null past the end. */
export function replaceAllPair(
  pats: readonly Pat[],
  orgs: readonly string[],
  step: number,
): { pat: Pat; org: string } | null {
  const total = Math.min(MAX_REPLACE_ALL, pats.length * orgs.length);
  if (!Number.isInteger(step) || step < 0 || step >= total) return null;
  return { pat: pats[Math.floor(step / orgs.length)], org: orgs[step % orgs.length] };
}

export type ReplaceAllStepResult =
  | { kind: 'step'; step: number; total: number; created: CreateReplacementResult }
  | { kind: 'done'; total: number }
  | { kind: 'auth'; outcome: AuthFailure };

/** Creates the one PAT of step `step` (a failure is that step's outcome; the next step goes on). */
export async function replaceAllStep(
  deps: PatUseCaseDeps,
  input: {
    userId: string;
    orgs: readonly string[];
    chosen: readonly string[];
    step: number;
    days?: number;
    timeZone?: string | null;
    /**
     * The claim for one pair of this Replace all (./replace-once.ts): an old or double-pressed
     * Next makes each PAT × organisation pair once per signed value, never twice.
     */
    once?: (pair: { patId: string; org: string }) => SingleUse;
  },
): Promise<ReplaceAllStepResult> {
  const listed = await listDeadGlobals(deps, input);
  if (listed.kind === 'auth') return listed;
  const total = Math.min(MAX_REPLACE_ALL, listed.pats.length * input.chosen.length);
  const pair = replaceAllPair(listed.pats, input.chosen, input.step);
  if (!pair) return { kind: 'done', total };
  const created = await createReplacement(deps, {
    userId: input.userId,
    org: pair.pat.org,
    patId: pair.pat.id,
    targetOrg: pair.org,
    days: input.days,
    timeZone: input.timeZone,
    once: input.once?.({ patId: pair.pat.id, org: pair.org }),
  });
  return { kind: 'step', step: input.step, total, created };
}
