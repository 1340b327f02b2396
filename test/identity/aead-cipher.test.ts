import { randomBytes } from 'node:crypto';
import { AeadCipher } from '../../src/identity/aead-cipher';
import { deriveKey, KEY_PURPOSE } from '../../src/identity/derive-key';
import { EncryptedCacheClient } from '../../src/identity/encrypted-cache-client';
import { silentLogger } from '../../src/core/logger';
import { MemoryTokenCache } from '../support/entra-memory-store';

describe('AeadCipher (AES-256-GCM)', () => {
  const key = randomBytes(32);
  const old = randomBytes(32);

  test('round-trips and never shows the plaintext', () => {
    const c = new AeadCipher(key);
    const sealed = c.seal('refresh-token-value-123', 'ctx');
    expect(sealed).not.toContain('refresh-token-value-123');
    expect(Buffer.from(sealed.slice(3), 'base64url').toString('latin1')).not.toContain('refresh-token');
    expect(c.open(sealed, 'ctx')?.plaintext.toString()).toBe('refresh-token-value-123');
  });

  test('refuses tampering, another context and another key', () => {
    const c = new AeadCipher(key);
    const sealed = c.seal('secret', 'partition-a');
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    raw[raw.length - 1] ^= 1;
    expect(c.open(`g1.${raw.toString('base64url')}`, 'partition-a')).toBeNull();
    expect(c.open(sealed, 'partition-b')).toBeNull();
    expect(new AeadCipher(randomBytes(32)).open(sealed, 'partition-a')).toBeNull();
    expect(c.open('not sealed', 'partition-a')).toBeNull();
  });

  test('the previous key still opens during a rotation, and says so', () => {
    const sealedOld = new AeadCipher(old).seal('v', 'ctx');
    const rotated = new AeadCipher(key, old);
    expect(rotated.open(sealedOld, 'ctx')).toEqual({ plaintext: Buffer.from('v'), usedPreviousKey: true });
    expect(rotated.open(rotated.seal('v', 'ctx'), 'ctx')?.usedPreviousKey).toBe(false);
    expect(new AeadCipher(key).open(sealedOld, 'ctx')).toBeNull();
  });

  test('derived keys differ per purpose', () => {
    expect(deriveKey(key, KEY_PURPOSE.tokenCache).equals(deriveKey(key, KEY_PURPOSE.slackState))).toBe(false);
    expect(deriveKey(key, KEY_PURPOSE.tokenCache).equals(key)).toBe(false);
  });
});

describe('EncryptedCacheClient', () => {
  test('stores ciphertext only and re-encrypts with the new key on write', async () => {
    const store = new MemoryTokenCache();
    const old = randomBytes(32);
    const next = randomBytes(32);
    const before = new EncryptedCacheClient(store, new AeadCipher(old), silentLogger);
    await before.set('msal:u1', '{"RefreshToken":{"x":{"secret":"rt-secret"}}}');
    expect(store.values.get('msal:u1')).not.toContain('rt-secret');

    const during = new EncryptedCacheClient(store, new AeadCipher(next, old), silentLogger);
    expect(await during.get('msal:u1')).toContain('rt-secret');
    await during.set('msal:u1', await during.get('msal:u1'));
    const after = new EncryptedCacheClient(store, new AeadCipher(next), silentLogger);
    expect(await after.get('msal:u1')).toContain('rt-secret');
    expect(await new EncryptedCacheClient(store, new AeadCipher(old), silentLogger).get('msal:u1')).toBe('');
  });

  test('a value moved to another partition does not open there', async () => {
    const store = new MemoryTokenCache();
    const client = new EncryptedCacheClient(store, new AeadCipher(randomBytes(32)), silentLogger);
    await client.set('msal:alice', '{"a":1}');
    store.values.set('msal:mallory', store.values.get('msal:alice')!);
    expect(await client.get('msal:mallory')).toBe('');
    expect(await client.get('msal:nobody')).toBe('');
  });
});
