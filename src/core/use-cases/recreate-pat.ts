/**
 * Use case: a replacement PAT (Recreate, and the first half of Rotate). A new PAT with the old
 * one's display name (dated when a live PAT already has it), the same scopes, for the
 * organisation it is listed from (never all organisations: Azure DevOps retired those), for the
 * default length, capped by the organisation's policy. The secret comes back once in the result
 * for the channel to show only to the person, in a dialog or modal: it is never audited, logged,
 * stored or posted.
 */
import { CodedError } from '../../errors';
import { localCalendarDate } from '../format-date';
import { ambiguousPatMessage } from '../messages';
import type { Pat } from '../pat';
import { isGlobalPat, patStatus } from '../pat-status';
import {
  alreadyReplacedError,
  createdCappedNote,
  createdMessage,
  createRefusal,
  otherOrgRefusal,
  rotateNeedsLivePat,
} from '../replace-messages';
import { replacementName } from '../replacement-name';
import { recordAudit } from './audit';
import type { AuthFailure, PatUseCaseDeps } from './deps';
import type { SingleUse } from './replace-once';
import {
  accessTokenFor,
  collectPats,
  knownFailure,
  noOrgsError,
  notFoundError,
  resolveTarget,
} from './find-pats';
import { SLOW_CREATE_MESSAGE, SLOW_CREATE_NEXT_STEP } from './late-replacement';

const DAY_MS = 86_400_000;
/** `RENEW_DEFAULT_DAYS` when the channel passes none. */
export const DEFAULT_REPLACEMENT_DAYS = 90;
/** Stored more than this much earlier than asked = capped by the lifespan policy. */
const CAP_TOLERANCE_MS = 60_000;

export type ReplaceMode = 'recreate' | 'rotate';

export interface FindReplaceableInput {
  userId: string;
  orgs: readonly string[];
  /** PAT name (case-insensitive) or id. */
  target: string;
  mode: ReplaceMode;
}

export type FindReplaceableResult =
  | { kind: 'found'; pat: Pat; mode: ReplaceMode }
  | { kind: 'ambiguous'; candidates: Pat[]; message: string }
  | { kind: 'auth'; outcome: AuthFailure }
  | { kind: 'failed'; error: CodedError };

/**
 * Finds the PAT a typed `pat recreate|rotate <name>` means (live, expired, else revoked ones),
 * without creating anything: the channel then shows the button or modal that creates it.
 */
export async function findReplaceable(
  deps: PatUseCaseDeps,
  input: FindReplaceableInput,
): Promise<FindReplaceableResult> {
  if (input.orgs.length === 0) return { kind: 'failed', error: noOrgsError(deps.prefix) };
  const access = await accessTokenFor(deps, input.userId);
  if (access.kind === 'auth') return access;
  const filters =
    input.mode === 'rotate' ? (['active'] as const) : (['active', 'expired', 'revoked'] as const);
  const { pats, failures } = await collectPats(deps, access.accessToken, input.orgs, filters);
  const found = resolveTarget(pats, input.target);
  if (found.kind === 'many') {
    return {
      kind: 'ambiguous',
      candidates: found.candidates,
      message: ambiguousPatMessage(input.target, found.candidates, input.mode, deps.prefix),
    };
  }
  if (found.kind === 'one') {
    if (input.mode === 'rotate' && patStatus(found.pat, deps.clock.now()) === 'expired') {
      return { kind: 'failed', error: rotateNeedsLivePat(found.pat.name, deps.prefix ?? 'pat') };
    }
    return { kind: 'found', pat: found.pat, mode: input.mode };
  }
  if (input.mode === 'rotate') {
    const dead = await collectPats(deps, access.accessToken, input.orgs, ['expired', 'revoked']);
    const gone = resolveTarget(dead.pats, input.target);
    if (gone.kind === 'one')
      return { kind: 'failed', error: rotateNeedsLivePat(gone.pat.name, deps.prefix ?? 'pat') };
  }
  return {
    kind: 'failed',
    error: failures[0]?.error ?? notFoundError(input.target, input.orgs, pats, input.mode, deps.prefix),
  };
}

export interface CreateReplacementInput {
  userId: string;
  /** From the signed button value: the organisation the old PAT was listed from. */
  org: string;
  /** The old PAT's id. */
  patId: string;
  /**
   * Where to create the new PAT (default `org`): a dead all-organisations PAT is listed by every
   * organisation, and its replacement can be made for any one of the person's.
   */
  targetOrg?: string;
  /** Lifetime asked for (`RENEW_DEFAULT_DAYS`); the organisation's policy may cap it. */
  days?: number;
  timeZone?: string | null;
  /** Rotate refuses a PAT that no longer works (nothing to revoke later). Default `recreate`. */
  mode?: ReplaceMode;
  /** The signed button value's claim (./replace-once.ts): one PAT per value. */
  once?: SingleUse;
  /**
   * True once the channel stopped waiting (Teams' invoke deadline): checked just before Create,
   * so a late click creates nothing. A Create already sent is undone by ./late-replacement.ts.
   */
  abandoned?: () => boolean;
}

export type CreateReplacementResult =
  | {
      kind: 'created';
      old: Pat;
      /** The new PAT as Azure DevOps stored it. */
      pat: Pat;
      /** Shown once, only to the person. Never log, store, audit or post it. */
      secret: string;
      requestedValidTo: Date;
      capped: boolean;
      /** What was created and until when (no secret). */
      message: string;
      /** The lifespan-cap note, when capped. */
      notes: string[];
    }
  | { kind: 'auth'; outcome: AuthFailure }
  | { kind: 'failed'; error: CodedError };

