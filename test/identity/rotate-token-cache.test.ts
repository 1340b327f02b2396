import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../src/core/logger';
import type { Store } from '../../src/core/store';
import { cipherFor, KEY_PURPOSE } from '../../src/identity/derive-key';
import { rotateTokenCacheKey } from '../../src/identity/rotate-token-cache';
import { openStore } from '../../src/store/open-store';

describe('rotateTokenCacheKey over a SQLite file', () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'patbot-rotate-'));
    store = await openStore(`sqlite:${dir}/x.db`);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('re-seals old partitions page by page, counts current and unreadable ones, and is idempotent', async () => {
    const sealOld = cipherFor(KEY_PURPOSE.tokenCache, oldKey, null);
    const sealNew = cipherFor(KEY_PURPOSE.tokenCache, newKey, null);
    for (let i = 0; i < 5; i++)
      await store.tokenCache.set(`msal:old-${i}`, sealOld.seal(`cache ${i}`, `msal:old-${i}`));
    await store.tokenCache.set('msal:new', sealNew.seal('cache new', 'msal:new'));
    await store.tokenCache.set(
      'msal:other',
      cipherFor(KEY_PURPOSE.tokenCache, randomBytes(32), null).seal('x', 'msal:other'),
    );
    const run = () =>
      rotateTokenCacheKey({
        tokenCache: store.tokenCache,
        key: newKey,
        previousKey: oldKey,
        logger: silentLogger,
        pageSize: 2,
      });
    expect(await run()).toEqual({ reencrypted: 5, alreadyCurrent: 1, unreadable: 1 });
    expect(await run()).toEqual({ reencrypted: 0, alreadyCurrent: 6, unreadable: 1 });
    for (let i = 0; i < 5; i++) {
      const sealed = (await store.tokenCache.get(`msal:old-${i}`))!;
      expect(sealNew.open(sealed, `msal:old-${i}`)?.plaintext.toString()).toBe(`cache ${i}`);
      expect(sealOld.open(sealed, `msal:old-${i}`)).toBeNull();
    }
  });

  it('refuses to run without the previous key', async () => {
    await expect(
      rotateTokenCacheKey({
        tokenCache: store.tokenCache,
        key: newKey,
        previousKey: null,
        logger: silentLogger,
      }),
    ).rejects.toMatchObject({ code: 'config.invalid' });
  });
});
