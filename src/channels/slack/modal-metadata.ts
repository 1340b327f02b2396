/**
 * What the renew modal carries in `private_metadata` (≤ 3,000 chars, echoed by Slack on submit):
 * the signed renew action (verified again on submit) and where to show the result.
 */
import { z } from 'zod';

const schema = z
  .object({
    /** Signed action value (verb `renew`, no duration). */
    a: z.string().min(1).max(2000),
    /** The `response_url` of the message the button was on. */
    r: z
      .string()
      .max(600)
      .regex(/^https?:\/\/[^\s]+$/)
      .optional(),
    /** True when the button was on the Home tab. */
    h: z.boolean().optional(),
    /** False when the message the button was on must not be replaced (a channel message). */
    e: z.boolean().optional(),
  })
  .strict();

export type ModalMetadata = z.infer<typeof schema>;

export function encodeModalMetadata(meta: ModalMetadata): string {
  return JSON.stringify(meta);
}

/** Null for anything that is not metadata patbot wrote. */
export function decodeModalMetadata(value: unknown): ModalMetadata | null {
  if (typeof value !== 'string' || value.length > 3000) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
