import { CodedError } from '../../../src/errors';
import { revokePat, revokeSignedPat } from '../../../src/core/use-cases/revoke-pat';
import { NOW, world } from '../support/use-case-world';

const DAY = 86_400_000;
const now = new Date(NOW).getTime();

describe('revokePat', () => {
  it('without confirmation asks first and makes no revoke call', async () => {
    const w = world();
    const pat = w.tokensApi.add({ name: 'old deploy', org: 'contoso' });
    const result = await revokePat(w.deps, { userId: 'u1', orgs: ['contoso'], target: 'Old Deploy' });
    expect(result).toEqual({
      kind: 'confirm',
      pat,
      message:
        'Revoke `old deploy` in contoso? Anything that uses it stops working at once, and this cannot be undone.',
    });
    expect(w.tokensApi.count('revoke')).toBe(0);
    expect(w.audit.entries).toHaveLength(0);
  });

  it('with confirmation revokes once, audits, and the PAT then lists as revoked', async () => {
    const w = world();
    const pat = w.tokensApi.add({ name: 'old deploy', org: 'contoso' });
    const result = await revokePat(w.deps, {
      userId: 'u1',
      orgs: ['contoso'],
      target: pat.id,
      confirmed: true,
    });
    expect(result).toMatchObject({ kind: 'revoked', pat: { id: pat.id, revoked: true } });
    expect(w.tokensApi.calls.filter((c) => c.method === 'revoke')).toEqual([
      { method: 'revoke', org: 'contoso', accessToken: 'token-for-u1', id: pat.id },
    ]);
    expect(w.audit.entries).toEqual([
      expect.objectContaining({ action: 'revoke', outcome: 'ok', patId: pat.id, patName: 'old deploy' }),
    ]);
    const revoked = await w.tokensApi.list({ org: 'contoso', accessToken: 't' }, { filter: 'revoked' });
    expect(revoked.map((p) => p.id)).toEqual([pat.id]);
  });

  it('can revoke an expired PAT', async () => {
    const w = world();
    w.tokensApi.add({ name: 'stale', org: 'contoso', validTo: new Date(now - 5 * DAY) });
    const result = await revokePat(w.deps, {
      userId: 'u1',
      orgs: ['contoso'],
      target: 'stale',
      confirmed: true,
    });
    expect(result.kind).toBe('revoked');
  });

  it('a PAT found only among revoked ones is already revoked, with no revoke call', async () => {
    const w = world();
    w.tokensApi.add({ name: 'gone', org: 'fabrikam', revoked: true });
    const result = await revokePat(w.deps, {
      userId: 'u1',
      orgs: ['contoso', 'fabrikam'],
      target: 'GONE',
      confirmed: true,
    });
    expect(result).toMatchObject({
      kind: 'already_revoked',
      pat: { name: 'gone', org: 'fabrikam', revoked: true },
      message: '`gone` in fabrikam is already revoked, so there was nothing to do.',
    });
    expect(w.tokensApi.count('revoke')).toBe(0);
  });

  it('a second confirmation after a revoke (double click) answers already revoked', async () => {
    const w = world();
    w.tokensApi.add({ name: 'x', org: 'contoso' });
    const input = { userId: 'u1', orgs: ['contoso'], target: 'x', confirmed: true };
    expect((await revokePat(w.deps, input)).kind).toBe('revoked');
    expect((await revokePat(w.deps, input)).kind).toBe('already_revoked');
    expect(w.tokensApi.count('revoke')).toBe(1);
  });

  it('a race where the API says "already revoked" becomes already_revoked', async () => {
    const w = world();
    w.tokensApi.add({ name: 'x', org: 'contoso' });
    w.tokensApi.revoke = () =>
      Promise.reject(new CodedError('ado.pat_revoked', 'Revoked.', { nextStep: '-' }));
    const result = await revokePat(w.deps, { userId: 'u1', orgs: ['contoso'], target: 'x', confirmed: true });
    expect(result.kind).toBe('already_revoked');
  });

  it('an API failure is returned and audited as failed', async () => {
    const w = world();
    w.tokensApi.add({ name: 'x', org: 'contoso' });
    const denied = new CodedError('ado.pat_access_denied', 'Denied.', { nextStep: 'Ask an admin.' });
    w.tokensApi.revoke = () => Promise.reject(denied);
    const result = await revokePat(w.deps, { userId: 'u1', orgs: ['contoso'], target: 'x', confirmed: true });
    expect(result).toEqual({ kind: 'failed', error: denied });
    expect(w.audit.entries).toEqual([
      expect.objectContaining({ outcome: 'failed', detail: 'ado.pat_access_denied' }),
    ]);
  });

  it('unknown names are not found; duplicates are ambiguous; neither revokes', async () => {
    const w = world();
    w.tokensApi.add({ name: 'dup', org: 'contoso' });
    w.tokensApi.add({ name: 'dup', org: 'contoso' });
    const missing = await revokePat(w.deps, {
      userId: 'u1',
      orgs: ['contoso'],
      target: 'nope',
      confirmed: true,
    });
    expect(missing).toMatchObject({ kind: 'failed', error: { code: 'ado.pat_not_found' } });
    const dup = await revokePat(w.deps, { userId: 'u1', orgs: ['contoso'], target: 'dup', confirmed: true });
    expect(dup).toMatchObject({ kind: 'ambiguous' });
    if (dup.kind === 'ambiguous') expect(dup.candidates).toHaveLength(2);
    expect(w.tokensApi.count('revoke')).toBe(0);
  });

  it('returns the auth outcome without calling Azure DevOps', async () => {
    const w = world();
    const outcome = w.tokenProvider.needsSignin('u1');
    expect(
      await revokePat(w.deps, { userId: 'u1', orgs: ['contoso'], target: 'x', confirmed: true }),
    ).toEqual({
      kind: 'auth',
      outcome,
    });
    expect(w.tokensApi.calls).toHaveLength(0);
  });
});

