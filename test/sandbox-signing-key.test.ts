import { createLocalJWKSet, jwtVerify } from 'jose';
import { createSigningKey, jwks, signJwt } from '../src/sandbox/signing-key';

describe('sandbox signing keys', () => {
  it('signs JWTs that verify against the published JWKS and nothing else', async () => {
    const key = await createSigningKey('k1');
    const other = await createSigningKey('k2');
    const token = await signJwt(
      key,
      { oid: 'u1', scp: 'vso.pats' },
      { issuer: 'https://iss/', audience: 'aud-1' },
    );
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(jwks(key)), {
      issuer: 'https://iss/',
      audience: 'aud-1',
    });
    expect(protectedHeader.kid).toBe('k1');
    expect(payload).toMatchObject({ oid: 'u1', scp: 'vso.pats' });
    await expect(jwtVerify(token, createLocalJWKSet(jwks(other)))).rejects.toThrow();
  });

  it('can make an already expired token', async () => {
    const key = await createSigningKey();
    const token = await signJwt(key, {}, { issuer: 'i', audience: 'a', expiresInSeconds: -60 });
    await expect(jwtVerify(token, createLocalJWKSet(jwks(key)))).rejects.toThrow(/exp/);
  });
});
