/**
 * Organisations that could not be read, said once: one line however many failed
 * ("Couldn't read 3 organisations: a, b (not a member), c (Azure DevOps unavailable)."), cut
 * with "and N more" so it fits any message, and, when nothing could be read at all, a headline
 * that says so instead of "you have no PATs". Pure; both channels use it.
 */
import type { ErrorCode } from '../errors';
import { commandText } from './messages';
import type { OrgFailure } from './use-cases/deps';

const REASONS: Partial<Record<ErrorCode, string>> = {
  'ado.not_member': 'not a member',
  'ado.org_not_found': 'no such organisation',
  'ado.msa_org': 'personal Microsoft account organisation',
  'ado.forbidden': 'access refused',
  'ado.unauthorized': 'sign-in not accepted',
  'ado.sign_in_redirect': 'sign-in not accepted',
  'ado.throttled': 'Azure DevOps is throttling',
  'ado.unavailable': 'Azure DevOps unavailable',
  'ado.bad_response': 'Azure DevOps unavailable',
  'ado.timeout': 'Azure DevOps too slow',
};

/** A few words for why one organisation could not be read. */
export function failureReason(code: ErrorCode): string {
  return REASONS[code] ?? 'could not be read';
}

const NAME_PROBLEMS = new Set<ErrorCode>(['ado.not_member', 'ado.org_not_found', 'ado.msa_org']);

/** What to do about these failures (names are wrong → fix the list; else → try again). */
export function failureNextStep(failures: readonly OrgFailure[], prefix = 'pat'): string {
  return failures.some((f) => NAME_PROBLEMS.has(f.error.code))
    ? `Check the names with ${commandText(prefix, 'orgs')} and remove the wrong ones with ${commandText(prefix, 'orgs remove <org>')}.`
    : 'Try again in a few minutes.';
}

const plural = (n: number) => `${n} organisation${n === 1 ? '' : 's'}`;

/**
 * One line for all failures, grouped by reason, at most `maxChars` long (default 600): orgs that
 * do not fit become "and N more". Empty for no failures.
 */
export function orgFailuresLine(failures: readonly OrgFailure[], maxChars = 600): string {
  if (failures.length === 0) return '';
  const groups = new Map<string, string[]>();
  for (const f of failures) {
    const reason = failureReason(f.error.code);
    groups.set(reason, [...(groups.get(reason) ?? []), f.org.slice(0, 60)]);
  }
  const head = `Couldn't read ${plural(failures.length)}: `;
  const parts: string[] = [];
  let used = head.length;
  let listed = 0;
  const reserve = ' and 9999 more.'.length;
  for (const [reason, orgs] of groups) {
    const fitting: string[] = [];
    for (const org of orgs) {
      const candidate = [...fitting, org].join(', ') + ` (${reason})`;
      if (used + candidate.length + 2 + reserve > maxChars) break;
      fitting.push(org);
    }
    if (fitting.length === 0) break;
    const part = `${fitting.join(', ')} (${reason})`;
    parts.push(part);
    used += part.length + 2;
    listed += fitting.length;
    if (fitting.length < orgs.length) break;
  }
  const rest = failures.length - listed;
  const tail = rest > 0 ? `${parts.length > 0 ? ' and' : ''} ${rest} more.` : '.';
  return `${head}${parts.join(', ')}${tail}`.replace(': .', '.').replace(':  ', ': ');
}

/** Nothing could be read: the headline to show instead of "you have no PATs". */
export function allOrgsFailedHeadline(count: number): string {
  return count === 1
    ? "I couldn't read your organisation, so I can't tell which PATs you have."
    : `I couldn't read any of your ${count} organisations, so I can't tell which PATs you have.`;
}

/** Whether a list result read nothing at all (every organisation failed). */
export function allOrgsFailed(orgs: readonly string[], failures: readonly OrgFailure[]): boolean {
  return failures.length > 0 && failures.length >= orgs.length;
}
