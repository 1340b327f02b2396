/**
 * The sentences people read (docs/ux.md "Voice"): short, plain, specific, no exclamation marks.
 * Channels put these into cards and blocks; they never write their own wording for these cases.
 */
import { formatDate, formatRelative } from './format-date';
import { formatCount } from './format-number';
import { GLOBAL_PAT_RETIREMENT } from './pat-status';

/** Where a person manages their PATs in the Azure DevOps web UI. */
export function tokensPageUrl(org: string): string {
  return `https://dev.azure.com/${encodeURIComponent(org)}/_usersSettings/tokens`;
}

/** Inline code for chat (both platforms use backticks); backticks inside become quotes, newlines spaces. */
export function code(text: string): string {
  return '`' + text.replace(/`/g, "'").replace(/\s+/g, ' ') + '`';
}

/** A command as people type it here, as inline code: `commandText('/pat', 'orgs add <org>')`. */
export function commandText(prefix: string, rest: string): string {
  return code(`${prefix} ${rest}`);
}

/** Shortens echoed user input so a message stays readable. */
export function clip(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Flag line under a full-access PAT. */
export const FULL_ACCESS_SCOPE_WARNING = 'Full access: consider narrower scopes';

/** Flag line under a global PAT: `All organisations: stops working on Tue 1 Dec 2026`. */
export function globalPatFlagLine(retirement: Date, now: Date, timeZone?: string | null): string {
  const verb = now.getTime() < retirement.getTime() ? 'stops' : 'stopped';
  return `All organisations: ${verb} working on ${formatDate(retirement, timeZone)}`;
}

/** "Renewed `{name}` until Tue 3 Dec 2026 (in 30 days)." */
export function renewedMessage(name: string, validTo: Date, now: Date, timeZone?: string | null): string {
  return `Renewed ${code(name)} until ${formatDate(validTo, timeZone)} (${formatRelative(validTo, now, timeZone)}).`;
}

/**
 * A renewal the organisation's lifespan policy shortened. With `askedForMax` the person asked for
 * the longest allowed, so the shortfall is not news.
 */
export function renewedCappedMessage(
  name: string,
  validTo: Date,
  cappedByDays: number,
  timeZone?: string | null,
  askedForMax = false,
): string {
  const date = formatDate(validTo, timeZone);
  if (askedForMax) return `Renewed ${code(name)} until ${date}, the longest your organisation allows.`;
  return `Renewed ${code(name)} until ${date}, ${formatCount(cappedByDays, 'day')} less than asked: your organisation limits PAT lifetimes.`;
}

/** A renewal the PAT already satisfies (e.g. a double click). */
export function alreadyRenewedMessage(name: string, validTo: Date, timeZone?: string | null): string {
  return `${code(name)} already runs until ${formatDate(validTo, timeZone)}, so there was nothing to change.`;
}

/** What happened, for an expired PAT someone tried to renew. */
export function expiredCannotExtendMessage(name: string, expiredOn: Date, timeZone?: string | null): string {
  return `${code(name)} expired on ${formatDate(expiredOn, timeZone)}. Azure DevOps no longer lets expired PATs be extended.`;
}

/** The next step for a PAT renewing cannot help (expired, retired, at its lifespan limit): a replacement. */
export function expiredCannotExtendNextStep(name: string, prefix = 'pat'): string {
  return `Create a replacement: press Create replacement, or type ${commandText(prefix, `recreate ${name}`)}.`;
}

/** A renewal Azure DevOps accepted but that stored no later expiry: the lifespan policy's ceiling. */
export function renewCeilingMessage(name: string, validTo: Date, timeZone?: string | null): string {
  return `${code(name)} can't run past ${formatDate(validTo, timeZone)}: your organisation limits PAT lifetimes, so renewing changes nothing.`;
}

/** The all-organisations warning. */
export function globalPatMessage(name: string, now: Date, timeZone?: string | null): string {
  const date = formatDate(GLOBAL_PAT_RETIREMENT, timeZone);
  const stops = now.getTime() < GLOBAL_PAT_RETIREMENT.getTime() ? 'stops' : 'stopped';
  return `${code(name)} works in all your organisations. Azure DevOps ${stops} all such PATs on ${date}: create organisation-scoped PATs instead.`;
}

/** The one notice about an all-organisations PAT the 1 Dec 2026 retirement stopped. */
export function globalPatDeadMessage(name: string, timeZone?: string | null): string {
  const date = formatDate(GLOBAL_PAT_RETIREMENT, timeZone);
  return `${code(name)} worked in all your organisations and stopped working on ${date}, when Azure DevOps retired such PATs. Create a replacement for one organisation.`;
}

/** The verbs a PAT command or button names. */
export type PatVerb = 'renew' | 'revoke' | 'snooze' | 'recreate' | 'rotate';

/** Someone pressed another person's button. */
export function notOwnerMessage(owner: string, verb: PatVerb = 'renew'): string {
  return `Only ${owner} can ${verb} this PAT.`;
}

/** Azure DevOps is throttling. */
export function throttledMessage(retryAfterSeconds: number): string {
  const n = Math.max(1, Math.ceil(retryAfterSeconds));
  return `Azure DevOps asked me to slow down. I'll try again in ${formatCount(n, 'second')}.`;
}

/**
 * Unknown command. `prefix` is how the platform starts commands (`pat` in Teams, `/pat` in Slack);
 * `suggestion` is the parser's nearest command, already written with that prefix.
 */
export function unknownCommandMessage(text: string, suggestion: string, prefix = 'pat'): string {
  return `I didn't understand ${code(clip(text))}. Did you mean ${code(suggestion)}? Type ${code(`${prefix} help`)} for everything I can do.`;
}

/** A command that was understood but had a wrong argument (the parser's reason and example). */
export function invalidCommandMessage(reason: string, suggestion: string): string {
  return `${reason} For example: ${code(suggestion)}.`;
}

/**
 * The reply to an input the parser could not use: the unknown-command sentence for an unknown
 * word, otherwise the parser's reason with an example. `prefix` is `pat` (Teams) or `/pat` (Slack).
 */
export function invalidInputMessage(
  invalid: { code: string; input: string; reason: string; suggestion: string },
  prefix = 'pat',
): string {
  if (invalid.code === 'input.unknown_command')
    return unknownCommandMessage(invalid.input, invalid.suggestion, prefix);
  return invalidCommandMessage(invalid.reason, invalid.suggestion);
}

/** The question asked before revoking. */
export function revokeConfirmMessage(name: string, org: string): string {
  return `Revoke ${code(name)} in ${org}? Anything that uses it stops working at once, and this cannot be undone.`;
}

/** After a revocation. */
export function revokedMessage(name: string, org: string): string {
  return `Revoked ${code(name)} in ${org}. Anything that used it can no longer sign in.`;
}

/** The PAT was revoked before. */
export function alreadyRevokedMessage(name: string, org: string): string {
  return `${code(name)} in ${org} is already revoked, so there was nothing to do.`;
}

/** No PAT matched; `nearest` is a PAT name close to what was typed (a likely typo). */
export function patNotFoundMessage(target: string, orgs: readonly string[], nearest?: string): string {
  const where = orgs.length === 1 ? orgs[0] : `${orgs.slice(0, -1).join(', ')} or ${orgs[orgs.length - 1]}`;
  const guess = nearest ? ` Did you mean ${code(nearest)}?` : '';
  return `I can't find a PAT called ${code(clip(target))} in ${where}.${guess}`;
}

/** Next step when no PAT matched, for the channel's command prefix. */
export function patNotFoundNextStep(prefix = 'pat'): string {
  return `Check the name with ${commandText(prefix, 'list')}.`;
}

/** Several PATs matched a name. */
export function ambiguousPatMessage(
  target: string,
  candidates: ReadonlyArray<{ id: string; org: string; name: string }>,
  verb: PatVerb = 'renew',
  prefix = 'pat',
): string {
  const lines = candidates.map(
    (c) => `- ${code(c.name)} in ${c.org}: ${commandText(prefix, `${verb} ${c.id}`)}`,
  );
  return `${formatCount(candidates.length, 'PAT')} are called ${code(clip(target))}. Say which one by its id:\n${lines.join('\n')}`;
}

/** No Azure DevOps organisation chosen or configured. */
export const NO_ORGS_MESSAGE =
  "I don't know which Azure DevOps organisation to look in. Add one with `pat orgs add <org>`.";
