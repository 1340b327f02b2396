/**
 * `pat admin watch|unwatch <org>`, `pat admin status`, `pat admin expiring <org> [days]`: the
 * command shape, its parser (called by core/commands/parse-command.ts) and its dispatcher.
 */
import { isOrgName } from '../commands/command-values';
import type { AdminDeps } from './admin-deps';
import { privateOnlyText } from './admin-text';
import { view, type AdminResult } from './admin-view';
import { subscribeDigest, unsubscribeDigest, type DigestPlace } from './digest-command';
import { adminExpiring, EXPIRING_DEFAULT_DAYS, EXPIRING_MAX_DAYS, type ExpiringProgress } from './expiring';
import { adminStatus, unwatchOrg, watchOrg } from './watch-org';

export type AdminCommand =
  | { kind: 'admin'; action: 'watch' | 'unwatch'; org: string }
  | { kind: 'admin'; action: 'status' }
  | { kind: 'admin'; action: 'expiring'; org: string; days: number }
  | { kind: 'admin'; action: 'digest' | 'digest-off'; org: string };

/** Examples after the prefix (`pat` in Teams, `/pat` in Slack). */
export const ADMIN_EXAMPLES = {
  watch: 'admin watch contoso',
  unwatch: 'admin unwatch contoso',
  status: 'admin status',
  expiring: 'admin expiring contoso 14',
  digest: 'admin digest contoso',
  'digest-off': 'admin digest off contoso',
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

type OrgAction = 'watch' | 'unwatch' | 'expiring' | 'digest' | 'digest-off';

function orgArg(word: Word | undefined, action: OrgAction): string | AdminParseError {
  if (!word)
    return {
      reason: (p) =>
        `Say which organisation: \`${p} admin ${action === 'digest-off' ? 'digest off' : action} <org>\`.`,
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
  if (verb === 'digest' && rest.length <= 2) {
    const off = rest.length === 2 && !rest[0].quoted && rest[0].text.toLowerCase() === 'off';
    if (rest.length === 2 && !off)
      return {
        reason: (p) => `Use \`${p} admin digest off <org>\`.`,
        suggestion: ADMIN_EXAMPLES['digest-off'],
      };
    const action = off ? 'digest-off' : 'digest';
    const org = orgArg(off ? rest[1] : rest[0], action);
    return typeof org === 'string' ? { kind: 'admin', action, org } : org;
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
      `Use \`${p} admin watch <org>\`, \`${p} admin unwatch <org>\`, \`${p} admin status\`, \`${p} admin expiring <org> [days]\` or \`${p} admin digest [off] <org>\`.`,
    suggestion: ADMIN_EXAMPLES.status,
  };
}

/** Where the command was typed: `shared` in a channel or group chat, where everyone would see the answer. */
export interface AdminPlace extends DigestPlace {
  shared: boolean;
  onProgress?: ExpiringProgress;
}

export async function runAdminCommand(
  deps: AdminDeps,
  userId: string,
  command: AdminCommand,
  place: AdminPlace = { shared: false, conversationKey: null },
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
      if (place.shared) return view(privateOnlyText(deps.prefix ?? 'pat'));
      return adminExpiring(deps, userId, command.org, command.days, { onProgress: place.onProgress });
    case 'digest':
      return subscribeDigest(deps, userId, command.org, place);
    case 'digest-off':
      return unsubscribeDigest(deps, command.org, place);
  }
}
