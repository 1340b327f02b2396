/**
 * Tamper-proof values for card and button actions: `base64url(JSON payload) + "." +
 * base64url(HMAC-SHA256)`. A channel signs what a button will do, for whom and until when; when
 * the button comes back it verifies the value before acting (and checks `o` is the clicker).
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { CodedError } from '../errors';
import { commandText } from './messages';
import { isCalendarDate, ORG_NAME } from './commands/command-values';

/**
 * What a button may ask for. `row`: one value for every action on a PAT's row (ROW_ACTIONS).
 * `recreate` / `rotate`: open the dialog or modal that creates a replacement; `remind_revoke`:
 * Rotate's "remind me to revoke the old one" (`d` = days); `replace_all`: Replace all, for the
 * dead all-organisations PATs (`p` = `all`).
 */
export const ACTION_VERBS = [
  'renew',
  'revoke',
  'confirm_revoke',
  'cancel',
  'snooze',
  'list',
  'row',
  'recreate',
  'rotate',
  'remind_revoke',
  'replace_all',
] as const;
export type ActionVerb = (typeof ACTION_VERBS)[number];

/**
 * The actions a row value (`v: 'row'`) stands for: the one place that lists what a PAT's row
 * offers (a list card's row, a Slack list row). A row carries one signed value; the button it
 * came back on says which of these to do. Revoke here only asks (Teams) or follows Slack's own
 * confirm dialog: Teams' "Yes, revoke" carries its own `confirm_revoke` value. Create
 * replacement / Rotate open the dialog that creates a new PAT (Teams task modules).
 */
export const ROW_ACTIONS: readonly ActionVerb[] = ['renew', 'revoke', 'recreate', 'rotate'];

/** Slack limits a button `value` to 2,000 characters. */
export const MAX_ACTION_LENGTH = 2000;
const MIN_KEY_BYTES = 32;
const SIGNATURE_LENGTH = 43; // base64url of 32 bytes, no padding
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** A view id (`w`): which stored list a row value came from. */
const VIEW_ID = /^[A-Za-z0-9_-]{1,32}$/;
const KEYS = new Set(['v', 'o', 'g', 'p', 'x', 'd', 'w']);
const VERB_SET: ReadonlySet<string> = new Set(ACTION_VERBS);

export interface ActionPayload {
  /** Verb. */
  v: ActionVerb;
  /** patbot user id of the person the button acts for (1–200 characters). */
  o: string;
  /** Organisation. */
  g: string;
  /** PAT id (1–100 characters). */
  p: string;
  /** Expiry, epoch seconds. */
  x: number;
  /** Renewal length or snooze days: days (1–365), `max`, or `yyyy-mm-dd`. */
  d?: number | 'max' | string;
  /** The stored list view the row was shown in (Teams), so a click can patch that list. */
  w?: string;
}

export type VerifyResult = { ok: true; payload: ActionPayload } | { ok: false; error: CodedError };

function isDuration(d: unknown): boolean {
  if (typeof d === 'number') return Number.isInteger(d) && d >= 1 && d <= 365;
  return d === 'max' || (typeof d === 'string' && isCalendarDate(d));
}

function boundedString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= max;
}

/**
 * The payload's one check, by hand (no schema library on the hot path: every list row is signed):
 * exactly the known keys, each of its type and range. Returns what is wrong, or null.
 */
export function payloadProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an object';
  const p = value as Record<string, unknown>;
  for (const key of Object.keys(p)) if (!KEYS.has(key)) return `${key}: not allowed`;
  if (typeof p.v !== 'string' || !VERB_SET.has(p.v)) return 'v: not a verb';
  if (!boundedString(p.o, 200)) return 'o: not an owner id';
  if (typeof p.g !== 'string' || !ORG_NAME.test(p.g)) return 'g: not an organisation';
  if (!boundedString(p.p, 100)) return 'p: not a PAT id';
  if (typeof p.x !== 'number' || !Number.isInteger(p.x) || p.x <= 0) return 'x: not an expiry';
  if (p.d !== undefined && !isDuration(p.d)) return 'd: not a duration';
  if (p.w !== undefined && (typeof p.w !== 'string' || !VIEW_ID.test(p.w))) return 'w: not a view id';
  return null;
}

