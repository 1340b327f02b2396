/**
 * Use cases `pat snooze <name|id> <days>` and the Snooze button (1 or 3 days): pause one PAT's
 * reminders. A snooze never hides the last threshold before expiry, the expiry day or the
 * expired notice (see ../reminders/plan-reminders).
 */
import { CodedError } from '../../errors';
import { SNOOZE_DAYS_MAX, SNOOZE_DAYS_MIN } from '../commands/parsed-command';
import { formatDate } from '../format-date';
import { ambiguousPatMessage, code, commandText, notOwnerMessage } from '../messages';
import type { Pat } from '../pat';
import { DEFAULT_THRESHOLDS_DAYS, protectedThresholds } from '../reminders/thresholds';
import type { SnoozeStore } from '../store';
import type { AuthFailure, PatUseCaseDeps } from '../use-cases/deps';
import {
  accessTokenFor,
  collectPats,
  noOrgsError,
  notFoundError,
  resolveTarget,
} from '../use-cases/find-pats';

const DAY_MS = 86_400_000;

export type SnoozeResult =
  | { kind: 'snoozed'; patId: string; patName: string | null; until: Date; message: string }
  | { kind: 'ambiguous'; candidates: Pat[]; message: string }
  | { kind: 'auth'; outcome: AuthFailure }
  | { kind: 'failed'; error: CodedError };

export interface SnoozeDeps extends PatUseCaseDeps {
  snoozes: SnoozeStore;
  /** Reminder thresholds, to tell people which reminders still come (default 14,7,3,1,0). */
  thresholdsDays?: readonly number[];
}

function daysError(days: number): CodedError | null {
  if (Number.isInteger(days) && days >= SNOOZE_DAYS_MIN && days <= SNOOZE_DAYS_MAX) return null;
  return new CodedError(
    'input.invalid',
    `I can snooze reminders for ${SNOOZE_DAYS_MIN} to ${SNOOZE_DAYS_MAX} days.`,
    {
      nextStep: (p) => `For example: ${commandText(p, 'snooze deploy-token 3')}.`,
    },
  );
}

function stillComing(thresholds: readonly number[]): string {
  const keep = [...protectedThresholds(thresholds)].sort((a, b) => b - a);
  const parts = keep.map((t) =>
    t === 0 ? 'on the day it expires' : t === 1 ? 'the day before it expires' : `${t} days before it expires`,
  );
  return parts.length > 0 ? ` I'll still remind you ${parts.join(' and ')}.` : '';
}

type StoreDeps = Pick<SnoozeDeps, 'snoozes' | 'clock' | 'logger' | 'thresholdsDays'>;

async function store(
  deps: StoreDeps,
  userId: string,
  patId: string,
  patName: string | null,
  days: number,
  timeZone: string | null | undefined,
): Promise<SnoozeResult> {
  const until = new Date(deps.clock.now().getTime() + days * DAY_MS);
  await deps.snoozes.set(userId, patId, until);
  deps.logger.info({ userId, patId, days }, 'PAT reminders snoozed');
  const name = patName === null ? 'this PAT' : code(patName);
  const message = `Snoozed reminders for ${name} until ${formatDate(until, timeZone)}.${stillComing(deps.thresholdsDays ?? DEFAULT_THRESHOLDS_DAYS)}`;
  return { kind: 'snoozed', patId, patName, until, message };
}

/**
 * `pat snooze <name|id> <days>`: finds the caller's PAT by name or id, then snoozes it. Known
 * failures are returned; a bug (or a store failure) is thrown for the channel's error funnel.
 */
export async function snoozePat(
  deps: SnoozeDeps,
  input: { userId: string; orgs: readonly string[]; target: string; days: number; timeZone?: string | null },
): Promise<SnoozeResult> {
  const invalid = daysError(input.days);
  if (invalid) return { kind: 'failed', error: invalid };
  if (input.orgs.length === 0) return { kind: 'failed', error: noOrgsError(deps.prefix) };
  const access = await accessTokenFor(deps, input.userId);
  if (access.kind === 'auth') return access;
  const { pats, failures } = await collectPats(deps, access.accessToken, input.orgs, ['active', 'expired']);
  const found = resolveTarget(pats, input.target);
  if (found.kind === 'many') {
    return {
      kind: 'ambiguous',
      candidates: found.candidates,
      message: ambiguousPatMessage(input.target, found.candidates, 'snooze', deps.prefix),
    };
  }
  if (found.kind === 'none') {
    if (failures.length === input.orgs.length && failures[0])
      return { kind: 'failed', error: failures[0].error };
    return { kind: 'failed', error: notFoundError(input.target, input.orgs, pats, 'snooze', deps.prefix) };
  }
  return await store(deps, input.userId, found.pat.id, found.pat.name, input.days, input.timeZone);
}

/**
 * The Snooze button on a reminder: the PAT id comes from the (tamper-proof) button value. Only
 * the PAT's owner may snooze it; no Azure DevOps call is made. Known failures are returned.
 */
export async function snoozeFromButton(
  deps: StoreDeps,
  input: {
    userId: string;
    ownerUserId: string;
    ownerName?: string | null;
    patId: string;
    patName?: string | null;
    days: number;
    timeZone?: string | null;
  },
): Promise<SnoozeResult> {
  if (input.userId !== input.ownerUserId) {
    return {
      kind: 'failed',
      error: new CodedError('action.not_owner', notOwnerMessage(input.ownerName ?? 'the owner', 'snooze'), {
        nextStep: (p) => `Use ${commandText(p, 'list')} to see your own PATs.`,
      }),
    };
  }
  const invalid = daysError(input.days);
  if (invalid) return { kind: 'failed', error: invalid };
  return await store(
    deps as SnoozeDeps,
    input.userId,
    input.patId,
    input.patName ?? null,
    input.days,
    input.timeZone,
  );
}
