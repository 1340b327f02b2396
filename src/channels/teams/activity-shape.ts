/**
 * The least an inbound Bot Framework activity must hold before botbuilder sees it. botbuilder
 * reads `activity.type`, `conversation.id`, `serviceUrl`, `from` … without checking them, so
 * `{}` or an activity missing its conversation would throw inside the adapter (a 500 and a
 * botbuilder stack in the log). Checked here, it is refused with 400 and a coded body.
 */
import { z } from 'zod';

const text = (max: number) => z.string().min(1).max(max);

const activityShape = z
  .object({
    type: text(64),
    serviceUrl: text(2048),
    channelId: text(64).optional(),
    conversation: z.object({ id: text(1024) }).passthrough(),
    from: z.object({ id: text(1024) }).passthrough(),
    recipient: z
      .object({ id: text(1024) })
      .passthrough()
      .optional(),
    name: text(256).optional(),
  })
  .passthrough();

export type ActivityVerdict = { ok: true } | { ok: false; field: string };

/** Whether `body` is shaped like an activity; otherwise the first field that is not. */
export function checkActivityShape(body: unknown): ActivityVerdict {
  const parsed = activityShape.safeParse(body);
  if (parsed.success) return { ok: true };
  const issue = parsed.error.issues[0];
  return { ok: false, field: issue?.path.join('.') || 'activity' };
}

/** The 400 body for an activity that is not one (a code and a short message, no internals). */
export function badActivityBody(field: string): { error: string; message: string } {
  return {
    error: 'bad_request',
    message: `The request is not a Bot Framework activity (${field.slice(0, 40)} is missing or invalid).`,
  };
}
