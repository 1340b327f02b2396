/**
 * The caller key the rate-limit gate groups Azure DevOps calls by: the token's `oid`, else a hash
 * of the token. It is remembered per token, so it must stay a pure function of the token: the
 * same token always gives the same key, another person's token never gives a remembered one.
 */
import { identityKey } from '../../src/ado/jwt-claims';

const jwt = (claims: Record<string, unknown>) =>
  `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

describe('identityKey', () => {
  it('is the oid of a user token, the same on every call', () => {
    const token = jwt({ oid: 'alice-oid', scp: 'user_impersonation' });
    expect(identityKey(token)).toBe('oid:alice-oid');
    expect(identityKey(token)).toBe('oid:alice-oid');
    expect(identityKey(jwt({ oid: 'bob-oid' }))).toBe('oid:bob-oid');
  });

  it('is a short hash for a PAT or a token without oid, different per token', () => {
    const a = identityKey('pat-secret-a');
    expect(a).toMatch(/^h:[0-9a-f]{16}$/);
    expect(identityKey('pat-secret-a')).toBe(a);
    expect(identityKey('pat-secret-b')).not.toBe(a);
    expect(identityKey(jwt({ sub: 'x' }))).toMatch(/^h:/);
  });

  it('stays right past the memo bound (1,000 tokens)', () => {
    for (let i = 0; i < 2500; i++) {
      expect(identityKey(jwt({ oid: `user-${i}` }))).toBe(`oid:user-${i}`);
    }
    expect(identityKey(jwt({ oid: 'user-3' }))).toBe('oid:user-3');
  });
});
