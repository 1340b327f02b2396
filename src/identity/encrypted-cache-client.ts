/**
 * msal-node `ICacheClient` over the Store's `TokenCacheStore`: each partition's serialized MSAL
 * cache is sealed with AES-256-GCM (bound to the partition key) before it reaches the store.
 * Values sealed with TOKEN_CACHE_KEY_PREVIOUS still open and are re-sealed with the current key
 * on the next write.
 */
import type { ICacheClient } from '@azure/msal-node';
import type { Logger } from '../core/logger';
import type { TokenCacheStore } from '../core/store';
import type { AeadCipher } from './aead-cipher';

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
    if (opened.usedPreviousKey)
      this.logger.debug({ partition: key }, 'token cache partition opened with the previous key');
    return opened.plaintext.toString('utf8');
  }

  async set(key: string, value: string): Promise<string> {
    await this.store.set(key, this.cipher.seal(value, key));
    return value;
  }

  async delete(key: string): Promise<void> {
    await this.store.delete(key);
  }
}

/** The partition that holds one patbot user's MSAL cache. */
export function partitionKeyFor(userId: string): string {
  return `msal:${userId}`;
}
