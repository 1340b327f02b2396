/**
 * Finishes a TOKEN_CACHE_KEY rotation: re-seals every token cache partition that still opens
 * only with the previous key under the current one, page by page (`TokenCacheStore.keys`).
 * Idempotent: a second run finds every partition current. Safe next to running instances
 * (each re-seal is a compare-and-set). Partitions that open with neither key are counted and
 * left alone: their users are asked to sign in again.
 */
import type { Logger } from '../core/logger';
import type { TokenCacheStore } from '../core/store';
import { CodedError } from '../errors';
import { cipherFor, KEY_PURPOSE } from './derive-key';
import { EncryptedCacheClient } from './encrypted-cache-client';

export interface RotationCounts {
  reencrypted: number;
  alreadyCurrent: number;
  unreadable: number;
}

export interface RotationOptions {
  tokenCache: TokenCacheStore;
  /** TOKEN_CACHE_KEY (the key every partition ends up sealed with). */
  key: Buffer;
  /** TOKEN_CACHE_KEY_PREVIOUS; the rotation refuses to run without it. */
  previousKey: Buffer | null;
  logger: Logger;
  pageSize?: number;
}

/** The error for a rotation without TOKEN_CACHE_KEY_PREVIOUS (nothing to rotate from). */
export function previousKeyMissing(): CodedError {
  return new CodedError(
    'config.invalid',
    'TOKEN_CACHE_KEY_PREVIOUS is not set, so there is nothing to rotate from.',
    {
      nextStep:
        'Set TOKEN_CACHE_KEY to the new key and TOKEN_CACHE_KEY_PREVIOUS to the old one (docs/configuration.md, "Rotating TOKEN_CACHE_KEY"), then run npm run rotate-key again.',
    },
  );
}

/** @throws CodedError `config.invalid` when TOKEN_CACHE_KEY_PREVIOUS is not set. */
export async function rotateTokenCacheKey(options: RotationOptions): Promise<RotationCounts> {
  if (!options.previousKey) throw previousKeyMissing();
  const cipher = cipherFor(KEY_PURPOSE.tokenCache, options.key, options.previousKey);
  const client = new EncryptedCacheClient(options.tokenCache, cipher, options.logger);
  const counts: RotationCounts = { reencrypted: 0, alreadyCurrent: 0, unreadable: 0 };
  const pageSize = options.pageSize ?? 500;
  let after: string | null = null;
  for (;;) {
    const page = await options.tokenCache.keys(after, pageSize);
    for (const key of page) {
      const outcome = await client.reencrypt(key);
      if (outcome === 'reencrypted') counts.reencrypted += 1;
      else if (outcome === 'current') counts.alreadyCurrent += 1;
      else if (outcome === 'unreadable') {
        counts.unreadable += 1;
        options.logger.warn({ partition: key }, 'token cache partition opens with neither key; left as is');
      }
    }
    if (page.length < pageSize) break;
    after = page[page.length - 1]!;
  }
  options.logger.info({ ...counts }, 'token cache key rotation finished');
  return counts;
}
