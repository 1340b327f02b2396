import { isFullAccess, scopeNames, scopeSummary } from '../../src/core/pat-scope';

describe('scopeSummary', () => {
  it('gives the same line on a repeat and for another max, past its memo bound', () => {
    const scope = 'vso.code_write vso.build vso.release vso.packaging vso.work';
    const first = scopeSummary(scope);
    for (let i = 0; i < 2500; i++) scopeSummary(`vso.code vso.custom_${i}`);
    expect(scopeSummary(scope)).toBe(first);
    expect(scopeSummary(scope, 5)).toBe(scopeNames(scope).join(', '));
    expect(scopeSummary(scope, 2)).toBe(`${scopeNames(scope)[0]} +4 more`);
    expect(scopeSummary('vso.code vso.custom_7')).toBe('Code (read), custom_7');
  });

  it.each([
    ['app_token', 'Full access'],
    ['vso.code app_token', 'Full access'],
    ['vso.code', 'Code (read)'],
    ['vso.code_write', 'Code (read & write)'],
    ['vso.code vso.code_write', 'Code (read & write)'],
    ['vso.code_manage vso.code', 'Code (manage)'],
    ['vso.build vso.code_write', 'Code (read & write), Build (read)'],
    ['vso.build_execute', 'Build (read & execute)'],
    ['vso.packaging_write', 'Packaging (read & write)'],
    ['vso.work_write', 'Work items (read & write)'],
    ['vso.pats_manage', 'PATs (manage)'],
    ['vso.variablegroups_read', 'Variable groups (read)'],
    ['vso.serviceendpoint_manage', 'Service connections (manage)'],
    ['vso.graph vso.identity', 'Graph (read), Identity (read)'],
    ['vso.brand_new_thing', 'brand_new_thing'],
    ['openid', 'openid'],
    ['', 'No scopes'],
    ['  vso.code   vso.build  ', 'Code (read), Build (read)'],
    ['VSO.CODE_WRITE', 'Code (read & write)'],
  ])('%j → %s', (scope, summary) => {
    expect(scopeSummary(scope)).toBe(summary);
  });

  it('shortens long lists: strongest first, "+N more"', () => {
    const scope = 'vso.build vso.code_write vso.release vso.work vso.project vso.wiki';
    expect(scopeSummary(scope)).toBe('Code (read & write), Build (read) +4 more');
    expect(scopeNames(scope)).toHaveLength(6);
    expect(scopeSummary('vso.build vso.code vso.release')).toBe('Build (read), Code (read), Release (read)');
    expect(scopeSummary(scope, 10)).toBe(
      'Code (read & write), Build (read), Release (read), Work items (read), Project and team (read), Wiki (read)',
    );
  });
});

describe('isFullAccess', () => {
  it('is true only with app_token as a whole scope', () => {
    expect(isFullAccess({ scope: 'app_token' })).toBe(true);
    expect(isFullAccess({ scope: 'vso.code app_token' })).toBe(true);
    expect(isFullAccess({ scope: 'vso.code' })).toBe(false);
    expect(isFullAccess({ scope: 'not_app_token' })).toBe(false);
  });
});
