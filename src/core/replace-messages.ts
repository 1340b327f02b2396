/**
 * The sentences of Recreate and Rotate (docs/ux.md voice): what was created, what was stored,
 * what to do with the secret and the old PAT, and what to do when Azure DevOps refuses.
 */
import { CodedError } from '../errors';
import { formatDate, formatRelative } from './format-date';
import { formatCount } from './format-number';
import { code, commandText, tokensPageUrl } from './messages';
import type { Pat } from './pat';
import { effectiveExpiry, GLOBAL_PAT_RETIREMENT, isGlobalPat, patStatus } from './pat-status';

/** Who can lift each refusal (named in the next step). */
export const ORG_ADMIN = 'a Project Collection Administrator of';
export const ENTRA_ADMIN =
  'your Microsoft Entra administrator (Cloud Application Administrator or Global Administrator)';

/** "Created `deploy 2026-12-03` in contoso, valid until Tue 3 Mar 2027 (in 90 days)." */
export function createdMessage(
  name: string,
  org: string,
  validTo: Date,
  now: Date,
  timeZone?: string | null,
): string {
  return `Created ${code(name)} in ${org}, valid until ${formatDate(validTo, timeZone)} (${formatRelative(validTo, now, timeZone)}).`;
}

/** The lifespan policy stored an earlier expiry than asked. */
export function createdCappedNote(askedDays: number, cappedByDays: number): string {
  return `You asked for ${formatCount(askedDays, 'day')}; your organisation limits PAT lifetimes, so it is ${formatCount(cappedByDays, 'day')} shorter.`;
}

/** What the Create replacement / Rotate button will do (before anything is created). */
export function replaceOfferMessage(
  pat: Pat,
  mode: 'recreate' | 'rotate',
  now: Date,
  timeZone?: string | null,
): string {
  const status = patStatus(pat, now);
  const state =
    status === 'revoked'
      ? 'was revoked'
      : status === 'expired'
        ? isGlobalPat(pat) && pat.validTo.getTime() > now.getTime()
          ? `stopped working on ${formatDate(GLOBAL_PAT_RETIREMENT, timeZone)} (all organisations)`
          : `expired on ${formatDate(pat.validTo, timeZone)}`
        : `runs until ${formatDate(effectiveExpiry(pat).at, timeZone)}`;
  const what = `a new PAT with the same name and scopes, for ${pat.org} only`;
  return mode === 'rotate'
    ? `${code(pat.name)} in ${pat.org} ${state}. Rotate creates ${what}, then you revoke the old one now or later. The new value is shown once, only to you.`
    : `${code(pat.name)} in ${pat.org} ${state}. Create replacement makes ${what}. Its value is shown once, only to you.`;
}

/** Under the secret, in the dialog or modal. */
export const COPY_INSTRUCTIONS =
  'Copy it now and put it where the old one was used (a pipeline secret, a credential store). ' +
  'This is the only time it is shown: patbot does not keep it, and closing this window removes it.';

/** Rotate, after the replacement exists. */
export function rotateNextStep(oldName: string, remindDays: number): string {
  return `Once nothing uses ${code(oldName)} any more, revoke it: now, or I remind you in ${formatCount(remindDays, 'day')}.`;
}

export function revokeReminderScheduledMessage(
  oldName: string,
  dueAt: Date,
  timeZone?: string | null,
): string {
  return `I'll remind you on ${formatDate(dueAt, timeZone)} to revoke ${code(oldName)}.`;
}

/** The DM when a revoke reminder is due. */
export function revokeReminderDueMessage(oldName: string, replacementName: string, org: string): string {
  return `Reminder: you replaced ${code(oldName)} in ${org} with ${code(replacementName)}. If nothing uses the old one any more, revoke it.`;
}

/** A shared conversation: the secret must not appear where others can see it. */
export function personalChatOnlyMessage(prefix: string, mode: 'recreate' | 'rotate', name: string): string {
  const quoted = /\s/.test(name) ? `"${name}"` : name;
  return `A new PAT's value is shown only to you, so run ${commandText(prefix, `${mode} ${quoted}`)} in your personal chat with me.`;
}

/** Rotate of a PAT that no longer works: nothing to revoke later, so it is a plain recreate. */
export function rotateNeedsLivePat(name: string, prefix: string): CodedError {
  return new CodedError('input.invalid', `${code(name)} no longer works, so there is nothing to rotate.`, {
    nextStep: `Create a replacement with ${commandText(prefix, `recreate ${name}`)}.`,
  });
}

/** A Create replacement / Rotate value that already made its PAT (a replay, a double click). */
export function alreadyReplacedError(name: string, prefix: string): CodedError {
  return new CodedError(
    'action.used',
    `I already created a replacement for ${code(name)} from this button.`,
    {
      nextStep: `See ${commandText(prefix, 'list')}.`,
    },
  );
}

/** Recreate in another organisation of a PAT scoped to one: only all-organisations PATs move. */
export function otherOrgRefusal(name: string, org: string, targetOrg: string): CodedError {
  return new CodedError(
    'input.invalid',
    `${code(name)} works only in ${org}, so I can't recreate it in ${targetOrg}.`,
    {
      nextStep: `Create its replacement in ${org}.`,
    },
  );
}

/**
 * Azure DevOps' refusal of a Create, with the next step for creating (the generic wording is for
 * renewals): who to ask, or what to do instead.
 */
export function createRefusal(error: CodedError, org: string, oldName: string, prefix = 'pat'): CodedError {
  const details = { ...error.details, org };
  const redo = (message: string, nextStep: string): CodedError =>
    new CodedError(error.code, message, { nextStep, details });
  switch (error.code) {
    case 'ado.pat_policy_creation_disabled':
      return redo(
        `${org} restricts who may create PATs, and you are not on its allowlist.`,
        `Ask ${ORG_ADMIN} ${org} to add you to the "Restrict personal access token (PAT) creation" policy's allowlist, then press the button again.`,
      );
    case 'ado.pat_policy_full_scope':
      return redo(
        `${code(oldName)} has full access, and your organisation no longer allows new full-access PATs.`,
        `Create one with only the scopes you need in ${org}: ${tokensPageUrl(org)}.`,
      );
    case 'ado.pat_policy_global':
    case 'ado.pat_global_creation_blocked':
      return redo(
        'Azure DevOps refused a PAT for all organisations.',
        `patbot creates PATs for one organisation only; ask ${ORG_ADMIN} ${org} if this keeps happening.`,
      );
    case 'ado.pat_policy_lifespan':
      return redo(
        'Your organisation limits how long a PAT may live, and refused this length.',
        'Try again with a shorter length, or ask your Azure DevOps administrator what the limit is.',
      );
    case 'ado.forbidden':
      return redo(
        `patbot may read your PATs in ${org} but not create them: it has no consent for vso.pats_manage.`,
        `Ask ${ENTRA_ADMIN} to grant patbot admin consent for Azure DevOps (vso.pats_manage), then sign in again with ${commandText(prefix, 'signin')}.`,
      );
    default:
      return error;
  }
}
