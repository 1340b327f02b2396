/**
 * The least an inbound Bot Framework activity must hold before botbuilder sees it. botbuilder
 * reads `activity.type`, `conversation.id`, `serviceUrl`, `from` … without checking them, so
 * `{}` or an activity missing its conversation would throw inside the adapter (a 500 and a
 * botbuilder stack in the log). Checked here, it is refused with 400 and a coded body.
 *
 * A hand-written check (it runs on every request): the first field that is not as required, in
 * this order, exactly as the zod schema it replaced reported it (test/channels/teams/activity-shape.test.ts).
 */

export type ActivityVerdict = { ok: true } | { ok: false; field: string };

type Check = (value: unknown) => boolean;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty string of at most `max` UTF-16 units. */
const text =
  (max: number): Check =>
  (v) =>
    typeof v === 'string' && v.length >= 1 && v.length <= max;

const optional =
  (check: Check): Check =>
  (v) =>
    v === undefined || check(v);

/** `{ id: text(max), … }`: reports the object itself, or its `id`. */
function withId(body: Record<string, unknown>, field: string, max: number, required: boolean): string | null {
  const value = body[field];
  if (value === undefined && !required) return null;
  if (!isRecord(value)) return field;
  return text(max)(value.id) ? null : `${field}.id`;
}

const FLAT: [string, Check][] = [
  ['type', text(64)],
  ['serviceUrl', text(2048)],
  ['channelId', optional(text(64))],
];

/** Whether `body` is shaped like an activity; otherwise the first field that is not. */
export function checkActivityShape(body: unknown): ActivityVerdict {
  if (!isRecord(body)) return { ok: false, field: 'activity' };
  for (const [field, check] of FLAT) if (!check(body[field])) return { ok: false, field };
  const nested =
    withId(body, 'conversation', 1024, true) ??
    withId(body, 'from', 1024, true) ??
    withId(body, 'recipient', 1024, false);
  if (nested) return { ok: false, field: nested };
  if (!optional(text(256))(body.name)) return { ok: false, field: 'name' };
  return { ok: true };
}

/** The 400 body for an activity that is not one (a code and a short message, no internals). */
export function badActivityBody(field: string): { error: string; message: string } {
  return {
    error: 'bad_request',
    message: `The request is not a Bot Framework activity (${field.slice(0, 40)} is missing or invalid).`,
  };
}
