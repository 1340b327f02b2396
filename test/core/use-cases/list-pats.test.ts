import { CodedError } from '../../../src/errors';
import { listPats } from '../../../src/core/use-cases/list-pats';
import { world } from '../support/use-case-world';

const DAY = 86_400_000;

describe('listPats', () => {
  it('lists active and expired PATs of every org, sorted, with one token', async () => {
    const w = world();
    const now = w.clock.now().getTime();
    w.tokensApi.add({ name: 'later', org: 'contoso', validTo: new Date(now + 50 * DAY) });
    w.tokensApi.add({ name: 'expired', org: 'fabrikam', validTo: new Date(now - 2 * DAY) });
    w.tokensApi.add({ name: 'soon', org: 'fabrikam', validTo: new Date(now + 2 * DAY) });
    w.tokensApi.add({ name: 'gone', org: 'contoso', revoked: true });
    w.tokensApi.add({ name: 'other-org', org: 'elsewhere' });

    const result = await listPats(w.deps, { userId: 'u1', orgs: ['contoso', 'fabrikam'] });

    expect(result.kind).toBe('listed');
    if (result.kind !== 'listed') return;
    expect(result.pats.map((p) => p.name)).toEqual(['soon', 'later', 'expired']);
    expect(result.failures).toEqual([]);
    expect(w.tokenProvider.calls).toEqual(['u1']);
    const lists = w.tokensApi.calls.filter((c) => c.method === 'list');
    expect(lists.map((c) => `${c.org}:${c.filter}`).sort()).toEqual([
      'contoso:active',
      'contoso:expired',
      'fabrikam:active',
      'fabrikam:expired',
    ]);
    expect(lists.every((c) => c.accessToken === 'token-for-u1')).toBe(true);
  });

  it('keeps the other orgs when one fails, and names the failed org', async () => {
    const w = world();
    w.tokensApi.add({ name: 'ok', org: 'contoso' });
    const boom = new CodedError('ado.not_member', 'Not a member.', { nextStep: 'Check the org name.' });
    w.tokensApi.failOrg('fabrikam', boom);

    const result = await listPats(w.deps, { userId: 'u1', orgs: ['contoso', 'fabrikam'] });

    expect(result).toMatchObject({ kind: 'listed', failures: [{ org: 'fabrikam', error: boom }] });
    if (result.kind === 'listed') expect(result.pats.map((p) => p.name)).toEqual(['ok']);
  });

  it('lists a global PAT seen in two orgs once', async () => {
    const w = world();
    const id = '9f1c0a6e-1b3d-4c59-9e3a-8d7f6a5b4c3d';
    w.tokensApi.add({ id, name: 'global', org: 'contoso', targetAccounts: null });
    w.tokensApi.add({ id, name: 'global', org: 'fabrikam', targetAccounts: null });
    const result = await listPats(w.deps, { userId: 'u1', orgs: ['contoso', 'fabrikam'] });
    expect(result.kind === 'listed' && result.pats.map((p) => p.org)).toEqual(['contoso']);
  });

  it('returns the token outcome, with no API call, when the user must sign in', async () => {
    const w = world();
    const outcome = w.tokenProvider.needsSignin('u1');
    const result = await listPats(w.deps, { userId: 'u1', orgs: ['contoso'] });
    expect(result).toEqual({ kind: 'auth', outcome });
    expect(w.tokensApi.calls).toHaveLength(0);
  });

  it('turns a token provider throwing a known error into an auth outcome', async () => {
    const w = world();
    w.tokenProvider.getAccessToken = () =>
      Promise.reject(new CodedError('auth.unavailable', 'Entra is down.', { nextStep: 'Try later.' }));
    const result = await listPats(w.deps, { userId: 'u1', orgs: ['contoso'] });
    expect(result).toMatchObject({
      kind: 'auth',
      outcome: { kind: 'unavailable', error: { code: 'auth.unavailable' } },
    });
  });

  it('rethrows an unexpected error (a bug) for the channel funnel to log, instead of a silent failure', async () => {
    const w = world();
    w.tokenProvider.getAccessToken = () => Promise.reject(new TypeError('msal exploded'));
    await expect(listPats(w.deps, { userId: 'u1', orgs: ['contoso'] })).rejects.toThrow('msal exploded');
  });

  it('says what to do when there are no orgs', async () => {
    const w = world();
    const result = await listPats(w.deps, { userId: 'u1', orgs: [] });
    expect(result).toMatchObject({ kind: 'failed', error: { code: 'input.invalid' } });
    if (result.kind === 'failed') expect(result.error.nextStep).toContain('pat orgs add');
    expect(w.tokenProvider.calls).toHaveLength(0);
  });
});
