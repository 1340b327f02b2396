/** Use case: extend one PAT. */
import { CodedError } from '../../errors';
import type { RenewDuration } from '../commands/parsed-command';
import { endOfLocalDay, formatDate } from '../format-date';
import {
  alreadyRenewedMessage,
  ambiguousPatMessage,
  expiredCannotExtendMessage,
  expiredCannotExtendNextStep,
  globalPatMessage,
  renewCeilingMessage,
  renewedCappedMessage,
  renewedMessage,
} from '../messages';
import type { Pat } from '../pat';
import { GLOBAL_PAT_RETIREMENT, isGlobalPat } from '../pat-status';
import { replaceOfferMessage } from '../replace-messages';
import { recordAudit } from './audit';
import type { AuthFailure, PatUseCaseDeps } from './deps';
import {
  accessTokenFor,
  collectPats,
  knownFailure,
  noOrgsError,
  notFoundError,
  resolveTarget,
} from './find-pats';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** What `max` asks for; the service caps it to the organisation's lifespan policy. */
export const MAX_RENEW_DAYS = 365;
/** Length a one-click Renew (or a command naming none) asks for, unless RENEW_DEFAULT_DAYS says otherwise. */
export const DEFAULT_RENEW_DAYS = 90;
/** A PAT already within this much of the requested expiry needs no update (e.g. a double click). */
export const ALREADY_RENEWED_TOLERANCE_MS = HOUR_MS;

export interface RenewPatInput {
  userId: string;
  orgs: readonly string[];
  /** PAT name (case-insensitive) or id. */
  target: string;
  /** Defaults to `deps.renewDefaultDays` (RENEW_DEFAULT_DAYS, 90). */
  duration?: RenewDuration;
  /** IANA zone for the dates in messages (UTC when unknown). */
  timeZone?: string | null;
}

/** A Renew button: the PAT's id and organisation come from the signed button value. */
export interface RenewSignedPatInput {
  userId: string;
  org: string;
  patId: string;
  duration?: RenewDuration;
  timeZone?: string | null;
}

export type RenewPatResult =
  | {
      kind: 'renewed';
      /** The PAT as Azure DevOps stored it. */
      pat: Pat;
      previousValidTo: Date;
      requestedValidTo: Date;
      /** True when the organisation's lifespan policy stored an earlier expiry than asked. */
      capped: boolean;
      /** How many days short of the request (0 when not capped). */
      cappedByDays: number;
      /** The sentence to show. */
      message: string;
      /** Extra sentences to show (the global-PAT warning). */
      warnings: string[];
    }
  | { kind: 'already'; pat: Pat; message: string; warnings: string[] }
  | { kind: 'ambiguous'; candidates: Pat[]; message: string }
  | { kind: 'auth'; outcome: AuthFailure }
  | {
      kind: 'failed';
      error: CodedError;
      /**
       * Renewing cannot help this PAT (expired, a dead all-organisations one, revoked, stuck at the
       * lifespan limit): the channels answer with a Create replacement button and this message.
       */
      replace?: { pat: Pat; message: string };
    };

/**
 * Azure DevOps' refusals that only a new PAT gets past, each with the sentence that says why
 * ('' when the Create replacement offer already says it: revoked, stopped working).
 */
const REPLACE_LEADS: ReadonlyMap<string, string> = new Map([
  ['ado.pat_expired_cannot_extend', 'Azure DevOps no longer lets expired PATs be extended.'],
  ['ado.pat_policy_global', ''],
  ['ado.pat_revoked', ''],
  ['ado.pat_policy_lifespan', 'Your organisation limits PAT lifetimes, so renewing changes nothing.'],
]);

/** A failure renewing cannot fix, with the Create replacement offer. */
function cannotHelp(deps: PatUseCaseDeps, pat: Pat, error: CodedError, tz?: string | null): RenewPatResult {
  const lead = REPLACE_LEADS.get(error.code);
  if (lead === undefined) return { kind: 'failed', error };
  const offer = replaceOfferMessage(pat, 'recreate', deps.clock.now(), tz);
  return { kind: 'failed', error, replace: { pat, message: lead ? `${lead} ${offer}` : offer } };
}

