/**
 * Signed button values for PAT actions (src/core/action-token.ts does the signing), and the
 * check that a verified value fits the button it came back on.
 */
import { signAction, verifyAction, type ActionPayload } from '../../core/action-token';
import type { Pat } from '../../core/pat';
import { toPatView } from '../../core/pat-view';
import { CodedError } from '../../errors';
import { ACTION } from './action-ids';
import type { PatRow, PatRowActions } from './blocks/pat-row';

export interface SigningContext {
  key: Buffer;
  /** patbot user id of the person the buttons act for. */
  ownerId: string;
  now: Date;
  ttlSeconds: number;
}

function payload(
  ctx: SigningContext,
  pat: Pick<Pat, 'id' | 'org'>,
  v: ActionPayload['v'],
  d?: ActionPayload['d'],
) {
  const p: ActionPayload = {
    v,
    o: ctx.ownerId,
    g: pat.org,
    p: pat.id,
    x: Math.floor(ctx.now.getTime() / 1000) + ctx.ttlSeconds,
  };
  if (d !== undefined) p.d = d;
  return signAction(ctx.key, p);
}

export function patRowActions(ctx: SigningContext, pat: Pick<Pat, 'id' | 'org'>): PatRowActions {
  return {
    renew30: payload(ctx, pat, 'renew', 30),
    renew90: payload(ctx, pat, 'renew', 90),
    renewMax: payload(ctx, pat, 'renew', 'max'),
    renewDate: payload(ctx, pat, 'renew'),
    revoke: payload(ctx, pat, 'confirm_revoke'),
  };
}

/** Reminder buttons: Renew 30 / 90 / longest, Snooze 1 / 3 days. */
export function reminderValues(ctx: SigningContext, pat: Pick<Pat, 'id' | 'org'>) {
  return {
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

/** What each signed button may carry. */
function fits(actionId: string, p: ActionPayload): boolean {
  switch (actionId) {
    case ACTION.renew30:
      return p.v === 'renew' && p.d === 30;
    case ACTION.renew90:
      return p.v === 'renew' && p.d === 90;
    case ACTION.renewMax:
      return p.v === 'renew' && p.d === 'max';
    case ACTION.renewDate:
      return p.v === 'renew' && p.d === undefined;
    case ACTION.confirmRevoke:
      return p.v === 'confirm_revoke' && p.d === undefined;
    case ACTION.cancel:
      return p.v === 'cancel';
    case ACTION.snooze1:
      return p.v === 'snooze' && p.d === 1;
    case ACTION.snooze3:
      return p.v === 'snooze' && p.d === 3;
    default:
      return false;
  }
}

export type CheckedAction = { ok: true; payload: ActionPayload } | { ok: false; error: CodedError };

/**
 * Verifies the value (signature with the current or, during a key rotation, the previous action
 * key; schema; expiry) and that it belongs on `actionId`. Never throws.
 */
export function checkActionValue(
  keys: { actionKey: Buffer; previousActionKey?: Buffer | null },
  actionId: string,
  value: unknown,
  now: Date,
): CheckedAction {
  const verified = verifyAction(keys.actionKey, value, now, keys.previousActionKey ?? null);
  if (!verified.ok) return verified;
  if (!fits(actionId, verified.payload)) {
    return {
      ok: false,
      error: new CodedError(
        'action.tampered',
        "That button's data was changed or is not from me, so I did nothing.",
        {
          nextStep: 'Run the command again, e.g. `/pat list`.',
          details: { reason: 'action mismatch', actionId },
        },
      ),
    };
  }
  return verified;
}
