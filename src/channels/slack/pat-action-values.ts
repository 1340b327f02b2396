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
import type { Pat } from '../../core/pat';
import { patStatus } from '../../core/pat-status';
import { toPatView } from '../../core/pat-view';
import { ACTION } from './action-ids';
import type { PatRow, PatRowActions } from './blocks/pat-row';

export interface SigningContext {
  key: Buffer;
  /** patbot user id of the person the buttons act for. */
  ownerId: string;
  now: Date;
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

/** One signed value for `pat` (e.g. Create replacement / Rotate, Rotate's revoke and remind choices). */
export function signedValue(
  ctx: SigningContext,
  pat: Pick<Pat, 'id' | 'org'>,
  v: ActionPayload['v'],
  d?: ActionPayload['d'],
): string {
  return payload(ctx, pat, v, d);
}

/** Create replacement for a PAT that no longer works (expired, dead global, revoked), else Rotate. */
function replaceMode(
  pat: Pick<Pat, 'id' | 'org'> & Partial<Pick<Pat, 'validTo' | 'targetAccounts' | 'revoked'>>,
  now: Date,
) {
  if (pat.validTo === undefined) return 'recreate' as const;
  const status = patStatus(
    { validTo: pat.validTo, targetAccounts: pat.targetAccounts ?? [], revoked: pat.revoked },
    now,
  );
  return status === 'expired' || status === 'revoked' ? ('recreate' as const) : ('rotate' as const);
}

export function patRowActions(
  ctx: SigningContext,
  pat: Pick<Pat, 'id' | 'org'> & Partial<Pick<Pat, 'validTo' | 'targetAccounts' | 'revoked'>>,
): PatRowActions {
  const mode = replaceMode(pat, ctx.now);
  return {
    renew30: payload(ctx, pat, 'renew', 30),
    renew90: payload(ctx, pat, 'renew', 90),
    renewMax: payload(ctx, pat, 'renew', 'max'),
    renewDate: payload(ctx, pat, 'renew'),
    revoke: payload(ctx, pat, 'confirm_revoke'),
    replace: { mode, value: payload(ctx, pat, mode) },
  };
}

/** Reminder buttons: Renew 30 / 90 / longest, Rotate or Create replacement, Snooze 1 / 3 days. */
export function reminderValues(ctx: SigningContext, pat: Pick<Pat, 'id' | 'org'>, renewable = true) {
  const mode = renewable ? ('rotate' as const) : ('recreate' as const);
  return {
    replace: { mode, value: payload(ctx, pat, mode) },
    renew30: payload(ctx, pat, 'renew', 30),
    renew90: payload(ctx, pat, 'renew', 90),
    renewMax: payload(ctx, pat, 'renew', 'max'),
    snooze1: payload(ctx, pat, 'snooze', 1),
    snooze3: payload(ctx, pat, 'snooze', 3),
  };
}

export function revokeQuestionValues(
  ctx: SigningContext,
  pat: Pick<Pat, 'id' | 'org'>,
): { confirm: string; cancel: string } {
  return { confirm: payload(ctx, pat, 'confirm_revoke'), cancel: payload(ctx, pat, 'cancel') };
}

/** PAT rows (views in the user's zone plus signed buttons) in the given order. */
export function patRows(ctx: SigningContext, pats: readonly Pat[], timeZone: string | null): PatRow[] {
  return pats.map((pat) => ({ view: toPatView(pat, ctx.now, timeZone), actions: patRowActions(ctx, pat) }));
}

type Expected = { verb: ActionPayload['v']; duration: ActionPayload['d'] | null | undefined };

/** What each signed button may carry (`duration` undefined: any). */
const EXPECTED: Record<string, Expected> = {
  [ACTION.renew30]: { verb: 'renew', duration: 30 },
  [ACTION.renew90]: { verb: 'renew', duration: 90 },
  [ACTION.renewMax]: { verb: 'renew', duration: 'max' },
  [ACTION.renewDate]: { verb: 'renew', duration: null },
  [ACTION.confirmRevoke]: { verb: 'confirm_revoke', duration: null },
  [ACTION.cancel]: { verb: 'cancel', duration: undefined },
  [ACTION.snooze1]: { verb: 'snooze', duration: 1 },
  [ACTION.snooze3]: { verb: 'snooze', duration: 3 },
  [ACTION.recreate]: { verb: 'recreate', duration: null },
  [ACTION.rotate]: { verb: 'rotate', duration: null },
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