/** The organisation's working PATs (for the replacement's name, Rotate's check); null when unreadable. */
async function livePats(deps: PatUseCaseDeps, accessToken: string, org: string): Promise<Pat[] | null> {
  try {
    const now = deps.clock.now();
    const listed = await deps.tokensApi.list({ org, accessToken }, { filter: 'active' });
    // A global PAT is listed as active until its validTo, but it stopped working on 1 Dec 2026.
    return listed.filter((p) => patStatus(p, now) !== 'expired');
  } catch (e) {
    knownFailure(e);
    return null;
  }
}

function audit(
  deps: PatUseCaseDeps,
  userId: string,
  org: string,
  outcome: 'ok' | 'failed',
  detail: string,
  pat?: Pat,
) {
  return recordAudit(deps, {
    at: deps.clock.now(),
    userId,
    action: 'create',
    org,
    patId: pat?.id ?? null,
    patName: pat?.name ?? null,
    outcome,
    detail,
  });
}

/**
 * Why this PAT may not be replaced this way: only an all-organisations PAT may be recreated in
 * another organisation; Rotate needs a PAT that still works (Get does not say "revoked", so a
 * PAT missing from the readable active list counts as dead).
 */
function replaceRefusal(
  deps: PatUseCaseDeps,
  input: CreateReplacementInput,
  old: Pat,
  live: Pat[] | null,
  targetOrg: string,
): CodedError | null {
  if (targetOrg.toLowerCase() !== input.org.toLowerCase() && !isGlobalPat(old)) {
    return otherOrgRefusal(old.name, input.org, targetOrg);
  }
  if (input.mode !== 'rotate') return null;
  const dead =
    old.revoked === true ||
    patStatus(old, deps.clock.now()) === 'expired' ||
    (live !== null && !live.some((p) => p.id === old.id));
  return dead ? rotateNeedsLivePat(old.name, deps.prefix ?? 'pat') : null;
}

/**
 * Just before the Create: the channel still waits for it (else nothing is created), then this
 * button value's claim (a value that already made its PAT makes no other).
 */
async function lastCheck(
  deps: PatUseCaseDeps,
  input: CreateReplacementInput,
  old: Pat,
): Promise<CodedError | null> {
  if (input.abandoned?.()) {
    return new CodedError('ado.timeout', SLOW_CREATE_MESSAGE, { nextStep: SLOW_CREATE_NEXT_STEP });
  }
  if (input.once && !(await input.once.claim())) {
    deps.logger.info({ org: input.org, patId: old.id, code: 'action.used' }, 'replacement value replayed');
    return alreadyReplacedError(old.name, deps.prefix ?? 'pat');
  }
  return null;
}

/**
 * Creates the replacement of the PAT a signed button names: one Get (the old PAT's name and
 * scopes), one List (the names in use) and one Create. Create is never retried (see the client),
 * and the value's claim (`once`, taken just before the Create) makes a replayed value create
 * nothing, so a button creates at most one PAT. Known failures come back with creation's next steps.
 */
export async function createReplacement(
  deps: PatUseCaseDeps,
  input: CreateReplacementInput,
): Promise<CreateReplacementResult> {
  const access = await accessTokenFor(deps, input.userId);
  if (access.kind === 'auth') return access;
  const ctx = { org: input.org, accessToken: access.accessToken };
  const target = { org: input.targetOrg ?? input.org, accessToken: access.accessToken };
  let old: Pat;
  try {
    old = await deps.tokensApi.get(ctx, input.patId);
  } catch (e) {
    return knownFailure(e);
  }
  const live = await livePats(deps, ctx.accessToken, target.org);
  const refusal = replaceRefusal(deps, input, old, live, target.org);
  if (refusal) return { kind: 'failed', error: refusal };
  const now = deps.clock.now();
  const days = input.days ?? DEFAULT_REPLACEMENT_DAYS;
  const requested = new Date(now.getTime() + days * DAY_MS);
  const name = replacementName(
    old.name,
    (live ?? []).map((p) => p.name),
    localCalendarDate(now, input.timeZone),
  );
  const why = `replaces ${old.id}${isGlobalPat(old) ? ' (all organisations)' : ''}`;
  const stop = await lastCheck(deps, input, old);
  if (stop) return { kind: 'failed', error: stop };
  let created: { pat: Pat; secret: string };
  try {
    created = await deps.tokensApi.create(target, {
      name,
      scope: old.scope,
      validTo: requested,
      allOrgs: false,
    });
  } catch (e) {
    const { error } = knownFailure(e);
    await input.once?.release();
    await audit(deps, input.userId, target.org, 'failed', `${error.code}: ${why}`, old);
    deps.logger.warn({ org: target.org, patId: old.id, code: error.code }, 'PAT creation failed');
    return { kind: 'failed', error: createRefusal(error, target.org, old.name, deps.prefix) };
  }
  const { pat, secret } = created;
  const shortMs = requested.getTime() - pat.validTo.getTime();
  const capped = shortMs > CAP_TOLERANCE_MS;
  await audit(
    deps,
    input.userId,
    target.org,
    'ok',
    `${why}; validTo ${pat.validTo.toISOString()}${capped ? ` (capped, asked ${requested.toISOString()})` : ''}`,
    pat,
  );
  deps.logger.info({ org: target.org, patId: pat.id, replaces: old.id, capped }, 'PAT created');
  return {
    kind: 'created',
    old,
    pat,
    secret,
    requestedValidTo: requested,
    capped,
    message: createdMessage(pat.name, target.org, pat.validTo, now, input.timeZone),
    notes: capped ? [createdCappedNote(days, Math.max(1, Math.round(shortMs / DAY_MS)))] : [],
  };
}
