/**
 * `pat admin watch|unwatch <org>`, `pat admin status`, `pat admin expiring <org> [days]`: the
 * command shape, its parser (called by core/commands/parse-command.ts) and its dispatcher.
 */
import { isOrgName } from '../commands/command-values';
import type { AdminDeps } from './admin-deps';
import { privateOnlyText } from './admin-text';
import { view, type AdminResult } from './admin-view';
import { adminExpiring, EXPIRING_DEFAULT_DAYS, EXPIRING_MAX_DAYS } from './expiring';
import { adminStatus, unwatchOrg, watchOrg } from './watch-org';

export type AdminCommand =
  | { kind: 'admin'; action: 'watch' | 'unwatch'; org: string }
  | { kind: 'admin'; action: 'status' }
  | { kind: 'admin'; action: 'expiring'; org: string; days: number };

/** Examples after the prefix (`pat` in Teams, `/pat` in Slack). */
export const ADMIN_EXAMPLES = {
  watch: 'admin watch contoso',
  unwatch: 'admin unwatch contoso',
  status: 'admin status',
  expiring: 'admin expiring contoso 14',
} as const;

export interface AdminParseError {
  /** A sentence, or one worded with the prefix people type. */
  reason: string | ((prefix: string) => string);
  suggestion: string;
}

interface Word {
  text: string;
  quoted: boolean;
}

function orgArg(word: Word | undefined, action: 'watch' | 'unwatch' | 'expiring'): string | AdminParseError {
  if (!word)
    return {
      reason: (p) => `Say which organisation: \`${p} admin ${action} <org>\`.`,
      suggestion: ADMIN_EXAMPLES[action],
    };
  if (!isOrgName(word.text)) {
    const shown = word.text.length > 60 ? `${word.text.slice(0, 59)}…` : word.text;
    return {
      reason: `${shown} is not an Azure DevOps organisation name.`,
      suggestion: ADMIN_EXAMPLES[action],
    };
  }
  return word.text;
}

/** Parses the words after `admin`. */
export function parseAdminArgs(args: readonly Word[]): AdminCommand | AdminParseError {
  const verb = args[0] && !args[0].quoted ? args[0].text.toLowerCase() : '';
  const rest = args.slice(1);
  if (verb === 'status' && rest.length === 0) return { kind: 'admin', action: 'status' };
  if ((verb === 'watch' || verb === 'unwatch') && rest.length <= 1) {
    const org = orgArg(rest[0], verb);
    return typeof org === 'string' ? { kind: 'admin', action: verb, org } : org;
  }
  if (verb === 'expiring' && rest.length <= 2) {
    const org = orgArg(rest[0], 'expiring');
    if (typeof org !== 'string') return org;
    if (rest.length === 1) return { kind: 'admin', action: 'expiring', org, days: EXPIRING_DEFAULT_DAYS };
    const days = /^\d{1,3}d?$/i.test(rest[1].text) ? Number.parseInt(rest[1].text, 10) : NaN;
    if (!Number.isInteger(days) || days < 1 || days > EXPIRING_MAX_DAYS) {
      return { reason: `The window is 1 to ${EXPIRING_MAX_DAYS} days.`, suggestion: ADMIN_EXAMPLES.expiring };
    }
    return { kind: 'admin', action: 'expiring', org, days };
  }
  return {
    reason: (p) =>
      `Use \`${p} admin watch <org>\`, \`${p} admin unwatch <org>\`, \`${p} admin status\` or \`${p} admin expiring <org> [days]\`.`,
    suggestion: ADMIN_EXAMPLES.status,
  };
}

/** `shared`: typed in a channel or group chat, where everyone would see the answer. */
export async function runAdminCommand(
  deps: AdminDeps,
  userId: string,
  command: AdminCommand,
  shared = false,
): Promise<AdminResult> {
  switch (command.action) {
    case 'watch':
      return watchOrg(deps, userId, command.org);
    case 'unwatch':
      return unwatchOrg(deps, userId, command.org);
    case 'status':
      return adminStatus(deps, userId);
    case 'expiring':
      // Other people's PAT names and owners are not for a whole channel.
      if (shared) return view(privateOnlyText(deps.prefix ?? 'pat'));
      return adminExpiring(deps, userId, command.org, command.days);
  }
}
