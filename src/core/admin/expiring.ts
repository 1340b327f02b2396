/**
 * `pat admin expiring <org> [days]`: every user's PATs that expire within the window, read with
 * Token Admin over the organisation's Graph users, grouped by owner (soonest first), owners who
 * have left the organisation flagged. Reads run a few at a time (the 200 TSTU / 5 min budget is
 * per identity); the transport honours Retry-After and the X-RateLimit headers. One run per
 * organisation at a time (expiring-run.ts); at most EXPIRING_MAX_USERS people are read, and the
 * answer says when it is partial.
 */
import { asCodedError } from '../../errors';
import { mapPool } from '../concurrency-pool';
import { formatDate, formatRelative } from '../format-date';
import { formatNumber } from '../format-number';
import { adminAccess } from './admin-access';
import type { AdminDeps } from './admin-deps';
import { expiringBusyText, expiringRefusedText } from './admin-text';
import { withExpiringRun } from './expiring-run';
import { view, type AdminResult } from './admin-view';
import type { AdminPat, OrgUser } from './org-admin-api';

export const EXPIRING_DEFAULT_DAYS = 14;
export const EXPIRING_MAX_DAYS = 365;
const DAY_MS = 86_400_000;
const DEFAULT_CONCURRENCY = 4;
/** People whose PATs one run reads at most (Graph order); the answer says it is partial. */
export const EXPIRING_MAX_USERS = 2000;
/** PAT lines shown at most by the command (the rest is counted: "…and N more PATs"). */
export const EXPIRING_MAX_LINES = 50;

/** Reads done so far of how many (one per person), for a progress message on long runs. */
export type ExpiringProgress = (done: number, total: number) => void;

export interface ExpiringOptions {
  /** PAT lines shown at most; the rest becomes "…and N more PATs". */
  maxLines?: number;
  onProgress?: ExpiringProgress;
}

/** The first `max` lines, the last one saying how many more there were. */
export function cutLines(lines: readonly string[], max: number, noun: string): string[] {
  if (lines.length <= max) return [...lines];
  const kept = Math.max(0, max - 1);
  return [...lines.slice(0, kept), `…and ${lines.length - kept} more ${noun}`];
}

interface OwnerPats {
  user: OrgUser;
  pats: AdminPat[];
}

function ownerLines(owner: OwnerPats, now: Date): string[] {
  const who = `${owner.user.principalName}${owner.user.departed ? ' (left the organisation)' : ''}`;
  return owner.pats.map(
    (p) => `${who}: "${p.name}" expires ${formatDate(p.validTo)} (${formatRelative(p.validTo, now)})`,
  );
}

function partialText(read: number, total: number): string {
  if (read >= total) return '';
  return ` This list is partial: I read the PATs of the first ${formatNumber(read)} of ${formatNumber(total)} people (the most one run reads).`;
}

async function readAll(
  deps: AdminDeps,
  ctx: { org: string; accessToken: string },
  users: OrgUser[],
  onProgress?: ExpiringProgress,
): Promise<{ owners: OwnerPats[]; failed: number; refused: boolean }> {
  let failed = 0;
  let refused = false;
  let done = 0;
  onProgress?.(0, users.length);
  const lists = await mapPool(users, deps.concurrency ?? DEFAULT_CONCURRENCY, async (user) => {
    try {
      return { user, pats: await deps.api.listUserPats(ctx, user.descriptor) };
    } catch (e) {
      const code = asCodedError(e).code;
      if (code === 'ado.unauthorized' || code === 'ado.forbidden' || code === 'ado.not_member')
        refused = true;
      failed++;
      return { user, pats: [] };
    } finally {
      done++;
      onProgress?.(done, users.length);
    }
  });
  return { owners: lists, failed, refused };
}

export async function adminExpiring(
  deps: AdminDeps,
  userId: string,
  org: string,
  days: number,
  options: ExpiringOptions = {},
): Promise<AdminResult> {
  const access = await adminAccess(deps, userId, org);
  if (access.kind === 'auth' || access.kind === 'failed') return access;
  if (access.kind === 'refused') return view(expiringRefusedText(org), 'attention');
  const run = await withExpiringRun(deps, org, () => expiringView(deps, access.ctx, org, days, options));
  return run.kind === 'ran'
    ? run.value
    : view(expiringBusyText(org, run.startedAt, deps.prefix ?? 'pat'), 'attention');
}

async function expiringView(
  deps: AdminDeps,
  ctx: { org: string; accessToken: string },
  org: string,
  days: number,
  options: ExpiringOptions,
): Promise<AdminResult> {
  const now = deps.clock.now();
  const until = now.getTime() + days * DAY_MS;
  let all: OrgUser[];
  try {
    all = await deps.api.listUsers(ctx);
  } catch (e) {
    return { kind: 'failed', error: asCodedError(e) };
  }
  const users = all.slice(0, deps.expiringMaxUsers ?? EXPIRING_MAX_USERS);
  const { owners, failed, refused } = await readAll(deps, ctx, users, options.onProgress);
  if (refused && owners.every((o) => o.pats.length === 0)) return view(expiringRefusedText(org), 'attention');
  const due = owners
    .map((o) => ({
      user: o.user,
      pats: o.pats
        .filter((p) => p.isValid && p.validTo.getTime() > now.getTime() && p.validTo.getTime() <= until)
        .sort((a, b) => a.validTo.getTime() - b.validTo.getTime()),
    }))
    .filter((o) => o.pats.length > 0)
    .sort((a, b) => a.pats[0].validTo.getTime() - b.pats[0].validTo.getTime());
  const count = due.reduce((n, o) => n + o.pats.length, 0);
  const departed = due.filter((o) => o.user.departed).length;
  const unread =
    (failed > 0 ? ` I couldn't read ${failed} of ${users.length} people's PATs; try again later.` : '') +
    partialText(users.length, all.length);
  if (count === 0) {
    return view(
      `No PAT in ${org} expires in the next ${days} days (${users.length} people checked).${unread}`,
      unread ? 'warning' : 'good',
    );
  }
  const left =
    departed > 0
      ? ` ${departed === 1 ? 'One owner has' : `${departed} owners have`} left the organisation.`
      : '';
  const lines = cutLines(
    due.flatMap((o) => ownerLines(o, now)),
    options.maxLines ?? EXPIRING_MAX_LINES,
    'PATs',
  );
  return view(
    `${count === 1 ? 'One PAT' : `${count} PATs`} in ${org} ${count === 1 ? 'expires' : 'expire'} in the next ${days} days, ${due.length === 1 ? 'one owner' : `${due.length} owners`}.${left}${unread}`,
    departed > 0 || unread ? 'warning' : 'default',
    lines,
  );
}