/** The expiry a duration asks for, at `now`. Dates mean the end of that day in the user's zone (UTC when unknown). */
export function requestedExpiry(duration: RenewDuration, now: Date, timeZone?: string | null): Date {
  if (duration.kind === 'days') return new Date(now.getTime() + duration.days * DAY_MS);
  if (duration.kind === 'max') return new Date(now.getTime() + MAX_RENEW_DAYS * DAY_MS);
  return endOfLocalDay(duration.date, timeZone);
}

function invalidInput(message: string, nextStep: string): RenewPatResult {
  return { kind: 'failed', error: new CodedError('input.invalid', message, { nextStep }) };
}

type Audit = (outcome: 'ok' | 'failed', detail: string) => Promise<void>;

function auditFor(deps: PatUseCaseDeps, userId: string, pat: Pat): Audit {
  return (outcome, detail) =>
    recordAudit(deps, {
      at: deps.clock.now(),
      userId,
      action: 'renew',
      org: pat.org,
      patId: pat.id,
      patName: pat.name,
      outcome,
      detail,
    });
}

/** What Azure DevOps would refuse anyway (expired PATs, retired global PATs): refused without a call. */
async function refusal(deps: PatUseCaseDeps, pat: Pat, audit: Audit, tz?: string | null) {
  const now = deps.clock.now();
  const details = { org: pat.org, patId: pat.id };
  if (pat.validTo.getTime() <= now.getTime()) {
    await audit('failed', 'ado.pat_expired_cannot_extend: refused without calling Azure DevOps');
    const message = expiredCannotExtendMessage(pat.name, pat.validTo, tz);
    return new CodedError('ado.pat_expired_cannot_extend', message, {
      nextStep: expiredCannotExtendNextStep(pat.name, deps.prefix),
      details,
    });
  }
  if (isGlobalPat(pat) && now.getTime() >= GLOBAL_PAT_RETIREMENT.getTime()) {
    await audit('failed', 'ado.pat_policy_global: global PATs are retired');
    return new CodedError('ado.pat_policy_global', globalPatMessage(pat.name, now, tz), {
      nextStep: expiredCannotExtendNextStep(pat.name, deps.prefix),
      details,
    });
  }
  return null;
}

/** Sends the update; known Azure DevOps failures are audited and returned, anything else thrown. */
async function update(
  deps: PatUseCaseDeps,
  accessToken: string,
  pat: Pat,
  requested: Date,
  audit: Audit,
): Promise<{ ok: true; stored: Pat; capped: boolean } | { ok: false; error: CodedError }> {
  try {
    const result = await deps.tokensApi.update(
      { org: pat.org, accessToken },
      { id: pat.id, validTo: requested },
    );
    return { ok: true, stored: result.pat, capped: result.capped };
  } catch (e) {
    const failed = knownFailure(e);
    await audit('failed', `${failed.error.code}: requested ${requested.toISOString()}`);
    deps.logger.warn({ org: pat.org, patId: pat.id, code: failed.error.code }, 'PAT renewal failed');
    return { ok: false, error: failed.error };
  }
}

/** Update stored no later expiry: the PAT is at its lifespan ceiling, and only a new PAT helps. */
async function ceiling(
  deps: PatUseCaseDeps,
  pat: Pat,
  stored: Pat,
  audit: Audit,
  tz?: string | null,
): Promise<RenewPatResult> {
  await audit(
    'failed',
    `ado.pat_policy_lifespan: at its ceiling, validTo stays ${stored.validTo.toISOString()}`,
  );
  const error = new CodedError(
    'ado.pat_policy_lifespan',
    renewCeilingMessage(stored.name, stored.validTo, tz),
    {
      nextStep: expiredCannotExtendNextStep(stored.name, deps.prefix),
      details: { org: pat.org, patId: pat.id },
    },
  );
  return cannotHelp(deps, stored, error, tz);
}