/** The payload with its keys in one order, so one payload always gives one value. */
function canonical(p: ActionPayload): ActionPayload {
  const out: ActionPayload = { v: p.v, o: p.o, g: p.g, p: p.p, x: p.x };
  if (p.d !== undefined) out.d = p.d;
  if (p.w !== undefined) out.w = p.w;
  return out;
}

/** Derives a dedicated action-signing key from a master secret (e.g. the token cache key). */
export function deriveActionKey(master: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'patbot action tokens v1', 32));
}

function mac(key: Buffer, body: string): Buffer {
  return createHmac('sha256', key).update(body).digest();
}

function checkKey(key: Buffer): void {
  if (!Buffer.isBuffer(key) || key.length < MIN_KEY_BYTES) {
    throw new CodedError('internal', 'The action signing key is too short.', {
      nextStep: `Configure a key of at least ${MIN_KEY_BYTES} random bytes.`,
    });
  }
}

/**
 * Signs an action. Throws `internal` for a key under 32 bytes and `input.invalid` for a payload
 * that fails `payloadProblem` or would exceed 2,000 characters (programming errors, not user input).
 */
export function signAction(key: Buffer, payload: ActionPayload): string {
  checkKey(key);
  const problem = payloadProblem(payload);
  if (problem) {
    throw new CodedError('input.invalid', 'That action cannot be signed.', {
      nextStep: 'Fix the action payload.',
      details: { issues: [problem] },
    });
  }
  const body = Buffer.from(JSON.stringify(canonical(payload)), 'utf8').toString('base64url');
  const value = `${body}.${mac(key, body).toString('base64url')}`;
  if (value.length > MAX_ACTION_LENGTH) {
    throw new CodedError('input.invalid', 'That action is too long to put on a button.', {
      nextStep: 'Shorten the payload.',
      details: { length: value.length },
    });
  }
  return value;
}

function tampered(reason: string): VerifyResult {
  return {
    ok: false,
    error: new CodedError(
      'action.tampered',
      "That button's data was changed or is not from me, so I did nothing.",
      {
        nextStep: (p) => `Run the command again, e.g. ${commandText(p, 'list')}.`,
        details: { reason },
      },
    ),
  };
}

/** True when `given` is the MAC of `body` under `key` (constant-time). */
function macMatches(key: Buffer, body: string, given: Buffer): boolean {
  const expected = mac(key, body);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Verifies an action value at `now`: signature first (constant-time), then the schema, then the
 * expiry. During a key rotation `previousKey` (derived from TOKEN_CACHE_KEY_PREVIOUS) is also
 * accepted, so buttons issued before the rotation keep working until they expire; values are
 * only ever signed with the current key. Never throws for any `value`.
 */
export function verifyAction(
  key: Buffer,
  value: unknown,
  now: Date,
  previousKey: Buffer | null = null,
): VerifyResult {
  checkKey(key);
  if (previousKey) checkKey(previousKey);
  if (typeof value !== 'string' || value.length > MAX_ACTION_LENGTH) return tampered('shape');
  const dot = value.lastIndexOf('.');
  if (dot <= 0) return tampered('shape');
  const body = value.slice(0, dot);
  const sig = value.slice(dot + 1);
  if (sig.length !== SIGNATURE_LENGTH || !BASE64URL.test(sig) || !BASE64URL.test(body)) {
    return tampered('shape');
  }
  const given = Buffer.from(sig, 'base64url');
  if (!macMatches(key, body, given) && !(previousKey && macMatches(previousKey, body, given))) {
    return tampered('signature');
  }
  // Reject non-canonical base64url (e.g. different trailing bits) so one payload has one value.
  if (given.toString('base64url') !== sig) return tampered('signature');
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return tampered('json');
  }
  if (payloadProblem(json) !== null) return tampered('schema');
  const payload = json as ActionPayload;
  if (payload.x * 1000 <= now.getTime()) {
    return {
      ok: false,
      error: new CodedError('action.expired', 'That button has expired.', {
        nextStep: (p) => `Run the command again, e.g. ${commandText(p, 'list')}, for fresh buttons.`,
        details: { expiredAt: new Date(payload.x * 1000).toISOString() },
      }),
    };
  }
  return { ok: true, payload };
}

/**
 * How long every button value stays valid, in Teams and in Slack alike: 14 days. Reminder cards
 * are sent up to 14 days before a PAT expires and people press Renew on them days later; a
 * value still works only for the person it was made for (see `authorizeAction`), so a longer
 * life adds no reach to a leaked value beyond its owner. See docs/security.md.
 */
