/**
 * Admin rights are re-checked by every poll: Azure DevOps refusing the audit read
 * ADMIN_DENIED_LIMIT times in a row (ado.forbidden / ado.unauthorized) means the administrator
 * lost "View audit log" or their sign-in no longer works there. The watch then stops and the
 * administrator is told why and how to turn it on again. The count lives in the shared
 * EphemeralStore, so it survives a restart and is the same on every instance.
 */
import type { AdminDeps } from './admin-deps';
import type { OrgWatch } from './admin-store';
import { lostAccessText } from './admin-text';

/** Refused polls in a row before the watch stops. */
export const ADMIN_DENIED_LIMIT = 3;
/** A refusal older than this is forgotten (polls run every few minutes). */
const DENIED_MEMORY_MS = 7 * 86_400_000;
/** `lastError` prefix of a delivery failure (not a failed read). */
export const ALERT_ERROR_PREFIX = 'alert:';
const DENIED = new Set(['ado.forbidden', 'ado.unauthorized']);

const deniedKey = (org: string): string => `admin-watch:denied:${org.toLowerCase()}`;

/**
 * The watch's `lastError` after a poll that read its window: this poll's last delivery failure;
 * else an earlier one stays until an alert goes out again (a dropped alert is not retried, so
 * nothing else would show it); a read error of an earlier poll is cleared.
 */
export function deliveryErrorCode(watch: OrgWatch, code: string | null, sent: number): string | null {
  if (code) return `${ALERT_ERROR_PREFIX}${code}`;
  const earlier = watch.lastError?.startsWith(ALERT_ERROR_PREFIX) ? watch.lastError : null;
  return sent > 0 ? null : earlier;
}

export async function accessRestored(deps: AdminDeps, watch: OrgWatch): Promise<void> {
  await deps.store.ephemeral.delete(deniedKey(watch.org));
}

/** Counts a refused poll; at the limit, stops the watch and tells the administrator. */
export async function accessDenied(deps: AdminDeps, watch: OrgWatch, code: string): Promise<void> {
  const key = deniedKey(watch.org);
  if (!DENIED.has(code)) return;
  const now = deps.clock.now();
  const count = Number((await deps.store.ephemeral.get(key, now)) ?? '0') + 1;
  if (count < ADMIN_DENIED_LIMIT) {
    await deps.store.ephemeral.put(key, String(count), new Date(now.getTime() + DENIED_MEMORY_MS), now);
    return;
  }
  await deps.store.ephemeral.delete(key);
  await deps.store.admin.unwatch(watch.org);
  deps.logger.warn({ org: watch.org, code, polls: count }, 'admin watch stopped: audit log read refused');
  const text = lostAccessText(watch.org, count, deps.prefix ?? 'pat');
  try {
    const sent = await deps.notifier.sendAdminDirect?.(watch.adminUserId, {
      kind: 'admin-notice',
      title: `Stopped watching ${watch.org}`,
      lines: [text],
      text,
    });
    if (sent && !sent.ok)
      deps.logger.warn({ org: watch.org, code: sent.error.code }, 'watch-stopped notice not delivered');
  } catch (e) {
    deps.logger.warn({ org: watch.org, err: String(e) }, 'watch-stopped notice not delivered');
  }
}
