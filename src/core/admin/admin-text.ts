/** What the admin watch says (docs/ux.md voice: plain, short, the next step). */
import { formatNumber } from '../format-number';

export const VIEW_AUDIT_LOG = 'View audit log';
export const PCA_GROUP = 'Project Collection Administrators';

/** `5 min`, `90 s`. */
export function everyText(pollSeconds: number): string {
  return pollSeconds % 60 === 0 ? `${formatNumber(pollSeconds / 60)} min` : `${formatNumber(pollSeconds)} s`;
}

export function watchingText(org: string, pollSeconds: number, prefix: string): string {
  const every = everyText(pollSeconds);
  return (
    `Watching ${org}. With your Azure DevOps sign-in I read its audit log every ${every} (only Token.* events: ` +
    `PATs created, updated, revoked, revoked by the system, found in public), and for \`${prefix} admin expiring ${org}\` ` +
    `its users and their PATs' names and expiry dates. I never change anything in ${org} with your sign-in. ` +
    `Stop with \`${prefix} admin unwatch ${org}\`.`
  );
}

export function refusedText(org: string, prefix: string, what = 'to watch it', command = 'watch'): string {
  return (
    `You need the ${VIEW_AUDIT_LOG} permission in ${org} ${what}. ${PCA_GROUP} have it: ask one of them ` +
    `(Organization settings → Permissions → ${PCA_GROUP}) to run \`${prefix} admin ${command} ${org}\` or to grant you ` +
    `${VIEW_AUDIT_LOG}. I kept nothing.`
  );
}

export function expiringRefusedText(org: string): string {
  return (
    `Only ${PCA_GROUP} of ${org} can list everyone's PATs (Token Admin). Ask one of them ` +
    `(Organization settings → Permissions → ${PCA_GROUP}).`
  );
}

export function privateOnlyText(prefix: string): string {
  return `I list everyone's PATs only in our 1:1 chat: send me \`${prefix} admin expiring <org>\` there.`;
}

export function unwatchedText(org: string): string {
  return `Stopped watching ${org}. I no longer read its audit log.`;
}

export function notWatchedText(org: string, prefix: string): string {
  return `${org} isn't watched. Start with \`${prefix} admin watch ${org}\`.`;
}

export function lostAccessText(org: string, polls: number, prefix: string): string {
  return (
    `I stopped watching ${org}: Azure DevOps refused to show me its audit log with your sign-in ` +
    `${polls} times in a row, so you no longer seem to have the ${VIEW_AUDIT_LOG} permission there. ` +
    `Once you have it again (${PCA_GROUP} have it), turn the watch back on with \`${prefix} admin watch ${org}\`.`
  );
}

export function expiringBusyText(org: string, startedAt: string, prefix: string): string {
  return `\`${prefix} admin expiring ${org}\` is already running, started at ${startedAt}. Wait for its answer, then try again.`;
}
