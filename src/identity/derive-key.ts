/** Purpose-bound keys derived from TOKEN_CACHE_KEY with HKDF-SHA256 (one label per use). */
import { hkdfSync } from 'node:crypto';

export const KEY_PURPOSE = {
  tokenCache: 'patbot/token-cache/aes-256-gcm/v1',
  slackState: 'patbot/slack-sign-in-state/aes-256-gcm/v1',
} as const;

export type KeyPurpose = (typeof KEY_PURPOSE)[keyof typeof KEY_PURPOSE];

/** 32 bytes for `purpose`, derived from the configured master key. */
export function deriveKey(master: Buffer, purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), purpose, 32));
}
