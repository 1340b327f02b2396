/** Purpose-bound keys derived from TOKEN_CACHE_KEY with HKDF-SHA256 (one label per use). */
import { hkdfSync } from 'node:crypto';
import { AeadCipher } from './aead-cipher';

export const KEY_PURPOSE = {
  tokenCache: 'patbot/token-cache/aes-256-gcm/v1',
  slackState: 'patbot/slack-sign-in-state/aes-256-gcm/v1',
} as const;

export type KeyPurpose = (typeof KEY_PURPOSE)[keyof typeof KEY_PURPOSE];

/** 32 bytes for `purpose`, derived from the configured master key. */
export function deriveKey(master: Buffer, purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), purpose, 32));
}

/**
 * The AES-256-GCM cipher for one purpose: seals with the key derived from the current master
 * key, and also opens values sealed under the previous one (TOKEN_CACHE_KEY_PREVIOUS) while a
 * rotation runs.
 */
export function cipherFor(purpose: KeyPurpose, current: Buffer, previous: Buffer | null): AeadCipher {
  return new AeadCipher(deriveKey(current, purpose), previous ? deriveKey(previous, purpose) : null);
}
