/**
 * Signed button values for PAT actions (src/core/action-token.ts signs and checks them), and
 * what each Slack button may carry.
 */
import {
  authorizeAction,
  issueAction,
  type ActionKeys,
  type ActionPayload,
  type AuthorizeResult,
} from '../../core/action-token';
import { isDeadGlobal } from '../../core/dead-globals';
import type { Pat } from '../../core/pat';
import { toPatView } from '../../core/pat-view';
import { ACTION } from './action-ids';
import type { PatRow } from './blocks/pat-row';

export interface SigningContext {
  key: Buffer;
  /** patbot user id of the person the buttons act for. */
  ownerId: string;
  now: Date;
  /** What the one-click Renew asks for (RENEW_DEFAULT_DAYS). */
  renewDays: number;
}

function payload(
  ctx: SigningContext,
  pat: Pick<Pat, 'id' | 'org'>,
  v: ActionPayload['v'],
  d?: ActionPayload['d'],
) {
  const p: Omit<ActionPayload, 'x'> = { v, o: ctx.ownerId, g: pat.org, p: pat.id };
  if (d !== undefined) p.d = d;
  return issueAction({ key: ctx.key }, p, ctx.now);
}

/** One signed value for `pat` (Create replacement / Rotate, Rotate's revoke and remind choices). */
export function signedValue(
  ctx: SigningContext,
  pat: Pick<Pat, 'id' | 'org'>,
  v: ActionPayload['v'],
  d?: ActionPayload['d'],
): string {
  return payload(ctx, pat, v, d);
}

/** The PAT id Replace all's value carries (it is about all the dead all-organisations PATs). */
export const ALL_PATS = 'all';

/** Replace all's signed value (verb `replace_all`), for the person's dead all-organisations PATs. */
export function replaceAllValue(ctx: SigningContext, orgs: readonly string[]): string {
  return payload(ctx, { id: ALL_PATS, org: orgs[0] ?? 'none' }, 'replace_all');
}

/** A row's one signed value: every row action (core ROW_ACTIONS) carries it. */
export function patRowValue(ctx: SigningContext, pat: Pick<Pat, 'id' | 'org'>): string {
  return payload(ctx, pat, 'row');
}

/** A one-click Renew (the default length; Other… asks for another) outside a list, e.g. a digest. */
export function renewValue(ctx: SigningContext, pat: Pick<Pat, 'id' | 'org'>): string {
  return payload(ctx, pat, 'renew');
}

/** Reminder buttons: the row value (Renew, Other…, Rotate or Create replacement), Snooze 1 / 3 days. */
export function reminderValues(ctx: SigningContext, pat: Pick<Pat, 'id' | 'org'>) {
  return {
    row: patRowValue(ctx, pat),
    snooze1: payload(ctx, pat, 'snooze', 1),
    snooze3: payload(ctx, pat, 'snooze', 3),
    renewDays: ctx.renewDays,
  };
}

export function revokeQuestionValues(
  ctx: SigningContext,
  pat: Pick<Pat, 'id' | 'org'>,
): { confirm: string; cancel: string } {
  return { confirm: payload(ctx, pat, 'confirm_revoke'), cancel: payload(ctx, pat, 'cancel') };
}

/**
 * PAT rows (views in the user's zone plus signed buttons) in the given order, except that the
 * dead all-organisations PATs come first (the list shows them under their own heading).
 */
export function patRows(ctx: SigningContext, pats: readonly Pat[], timeZone: string | null): PatRow[] {
  const rows = pats.map((pat) => patRow(ctx, pat, timeZone));
  return [...rows.filter((r) => isDeadGlobal(r.view)), ...rows.filter((r) => !isDeadGlobal(r.view))];
}

/** One PAT row: its view in the user's zone, its one signed value, the one-click length. */
export function patRow(ctx: SigningContext, pat: Pat, timeZone: string | null): PatRow {
  return {
    view: toPatView(pat, ctx.now, timeZone),
    value: patRowValue(ctx, pat),
    renewDays: ctx.renewDays,
  };
}

type Expected = {
  verb: ActionPayload['v'] | readonly ActionPayload['v'][];
  duration: ActionPayload['d'] | null | undefined;
};

/**
 * What each signed button may carry (`duration` undefined: any). A row value fits every row
 * action; the old fixed-length buttons stay valid for messages posted before one-click Renew.
 */
const EXPECTED: Record<string, Expected> = {
  [ACTION.renew]: { verb: 'renew', duration: null },
  [ACTION.renewOther]: { verb: 'renew', duration: null },
  [ACTION.renew30]: { verb: 'renew', duration: 30 },
  [ACTION.renew90]: { verb: 'renew', duration: 90 },
  [ACTION.renewMax]: { verb: 'renew', duration: 'max' },
  [ACTION.renewDate]: { verb: 'renew', duration: null },
  // A list row's Revoke (after Slack's confirm dialog) or the question's Revoke.
  [ACTION.confirmRevoke]: { verb: ['confirm_revoke', 'revoke'], duration: null },
  [ACTION.cancel]: { verb: 'cancel', duration: undefined },
  [ACTION.snooze1]: { verb: 'snooze', duration: 1 },
  [ACTION.snooze3]: { verb: 'snooze', duration: 3 },
  [ACTION.recreate]: { verb: 'recreate', duration: null },
  [ACTION.rotate]: { verb: 'rotate', duration: null },
  [ACTION.recreateIn]: { verb: 'recreate', duration: null },
  [ACTION.replaceAll]: { verb: 'replace_all', duration: null },
  [ACTION.replaceAllStep]: { verb: 'replace_all', duration: null },
  [ACTION.rotateRevoke]: { verb: 'confirm_revoke', duration: null },
  [ACTION.rotateRemind]: { verb: 'remind_revoke', duration: undefined },
};

/**
 * The core's one check (`authorizeAction`: signature with the current or previous key, schema,
 * expiry, the button's verb and length, the presser is the owner) for a Slack button. Never throws.
 */
export function authorizeButton(
  keys: { actionKey: Buffer; previousActionKey?: Buffer | null },
  actionId: string,
  value: unknown,
  actor: { actorId: string; now: Date; prefix: string },
): AuthorizeResult {
  const expected = EXPECTED[actionId] ?? { verb: [] as const, duration: undefined };
  const actionKeys: ActionKeys = { key: keys.actionKey, previousKey: keys.previousActionKey ?? null };
  return authorizeAction(value, {
    actorId: actor.actorId,
    expectedVerb: expected.verb,
    expectedDuration: expected.duration,
    now: actor.now,
    keys: actionKeys,
    prefix: actor.prefix,
  });
}
