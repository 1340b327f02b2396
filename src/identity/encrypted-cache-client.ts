/**
 * msal-node `ICacheClient` over the Store's `TokenCacheStore`: each partition's serialized MSAL
 * cache is sealed with AES-256-GCM (bound to the partition key) before it reaches the store.
 * A value that opens only with TOKEN_CACHE_KEY_PREVIOUS is re-sealed with the current key on
 * that read (compare-and-set, so a newer write is never overwritten); `reencrypt` does the same
 * for one partition without msal (`npm run rotate-key`).
 */
import type { ICacheClient } from '@azure/msal-node';
import type { Logger } from '../core/logger';
import type { TokenCacheStore } from '../core/store';
import type { AeadCipher } from './aead-cipher';

/** What `reencrypt` found in one partition. */
export type ReencryptOutcome = 'reencrypted' | 'current' | 'unreadable' | 'gone';

export class EncryptedCacheClient implements ICacheClient {
  constructor(
    private readonly store: TokenCacheStore,
    private readonly cipher: AeadCipher,
    private readonly logger: Logger,
  ) {}

  /** The serialized MSAL cache of one partition ('' when there is none or it cannot be opened). */
  async get(key: string): Promise<string> {
    const sealed = await this.store.get(key);
    if (sealed === null) return '';
    const opened = this.cipher.open(sealed, key);
    if (!opened) {
      this.logger.warn(
        { partition: key },
        'token cache partition cannot be decrypted (wrong key or tampered); treating it as empty',
      );
      return '';
    }
    const plaintext = opened.plaintext.toString('utf8');
    if (opened.usedPreviousKey) {
      const rewritten = await this.store.replace(key, sealed, this.cipher.seal(plaintext, key));
      this.logger.debug(
        { partition: key, rewritten },
        'token cache partition re-encrypted with the current key',
      );
    }
    return plaintext;
  }

  async set(key: string, value: string): Promise<string> {
    await this.store.set(key, this.cipher.seal(value, key));
    return value;
  }

  async delete(key: string): Promise<void> {
    await this.store.delete(key);
  }

  /** Re-seals one partition with the current key if it is still sealed with the previous one. */
  async reencrypt(key: string): Promise<ReencryptOutcome> {
    for (;;) {
      const sealed = await this.store.get(key);
      if (sealed === null) return 'gone';
      const opened = this.cipher.open(sealed, key);
      if (!opened) return 'unreadable';
      if (!opened.usedPreviousKey) return 'current';
      // Lost a race with a concurrent write: read again (that write used the current key).
      if (await this.store.replace(key, sealed, this.cipher.seal(opened.plaintext, key)))
        return 'reencrypted';
    }
  }
}

/** The partition that holds one patbot user's MSAL cache. */
export function partitionKeyFor(userId: string): string {
  return `msal:${userId}`;
}
