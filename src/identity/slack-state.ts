/**
 * The Slack sign-in `state`: sealed (AES-256-GCM, key derived from TOKEN_CACHE_KEY for this
 * purpose only), bound to the Slack team and user, valid for 10 minutes, single-use through
 * NonceStore when redeemed. It also carries the PKCE verifier, encrypted, so the verifier stays
 * server-side in effect and never appears in the browser in clear.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { AeadCipher } from './aead-cipher';

const CONTEXT = 'patbot slack sign-in state';
export const STATE_TTL_MS = 10 * 60 * 1000;

const payloadSchema = z.object({
  v: z.literal(1),
  team: z.string().min(1),
  user: z.string().min(1),
  nonce: z.string().min(16),
  exp: z.number().int(),
  verifier: z.string().min(43),
});

export type SlackStatePayload = z.infer<typeof payloadSchema>;

export type StateCheck =
  { ok: true; payload: SlackStatePayload } | { ok: false; reason: 'tampered' | 'expired' | 'missing' };

export function sealState(
  cipher: AeadCipher,
  input: { teamId: string; slackUserId: string; now: Date; verifier: string },
): string {
  const payload: SlackStatePayload = {
    v: 1,
    team: input.teamId,
    user: input.slackUserId,
    nonce: randomBytes(18).toString('base64url'),
    exp: input.now.getTime() + STATE_TTL_MS,
    verifier: input.verifier,
  };
  return cipher.seal(JSON.stringify(payload), CONTEXT);
}

/** Opens and checks a state (signature and expiry; single use is checked by the caller). */
export function openState(cipher: AeadCipher, state: string | undefined, now: Date): StateCheck {
  if (!state) return { ok: false, reason: 'missing' };
  const opened = cipher.open(state, CONTEXT);
  if (!opened) return { ok: false, reason: 'tampered' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(opened.plaintext.toString('utf8'));
  } catch {
    return { ok: false, reason: 'tampered' };
  }
  const result = payloadSchema.safeParse(parsed);
  if (!result.success) return { ok: false, reason: 'tampered' };
  if (result.data.exp <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, payload: result.data };
}
