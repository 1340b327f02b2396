/**
 * AES-256-GCM sealing with key rotation: seals with the current key, opens with the current or
 * the previous key, and binds every ciphertext to a context string (associated data) so a value
 * cannot be moved to another partition or purpose.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'g1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface Opened {
  plaintext: Buffer;
  /** True when the previous key was needed: write the value again to re-encrypt it. */
  usedPreviousKey: boolean;
}

export class AeadCipher {
  /** @param key current 32-byte key; @param previousKey still accepted for opening (rotation). */
  constructor(
    private readonly key: Buffer,
    private readonly previousKey: Buffer | null = null,
  ) {
    if (key.length !== 32 || (previousKey !== null && previousKey.length !== 32)) {
      throw new Error('AES-256-GCM keys must be 32 bytes');
    }
  }

  /** `g1.` + base64url(iv | tag | ciphertext). */
  seal(plaintext: Buffer | string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url')}`;
  }

  /** Opens a sealed value; null when it was tampered with, truncated or sealed with another key. */
  open(sealed: string, context: string): Opened | null {
    if (!sealed.startsWith(`${VERSION}.`)) return null;
    const raw = Buffer.from(sealed.slice(VERSION.length + 1), 'base64url');
    if (raw.length < IV_BYTES + TAG_BYTES) return null;
    const keys: Array<[Buffer, boolean]> = [[this.key, false]];
    if (this.previousKey) keys.push([this.previousKey, true]);
    for (const [key, usedPreviousKey] of keys) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        const plaintext = Buffer.concat([
          decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)),
          decipher.final(),
        ]);
        return { plaintext, usedPreviousKey };
      } catch {
        // wrong key or tampered: try the next key
      }
    }
    return null;
  }
}