/** Renews a PAT already found (by name, or by the signed id of a button). */
async function renewFound(
  deps: PatUseCaseDeps,
  accessToken: string,
  pat: Pat,
  input: { userId: string; duration?: RenewDuration; timeZone?: string | null },
): Promise<RenewPatResult> {
  const now = deps.clock.now();
  const tz = input.timeZone;
  const audit = auditFor(deps, input.userId, pat);
  const refused = await refusal(deps, pat, audit, tz);
  if (refused) return cannotHelp(deps, pat, refused, tz);
  const warnings = isGlobalPat(pat) ? [globalPatMessage(pat.name, now, tz)] : [];
  const duration = input.duration ?? { kind: 'days', days: deps.renewDefaultDays ?? DEFAULT_RENEW_DAYS };
  const requested = requestedExpiry(duration, now, tz);
  if (duration.kind === 'date' && requested.getTime() <= now.getTime()) {
    return invalidInput(`${duration.date} is in the past.`, 'Pick a later date, or say 30, 90 or max.');
  }
  if (Math.abs(requested.getTime() - pat.validTo.getTime()) <= ALREADY_RENEWED_TOLERANCE_MS) {
    return { kind: 'already', pat, message: alreadyRenewedMessage(pat.name, pat.validTo, tz), warnings };
  }
  if (requested.getTime() < pat.validTo.getTime()) {
    return invalidInput(
      `That would shorten \`${pat.name}\`: it already runs until ${formatDate(pat.validTo, tz)}.`,
      'Pick a later date, or say max.',
    );
  }
  const done = await update(deps, accessToken, pat, requested, audit);
  if (!done.ok) return cannotHelp(deps, pat, done.error, tz);
  const stored = done.stored;
  const shortMs = requested.getTime() - stored.validTo.getTime();
  const capped = done.capped || shortMs > 60_000;
  if (capped && stored.validTo.getTime() <= pat.validTo.getTime() + 60_000)
    return ceiling(deps, pat, stored, audit, tz);
  const cappedByDays = capped ? Math.max(0, Math.round(shortMs / DAY_MS)) : 0;
  await audit(
    'ok',
    `validTo ${pat.validTo.toISOString()} -> ${stored.validTo.toISOString()}${capped ? ` (capped, asked ${requested.toISOString()})` : ''}`,
  );
  deps.logger.info({ org: pat.org, patId: pat.id, capped }, 'PAT renewed');
  const message = capped
    ? renewedCappedMessage(stored.name, stored.validTo, cappedByDays, tz, duration.kind === 'max')
    : renewedMessage(stored.name, stored.validTo, now, tz);
  return {
    kind: 'renewed',
    pat: stored,
    previousValidTo: pat.validTo,
    requestedValidTo: requested,
    capped,
    cappedByDays,
    message,
    warnings,
  };
}

/**
 * Renews a PAT named by name or id: resolves it across the orgs, refuses locally what Azure
 * DevOps would refuse (expired PATs, retired global PATs) or what would not change anything,
 * then updates it and audits the attempt. Known failures are returned; anything else (a bug) is
 * thrown for the channel's one error funnel to log.
 */
export async function renewPat(deps: PatUseCaseDeps, input: RenewPatInput): Promise<RenewPatResult> {
  if (input.orgs.length === 0) return { kind: 'failed', error: noOrgsError(deps.prefix) };
  const access = await accessTokenFor(deps, input.userId);
  if (access.kind === 'auth') return access;
  const { pats, failures } = await collectPats(deps, access.accessToken, input.orgs, ['active', 'expired']);
  const found = resolveTarget(pats, input.target);
  if (found.kind === 'none') {
    return {
      kind: 'failed',
      error: failures[0]?.error ?? notFoundError(input.target, input.orgs, pats, 'renew', deps.prefix),
    };
  }
  if (found.kind === 'many') {
    return {
      kind: 'ambiguous',
      candidates: found.candidates,
      message: ambiguousPatMessage(input.target, found.candidates, 'renew', deps.prefix),
    };
  }
  return renewFound(deps, access.accessToken, found.pat, input);
}

/**
 * A Renew button: the signed value already names the PAT and its organisation, so this is one
 * Get (its current expiry and name) and at most one Update: at most two Azure DevOps calls.
 */
export async function renewSignedPat(
  deps: PatUseCaseDeps,
  input: RenewSignedPatInput,
): Promise<RenewPatResult> {
  const access = await accessTokenFor(deps, input.userId);
  if (access.kind === 'auth') return access;
  let pat: Pat;
  try {
    pat = await deps.tokensApi.get({ org: input.org, accessToken: access.accessToken }, input.patId);
  } catch (e) {
    return knownFailure(e);
  }
  return renewFound(deps, access.accessToken, pat, input);
}