export const ACTION_TTL_SECONDS = 14 * 86_400;

/** The current action key and, during a key rotation, the previous one (verify only). */
export interface ActionKeys {
  key: Buffer;
  previousKey?: Buffer | null;
}

/** Signs `payload` with the current key, valid for ACTION_TTL_SECONDS from `now`. */
export function issueAction(keys: ActionKeys, payload: Omit<ActionPayload, 'x'>, now: Date): string {
  return signAction(keys.key, { ...payload, x: Math.floor(now.getTime() / 1000) + ACTION_TTL_SECONDS });
}

export type ActionRefusal = 'tampered' | 'expired' | 'not_owner' | 'wrong_verb';

export interface AuthorizeOptions {
  /** patbot user id of the person who pressed the button. */
  actorId: string;
  /** The verb(s) the button it came back on may carry. */
  expectedVerb: ActionVerb | readonly ActionVerb[];
  /** When set, the value's `d` must be exactly this (`null`: no `d`). */
  expectedDuration?: ActionPayload['d'] | null;
  now: Date;
  keys: ActionKeys;
  /** How people type commands here (`pat` in Teams, `/pat` in Slack), for the next step. */
  prefix?: string;
}

export type AuthorizeResult =
  | { ok: true; payload: ActionPayload }
  /** `payload` is there once the signature held (e.g. to name the owner for `not_owner`). */
  | { ok: false; reason: ActionRefusal; error: CodedError; payload?: ActionPayload };

function refusal(
  reason: ActionRefusal,
  prefix: string,
  payload?: ActionPayload,
  detail?: string,
): AuthorizeResult {
  const nextStep =
    reason === 'expired'
      ? `Run the command again, e.g. \`${prefix} list\`, for fresh buttons.`
      : `Run the command again, e.g. \`${prefix} list\`.`;
  const error =
    reason === 'expired'
      ? new CodedError('action.expired', 'That button has expired.', { nextStep })
      : reason === 'not_owner'
        ? new CodedError('action.not_owner', 'That button is not yours, so I did nothing.', { nextStep })
        : new CodedError(
            'action.tampered',
            "That button's data was changed or is not from me, so I did nothing.",
            {
              nextStep,
              details: { reason: detail ?? reason },
            },
          );
  return { ok: false, reason, error, ...(payload ? { payload } : {}) };
}

/**
 * The verb a value is accepted for on a button expecting `verbs`: its own, or, for a row value,
 * the row action the button stands for (null: it does not belong on that button).
 */
function acceptedVerb(signed: ActionVerb, verbs: readonly ActionVerb[]): ActionVerb | null {
  if (verbs.includes(signed)) return signed;
  if (signed !== 'row') return null;
  return verbs.find((v) => ROW_ACTIONS.includes(v)) ?? null;
}

/**
 * The one check of a button value, for every channel: signature (current or previous key),
 * schema and expiry (`verifyAction`), then that it belongs on the button it came back on (verb
 * and, when asked, duration; a row value fits every ROW_ACTIONS button), then that the presser is
 * the person it was made for. On success (and for `not_owner`) `payload.v` is the verb it was
 * accepted for: a row value's `row` becomes the button's action. Never throws.
 */
export function authorizeAction(value: unknown, options: AuthorizeOptions): AuthorizeResult {
  const prefix = options.prefix ?? 'pat';
  const verified = verifyAction(options.keys.key, value, options.now, options.keys.previousKey ?? null);
  if (!verified.ok) {
    const reason = verified.error.code === 'action.expired' ? 'expired' : 'tampered';
    return refusal(reason, prefix, undefined, String(verified.error.details.reason ?? reason));
  }
  const verbs: readonly ActionVerb[] =
    typeof options.expectedVerb === 'string' ? [options.expectedVerb] : options.expectedVerb;
  const verb = acceptedVerb(verified.payload.v, verbs);
  const durationFits =
    options.expectedDuration === undefined || (verified.payload.d ?? null) === options.expectedDuration;
  if (!verb || !durationFits) return refusal('wrong_verb', prefix, undefined, 'action mismatch');
  const payload = verb === verified.payload.v ? verified.payload : { ...verified.payload, v: verb };
  if (payload.o !== options.actorId) return refusal('not_owner', prefix, payload);
  return { ok: true, payload };
}
