/**
 * Use case: the second half of Rotate. The replacement exists (./recreate-pat.ts); the person
 * either revokes the old PAT now, or asks to be reminded in N days: a stored due item that the
 * reminder sweep turns into one direct message when it is due (src/core/reminders/revoke-due.ts).
 */
import { CodedError } from '../../errors';
import { revokeReminderScheduledMessage } from '../replace-messages';
import type { RevokeReminderStore } from '../store';
import type { PatUseCaseDeps } from './deps';
import { revokePat, type RevokePatResult } from './revoke-pat';

const DAY_MS = 86_400_000;
/** "Remind me to revoke in N days" when the person names no number. */
export const DEFAULT_REVOKE_REMINDER_DAYS = 3;
export const REVOKE_REMINDER_DAYS_MIN = 1;
export const REVOKE_REMINDER_DAYS_MAX = 30;

export interface RotationDeps extends PatUseCaseDeps {
  revokeReminders: RevokeReminderStore;
}

export interface OldPat {
  userId: string;
  org: string;
  /** The old PAT (signed in the button value). */
  patId: string;
}

/** Revokes the old PAT now (the person already confirmed by choosing it) and drops its reminder. */
export async function revokeOldNow(deps: RotationDeps, input: OldPat): Promise<RevokePatResult> {
  const result = await revokePat(deps, {
    userId: input.userId,
    orgs: [input.org],
    target: input.patId,
    confirmed: true,
  });
  if (result.kind === 'revoked' || result.kind === 'already_revoked') {
    await deps.revokeReminders.remove(input.userId, input.patId);
  }
  return result;
}

export interface RemindInput extends OldPat {
  patName: string;
  replacementName: string;
  days?: number;
  timeZone?: string | null;
}

export type RemindResult =
  { kind: 'scheduled'; dueAt: Date; message: string } | { kind: 'failed'; error: CodedError };

/** Stores "remind me to revoke the old PAT in `days` days" (replacing an earlier one for it). */
export async function remindToRevoke(deps: RotationDeps, input: RemindInput): Promise<RemindResult> {
  const days = input.days ?? DEFAULT_REVOKE_REMINDER_DAYS;
  if (!Number.isInteger(days) || days < REVOKE_REMINDER_DAYS_MIN || days > REVOKE_REMINDER_DAYS_MAX) {
    return {
      kind: 'failed',
      error: new CodedError(
        'input.invalid',
        `A revoke reminder is ${REVOKE_REMINDER_DAYS_MIN} to ${REVOKE_REMINDER_DAYS_MAX} days away.`,
        { nextStep: `Pick a number from ${REVOKE_REMINDER_DAYS_MIN} to ${REVOKE_REMINDER_DAYS_MAX}.` },
      ),
    };
  }
  const now = deps.clock.now();
  const dueAt = new Date(now.getTime() + days * DAY_MS);
  await deps.revokeReminders.schedule({
    userId: input.userId,
    org: input.org,
    patId: input.patId,
    patName: input.patName,
    replacementName: input.replacementName,
    dueAt,
    createdAt: now,
  });
  deps.logger.info(
    { org: input.org, patId: input.patId, dueAt: dueAt.toISOString() },
    'revoke reminder scheduled',
  );
  return {
    kind: 'scheduled',
    dueAt,
    message: revokeReminderScheduledMessage(input.patName, dueAt, input.timeZone),
  };
}
