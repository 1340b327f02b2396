/**
 * Card action data: what a button carries, validated with a schema, plus the signed action value
 * (core `signAction`: HMAC over verb, owner, org, PAT id and expiry) that proves patbot made it.
 */
import { z } from 'zod';
import {
  authorizeAction,
  issueAction,
  type ActionPayload,
  type ActionVerb,
  type AuthorizeResult,
} from '../../core/action-token';

/** `Action.Execute` data as it comes back (Teams merges card inputs into it). */
export const cardDataSchema = z
  .object({
    /** The signed action value. */
    t: z.string().min(1).max(2000),
    /** Renew length chosen on the card. */
    d: z.enum(['30', '90', 'max', 'date']).optional(),
    /** List: first row to show (a later page). */
    from: z.number().int().min(0).max(100_000).optional(),
    /** List: how many rows to show. */
    shown: z.number().int().min(1).max(100_000).optional(),
    /** Snooze: the PAT's name, only echoed back to its owner (the signed value names the PAT). */
    n: z.string().max(256).optional(),
  })
  .passthrough();

export type CardData = z.infer<typeof cardDataSchema>;

/** The `p` of list actions: every organisation of the owner. */
export const ALL_PATS = 'all';

export interface ActionSigner {
  /** Signs with the current key, valid for the core's one ACTION_TTL_SECONDS. */
  sign(payload: Omit<ActionPayload, 'x'>): string;
  /** The core's one check (`authorizeAction`) for the person who pressed the button. */
  authorize(value: unknown, actorId: string, expectedVerb: ActionVerb): AuthorizeResult;
}

/** Signs with `key`; checks with `key` or, during a key rotation, `previousKey`. */
export function actionSigner(key: Buffer, now: () => Date, previousKey: Buffer | null = null): ActionSigner {
  const keys = { key, previousKey };
  return {
    sign: (payload) => issueAction(keys, payload, now()),
    authorize: (value, actorId, expectedVerb) =>
      authorizeAction(value, { actorId, expectedVerb, now: now(), keys, prefix: 'pat' }),
  };
}
