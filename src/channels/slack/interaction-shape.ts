/**
 * The least a Slack request body must hold before Bolt sees it. Bolt reads fields such as
 * `body.user.id`, `body.view.app_installed_team_id` or `body.actions[0].action_id` without
 * checking them, so a signed but malformed payload would throw inside Bolt (a 500). Checked
 * here, such a body is refused with 400 instead. Types patbot does not handle pass through
 * (Bolt finds no listener and the receiver answers 404).
 */
import { z } from 'zod';

const id = z.string().min(1).max(255);
const who = z.object({ id });
const team = z.object({ id }).nullable().optional();

const interactivity: Record<string, z.ZodTypeAny> = {
  block_actions: z.object({
    user: who,
    team,
    actions: z.array(z.object({ action_id: id, type: z.string() }).passthrough()).min(1),
    container: z.object({ type: z.string() }).passthrough().optional(),
    channel: z.object({ id }).passthrough().optional(),
    view: z.object({ id }).passthrough().optional(),
    message: z.object({}).passthrough().optional(),
  }),
  shortcut: z.object({ user: who, team, callback_id: id }),
  message_action: z.object({
    user: who,
    team,
    callback_id: id,
    channel: z.object({ id }).passthrough(),
    message: z.object({}).passthrough().optional(),
  }),
  view_submission: z.object({
    user: who,
    team,
    view: z.object({ id, callback_id: z.string() }).passthrough(),
  }),
  view_closed: z.object({ user: who, team, view: z.object({ id, callback_id: z.string() }).passthrough() }),
  block_suggestion: z.object({ user: who, team, action_id: id }),
};

const command = z.object({
  command: z.string().min(1),
  user_id: id,
  team_id: id,
  text: z.string().optional(),
});
const eventCallback = z.object({
  team_id: id.optional(),
  event: z.object({ type: z.string() }).passthrough(),
});

export type ShapeVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Checks a parsed request body (Bolt's parse: the decoded `payload` for interactivity, the form
 * fields of a slash command, the JSON of an event).
 */
export function checkSlackBody(body: Record<string, unknown>): ShapeVerdict {
  const type = body.type;
  const schema = typeof type === 'string' ? interactivity[type] : undefined;
  if (schema)
    return schema.safeParse(body).success ? { ok: true } : { ok: false, reason: `malformed ${type}` };
  if ('command' in body)
    return command.safeParse(body).success ? { ok: true } : { ok: false, reason: 'malformed command' };
  if (type === 'event_callback')
    return eventCallback.safeParse(body).success
      ? { ok: true }
      : { ok: false, reason: 'malformed event_callback' };
  return { ok: true };
}
