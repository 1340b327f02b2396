import { CodedError } from '../../../src/errors';
import { renewPat } from '../../../src/core/use-cases/renew-pat';
import { NOW, world } from '../support/use-case-world';

const DAY = 86_400_000;
const now = new Date(NOW).getTime();

function setup() {
  const w = world();
  const pat = w.tokensApi.add({ name: 'Nightly Build', org: 'contoso', validTo: new Date(now + 3 * DAY) });
  return { ...w, pat };
}

describe('renewPat', () => {
  it('renews by case-insensitive name for the asked number of days', async () => {
    const w = setup();
    const result = await renewPat(w.deps, {
      userId: 'u1',
      orgs: ['contoso'],
      target: 'nightly   build',
      duration: { kind: 'days', days: 90 },
    });
    const expected = new Date(now + 90 * DAY);
    expect(result).toMatchObject({
      kind: 'renewed',
      capped: false,
      cappedByDays: 0,
      requestedValidTo: expected,
      previousValidTo: w.pat.validTo,
      warnings: [],
      message: 'Renewed `Nightly Build` until Fri 26 Feb 2027 (in 90 days).',
    });
    if (result.kind === 'renewed') expect(result.pat.validTo).toEqual(expected);
    expect(w.tokensApi.calls.filter((c) => c.method === 'update')).toEqual([
      { method: 'update', org: 'contoso', accessToken: 'token-for-u1', id: w.pat.id, validTo: expected },
    ]);
    expect(w.audit.entries).toEqual([
      expect.objectContaining({
        action: 'renew',
        outcome: 'ok',
        patId: w.pat.id,
        org: 'contoso',
        userId: 'u1',
      }),
    ]);
  });

  it('renews by id and defaults to 90 days, or to RENEW_DEFAULT_DAYS when set', async () => {
    const w = setup();
    const result = await renewPat(w.deps, {
      userId: 'u1',
      orgs: ['contoso'],
      target: w.pat.id.toUpperCase(),
    });
    expect(result).toMatchObject({ kind: 'renewed', requestedValidTo: new Date(now + 90 * DAY) });
    const custom = setup();
    const again = await renewPat(
      { ...custom.deps, renewDefaultDays: 45 },
      { userId: 'u1', orgs: ['contoso'], target: custom.pat.id },
    );
    expect(again).toMatchObject({ kind: 'renewed', requestedValidTo: new Date(now + 45 * DAY) });
  });

  it('reports the cap when the org policy shortens the renewal', async () => {
    const w = setup();
    w.tokensApi.setMaxLifespanDays('contoso', 45);
    const result = await renewPat(w.deps, {
      userId: 'u1',
      orgs: ['contoso'],
      target: 'Nightly Build',
      duration: { kind: 'days', days: 90 },
    });
    expect(result).toMatchObject({ kind: 'renewed', capped: true, cappedByDays: 45 });
    if (result.kind === 'renewed') {
      expect(result.pat.validTo).toEqual(new Date(now + 45 * DAY));
      expect(result.message).toBe(
        'Renewed `Nightly Build` until Tue 12 Jan 2027, 45 days less than asked: your organisation limits PAT lifetimes.',
      );
    }
  });

  it('max asks for 365 days and says "the longest your organisation allows" when capped', async () => {
    const w = setup();
    w.tokensApi.setMaxLifespanDays('contoso', 180);
    const result = await renewPat(w.deps, {
      userId: 'u1',
      orgs: ['contoso'],
      target: 'Nightly Build',
      duration: { kind: 'max' },
    });
    expect(result).toMatchObject({
      kind: 'renewed',
      capped: true,
      cappedByDays: 185,
      requestedValidTo: new Date(now + 365 * DAY),
    });
    if (result.kind === 'renewed') expect(result.message).toContain('the longest your organisation allows');
  });

  it('a date means the end of that day in UTC', async () => {
    const w = setup();
    const result = await renewPat(w.deps, {
      userId: 'u1',
      orgs: ['contoso'],
      target: 'Nightly Build',
      duration: { kind: 'date', date: '2027-01-15' },
    });
    expect(result).toMatchObject({ kind: 'renewed', requestedValidTo: new Date('2027-01-15T23:59:59.000Z') });
  });

  it.each([
    ['a date in the past', '2026-11-01', /2026-11-01 is in the past/],
    [
      'a date before the current expiry',
      '2026-11-29',
      /would shorten `Nightly Build`: it already runs until Tue 1 Dec 2026/,
    ],
  ])('refuses %s without calling the API', async (_label, date, message) => {
    const w = setup();
    const result = await renewPat(w.deps, {
      userId: 'u1',
      orgs: ['contoso'],
      target: 'Nightly Build',
      duration: { kind: 'date', date },
    });
    expect(result).toMatchObject({ kind: 'failed', error: { code: 'input.invalid' } });
    if (result.kind === 'failed') expect(result.error.message).toMatch(message);
    expect(w.tokensApi.count('update')).toBe(0);
  });

  it('a double click renews once and then answers "already"', async () => {
    const w = setup();
    const input = {
      userId: 'u1',
      orgs: ['contoso'],
      target: 'Nightly Build',
      duration: { kind: 'days' as const, days: 30 },
    };
    expect((await renewPat(w.deps, input)).kind).toBe('renewed');
    w.clock.advance(5_000);
    const second = await renewPat(w.deps, input);
    expect(second).toMatchObject({
      kind: 'already',
      message: expect.stringContaining('already runs until Mon 28 Dec 2026'),
    });
    expect(w.tokensApi.count('update')).toBe(1);
    w.clock.advance(2 * 3_600_000);
    expect((await renewPat(w.deps, input)).kind).toBe('renewed');
    expect(w.tokensApi.count('update')).toBe(2);
  });

  it('refuses an expired PAT locally with the ux.md text and link', async () => {
    const w = world();
    const pat = w.tokensApi.add({ name: 'ci', org: 'contoso', validTo: new Date('2026-11-20T10:00:00Z') });
    const result = await renewPat(w.deps, {
      userId: 'u1',
      orgs: ['contoso'],
      target: 'ci',
      duration: { kind: 'max' },
    });
    expect(result.kind).toBe('failed');
    if (result.kind !== 'failed') return;
    expect(result.error.code).toBe('ado.pat_expired_cannot_extend');
    expect(result.error.userText).toBe(
      '`ci` expired on Fri 20 Nov 2026. Azure DevOps no longer lets expired PATs be extended. ' +
        'Create a replacement: press Create replacement, or type `pat recreate ci`.',
    );
    expect(result.replace?.pat.name).toBe('ci');
    expect(result.replace?.message).toMatch(
      /^Azure DevOps no longer lets expired PATs be extended\. `ci` in contoso expired on/,
    );
    expect(w.tokensApi.count('update')).toBe(0);
    expect(w.audit.entries).toEqual([expect.objectContaining({ outcome: 'failed', patId: pat.id })]);
  });

  it('not found → ado.pat_not_found with "check with pat list", no update', async () => {
    const w = setup();
    const result = await renewPat(w.deps, { userId: 'u1', orgs: ['contoso', 'fabrikam'], target: 'nope' });
    expect(result).toMatchObject({ kind: 'failed', error: { code: 'ado.pat_not_found' } });
    if (result.kind === 'failed') {
      expect(result.error.userText).toBe(
        "I can't find a PAT called `nope` in contoso or fabrikam. Check the name with `pat list`.",
      );
    }
    expect(w.tokensApi.count('update')).toBe(0);
  });

  it('not found while an org could not be read → that org’s error instead', async () => {
    const w = setup();
    const down = new CodedError('ado.unavailable', 'Azure DevOps is not answering.', {
      nextStep: 'Try again.',
    });
    w.tokensApi.failOrg('fabrikam', down);
    const result = await renewPat(w.deps, {
      userId: 'u1',
      orgs: ['contoso', 'fabrikam'],
      target: 'elsewhere',
    });
    expect(result).toEqual({ kind: 'failed', error: down });
  });

  it('the same name in two orgs is ambiguous, with orgs and ids, and no update', async () => {
    const w = setup();
    const other = w.tokensApi.add({ name: 'NIGHTLY BUILD', org: 'fabrikam' });
    const result = await renewPat(w.deps, {
      userId: 'u1',
      orgs: ['contoso', 'fabrikam'],
      target: 'nightly build',
    });
    expect(result.kind).toBe('ambiguous');
    if (result.kind !== 'ambiguous') return;
    expect(result.candidates.map((p) => [p.org, p.id])).toEqual([
      ['contoso', w.pat.id],
      ['fabrikam', other.id],
    ]);
    expect(result.message).toContain(`\`pat renew ${other.id}\``);
    expect(w.tokensApi.count('update')).toBe(0);
  });

  it('adds the global-PAT warning when renewing an all-organisations PAT', async () => {
    const w = world();
    w.tokensApi.add({ name: 'all', org: 'contoso', targetAccounts: null, validTo: new Date(now + 2 * DAY) });
    const result = await renewPat(w.deps, { userId: 'u1', orgs: ['contoso'], target: 'all' });
    expect(result).toMatchObject({
      kind: 'renewed',
      warnings: [
        '`all` works in all your organisations. Azure DevOps stops all such PATs on Tue 1 Dec 2026: create organisation-scoped PATs instead.',
      ],
    });
  });

  it('refuses to renew a global PAT after the retirement', async () => {
    const w = world('2026-12-02T00:00:00Z');
    w.tokensApi.add({
      name: 'all',
      org: 'contoso',
      targetAccounts: null,
      validTo: new Date('2027-03-01T00:00:00Z'),
    });
    const result = await renewPat(w.deps, { userId: 'u1', orgs: ['contoso'], target: 'all' });
    expect(result).toMatchObject({ kind: 'failed', error: { code: 'ado.pat_policy_global' } });
    expect(w.tokensApi.count('update')).toBe(0);
  });

  it('an API failure is returned and audited as failed', async () => {
    const w = setup();
    const throttled = new CodedError('ado.throttled', 'Slow down.', {
      nextStep: 'Wait.',
      retryAfterSeconds: 30,
    });
    w.tokensApi.update = () => Promise.reject(throttled);
    const result = await renewPat(w.deps, { userId: 'u1', orgs: ['contoso'], target: 'Nightly Build' });
    expect(result).toEqual({ kind: 'failed', error: throttled });
    expect(w.audit.entries).toEqual([
      expect.objectContaining({ outcome: 'failed', detail: expect.stringContaining('ado.throttled') }),
    ]);
  });

  it('a broken audit log does not undo a renewal', async () => {
    const w = setup();
    w.audit.failWith = new Error('disk full');
    const result = await renewPat(w.deps, { userId: 'u1', orgs: ['contoso'], target: 'Nightly Build' });
    expect(result.kind).toBe('renewed');
    expect(
      w.logger.lines.some((l) => l.level === 'error' && l.msg === 'audit entry could not be written'),
    ).toBe(true);
  });

  it('returns the auth outcome without calling Azure DevOps', async () => {
    const w = setup();
    const outcome = w.tokenProvider.needsSignin('u1');
    expect(await renewPat(w.deps, { userId: 'u1', orgs: ['contoso'], target: 'Nightly Build' })).toEqual({
      kind: 'auth',
      outcome,
    });
    expect(w.tokensApi.calls).toHaveLength(0);
  });

  it('never writes the access token to the audit log or the logs', async () => {
    const w = setup();
    await renewPat(w.deps, { userId: 'u1', orgs: ['contoso'], target: 'Nightly Build' });
    w.tokensApi.failOrg('contoso', new CodedError('ado.unavailable', 'Down.', { nextStep: 'Later.' }));
    await renewPat(w.deps, { userId: 'u1', orgs: ['contoso'], target: 'Nightly Build' });
    const written = JSON.stringify([w.audit.entries, w.logger.lines]);
    expect(written).not.toContain('token-for-u1');
    expect(w.logger.lines.length).toBeGreaterThan(0);
  });
});
