/** Use case: extend one PAT. */
import { asCodedError, CodedError } from '../../errors';
import type { RenewDuration } from '../commands/parsed-command';
import { endOfLocalDay, formatDate } from '../format-date';
import {
  alreadyRenewedMessage,
  ambiguousPatMessage,
  expiredCannotExtendMessage,
  expiredCannotExtendNextStep,
  globalPatMessage,
  renewedCappedMessage,
  renewedMessage,
} from '../messages';
import type { Pat } from '../pat';
import { GLOBAL_PAT_RETIREMENT, isGlobalPat } from '../pat-status';
import { recordAudit } from './audit';
import type { AuthFailure, PatUseCaseDeps } from './deps';
import { accessTokenFor, collectPats, noOrgsError, notFoundError, resolveTarget } from './find-pats';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** What `max` asks for; the service caps it to the organisation's lifespan policy. */
export const MAX_RENEW_DAYS = 365;
/** Length used when the command names none (the Azure DevOps UI default). */
export const DEFAULT_RENEW_DAYS = 30;
/** A PAT already within this much of the requested expiry needs no update (e.g. a double click). */
export const ALREADY_RENEWED_TOLERANCE_MS = HOUR_MS;

export interface RenewPatInput {
  userId: string;
  orgs: readonly string[];
  /** PAT name (case-insensitive) or id. */
  target: string;
  /** Defaults to 30 days. */
  duration?: RenewDuration;
  /** IANA zone for the dates in messages (UTC when unknown). */
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
  | { kind: 'failed'; error: CodedError };

/** The expiry a duration asks for, at `now`. Dates mean the end of that day in the user's zone (UTC when unknown). */
export function requestedExpiry(duration: RenewDuration, now: Date, timeZone?: string | null): Date {
  if (duration.kind === 'days') return new Date(now.getTime() + duration.days * DAY_MS);
  if (duration.kind === 'max') return new Date(now.getTime() + MAX_RENEW_DAYS * DAY_MS);
  return endOfLocalDay(duration.date, timeZone);
}

function invalidInput(message: string, nextStep: string): RenewPatResult {
  return { kind: 'failed', error: new CodedError('input.invalid', message, { nextStep }) };
}

/**
 * Renews a PAT: resolves it by id or name across the orgs, refuses locally what Azure DevOps
 * would refuse (expired PATs, retired global PATs) or what would not change anything, then updates
 * it and audits the attempt. Never throws.
 */
export async function renewPat(deps: PatUseCaseDeps, input: RenewPatInput): Promise<RenewPatResult> {
  try {
    if (input.orgs.length === 0) return { kind: 'failed', error: noOrgsError() };
    const access = await accessTokenFor(deps, input.userId);
    if (access.kind === 'auth') return access;
    const { pats, failures } = await collectPats(deps, access.accessToken, input.orgs, ['active', 'expired']);
    const found = resolveTarget(pats, input.target);
    if (found.kind === 'none') {
      return {
        kind: 'failed',
        error: failures[0]?.error ?? notFoundError(input.target, input.orgs, pats, 'renew'),
      };
    }
    if (found.kind === 'many') {
      return {
        kind: 'ambiguous',
        candidates: found.candidates,
        message: ambiguousPatMessage(input.target, found.candidates, 'renew'),
      };
    }
    const pat = found.pat;
    const now = deps.clock.now();
    const tz = input.timeZone;
    const audit = (outcome: 'ok' | 'failed', detail: string): Promise<void> =>
      recordAudit(deps, {
        at: deps.clock.now(),
        userId: input.userId,
        action: 'renew',
        org: pat.org,
        patId: pat.id,
        patName: pat.name,
        outcome,
        detail,
      });

    if (pat.validTo.getTime() <= now.getTime()) {
      await audit('failed', 'ado.pat_expired_cannot_extend: refused without calling Azure DevOps');
      return {
        kind: 'failed',
        error: new CodedError(
          'ado.pat_expired_cannot_extend',
          expiredCannotExtendMessage(pat.name, pat.validTo, tz),
          {
            nextStep: expiredCannotExtendNextStep(pat.org),
            details: { org: pat.org, patId: pat.id },
          },
        ),
      };
    }
    const global = isGlobalPat(pat);
    if (global && now.getTime() >= GLOBAL_PAT_RETIREMENT.getTime()) {
      await audit('failed', 'ado.pat_policy_global: global PATs are retired');
      return {
        kind: 'failed',
        error: new CodedError('ado.pat_policy_global', globalPatMessage(pat.name, now, tz), {
          nextStep: expiredCannotExtendNextStep(pat.org),
          details: { org: pat.org, patId: pat.id },
        }),
      };
    }
    const warnings = global ? [globalPatMessage(pat.name, now, tz)] : [];

    const duration = input.duration ?? { kind: 'days', days: DEFAULT_RENEW_DAYS };
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

    let result;
    try {
      result = await deps.tokensApi.update(
        { org: pat.org, accessToken: access.accessToken },
        { id: pat.id, validTo: requested },
      );
    } catch (e) {
      const error = asCodedError(e);
      await audit('failed', `${error.code}: requested ${requested.toISOString()}`);
      deps.logger.warn({ org: pat.org, patId: pat.id, code: error.code }, 'PAT renewal failed');
      return { kind: 'failed', error };
    }
    const stored = result.pat;
    const shortMs = requested.getTime() - stored.validTo.getTime();
    const capped = result.capped || shortMs > 60_000;
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
  } catch (e) {
    return { kind: 'failed', error: asCodedError(e) };
  }
}