describe('revokeSignedPat (a button: the signed id, no listing)', () => {
  it('asks after one Get, then revokes with one Get and one Delete, never listing', async () => {
    const w = world();
    const pat = w.tokensApi.add({ name: 'signed one', org: 'contoso' });
    const input = { userId: 'u1', org: 'contoso', patId: pat.id };
    expect(await revokeSignedPat(w.deps, input)).toMatchObject({ kind: 'confirm', pat: { id: pat.id } });
    expect(w.tokensApi.count('revoke')).toBe(0);
    const done = await revokeSignedPat(w.deps, { ...input, confirmed: true });
    expect(done).toMatchObject({
      kind: 'revoked',
      message: expect.stringContaining('Revoked `signed one` in contoso.'),
    });
    expect(w.tokensApi.calls.map((c) => c.method)).toEqual(['get', 'get', 'revoke']);
    expect(w.audit.entries).toEqual([
      expect.objectContaining({ action: 'revoke', outcome: 'ok', patId: pat.id }),
    ]);
  });

  it('uses the PAT the card knew (no Get), and says "already revoked" for one it saw revoked, without a call', async () => {
    const w = world();
    const pat = w.tokensApi.add({ name: 'known', org: 'contoso' });
    const input = { userId: 'u1', org: 'contoso', patId: pat.id, confirmed: true };
    expect(await revokeSignedPat(w.deps, { ...input, known: pat })).toMatchObject({ kind: 'revoked' });
    expect(w.tokensApi.calls.map((c) => c.method)).toEqual(['revoke']);
    const again = await revokeSignedPat(w.deps, { ...input, known: { ...pat, revoked: true } });
    expect(again).toMatchObject({
      kind: 'already_revoked',
      message: expect.stringContaining('already revoked'),
    });
    expect(w.tokensApi.calls).toHaveLength(1);
    // A "known" PAT from another organisation than the signed one is not trusted: it is read again.
    await revokeSignedPat(w.deps, { ...input, confirmed: false, known: { ...pat, org: 'fabrikam' } });
    expect(w.tokensApi.calls.map((c) => c.method)).toEqual(['revoke', 'get']);
  });

  it('returns a known failure for a PAT that is not there', async () => {
    const w = world();
    const result = await revokeSignedPat(w.deps, {
      userId: 'u1',
      org: 'contoso',
      patId: '99999999-9999-4999-8999-999999999999',
      confirmed: true,
    });
    expect(result).toMatchObject({ kind: 'failed', error: expect.any(CodedError) });
    expect(w.tokensApi.count('revoke')).toBe(0);
  });
});
