/**
 * `pat admin watch|unwatch|status`. Watching needs "View audit log" in the organisation, checked
 * with Azure DevOps; a refusal stores nothing. The watch records only which administrator's
 * sign-in (already in the encrypted token cache) the poller uses.
 */
import { formatDate } from '../format-date';
import { adminAccess } from './admin-access';
import type { AdminDeps } from './admin-deps';
import { everyText, notWatchedText, refusedText, unwatchedText, watchingText } from './admin-text';
import { view, type AdminResult } from './admin-view';
import type { OrgWatch } from './admin-store';
import { whenText } from './describe-event';
import { ALERT_ERROR_PREFIX } from './lost-access';

export async function watchOrg(deps: AdminDeps, userId: string, org: string): Promise<AdminResult> {
  const prefix = deps.prefix ?? 'pat';
  const access = await adminAccess(deps, userId, org);
  switch (access.kind) {
    case 'auth':
      return access;
    case 'failed':
      return access;
    case 'refused':
      deps.logger.info({ org, userId }, 'admin watch refused: no View audit log');
      return view(refusedText(org, prefix), 'attention');
    case 'ok': {
      const watch = await deps.store.admin.watch(org, userId, deps.clock.now());
      deps.logger.info({ org: watch.org, userId }, 'admin watch on');
      return view(watchingText(watch.org, deps.pollSeconds, prefix), 'good');
    }
  }
}

/** The watching administrator may stop it; anyone else must hold "View audit log" too. */
export async function unwatchOrg(deps: AdminDeps, userId: string, org: string): Promise<AdminResult> {
  const prefix = deps.prefix ?? 'pat';
  const watch = await deps.store.admin.get(org);
  if (!watch) return view(notWatchedText(org, prefix));
  if (watch.adminUserId !== userId) {
    const access = await adminAccess(deps, userId, org);
    if (access.kind === 'auth' || access.kind === 'failed') return access;
    if (access.kind === 'refused') return view(refusedText(org, prefix, 'to stop watching it'), 'attention');
  }
  await deps.store.admin.unwatch(org);
  deps.logger.info({ org: watch.org, userId }, 'admin watch off');
  return view(unwatchedText(watch.org), 'good');
}

function statusLine(w: OrgWatch, mine: boolean): string {
  const polled = w.lastPolledAt ? `last read ${whenText(w.lastPolledAt)}` : 'not read yet';
  const event = w.lastEventAt ? `, last event ${whenText(w.lastEventAt)}` : '';
  const error = !w.lastError
    ? ''
    : w.lastError.startsWith(ALERT_ERROR_PREFIX)
      ? ` (last alert not delivered: ${w.lastError.slice(ALERT_ERROR_PREFIX.length)})`
      : ` (last read failed: ${w.lastError})`;
  const who = mine ? 'with your sign-in' : 'with another administrator’s sign-in';
  return `${w.org}: watched since ${formatDate(w.watchedAt)} ${who}, ${polled}${event}${error}`;
}

/** The organisations the caller watches (an administrator's own view). */
export async function adminStatus(deps: AdminDeps, userId: string): Promise<AdminResult> {
  const prefix = deps.prefix ?? 'pat';
  const mine = (await deps.store.admin.list()).filter((w) => w.adminUserId === userId);
  if (mine.length === 0) {
    return view(
      `You don't watch any organisation. Start with \`${prefix} admin watch <org>\` (needs View audit log).`,
    );
  }
  const every = everyText(deps.pollSeconds);
  return view(
    `You watch ${mine.length === 1 ? 'one organisation' : `${mine.length} organisations`}; I read each audit log every ${every}.`,
    'default',
    mine.map((w) => statusLine(w, true)),
  );
}
