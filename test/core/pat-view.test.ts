import type { Pat } from '../../src/core/pat';
import { sortPats } from '../../src/core/pat-sort';
import { sortPatViews, toPatView } from '../../src/core/pat-view';

const NOW = new Date('2026-11-28T12:00:00Z');
const DAY = 86_400_000;

function pat(name: string, daysFromNow: number, extra: Partial<Pat> = {}): Pat {
  return {
    id: `id-${name}`,
    name,
    org: 'contoso',
    scope: 'vso.code_write vso.build',
    targetAccounts: ['org-id'],
    validFrom: new Date(NOW.getTime() - 30 * DAY),
    validTo: new Date(NOW.getTime() + daysFromNow * DAY),
    ...extra,
  };
}

describe('toPatView', () => {
  it('builds every field a channel renders', () => {
    const view = toPatView(
      pat('deploy', 5, { validTo: new Date('2026-12-03T09:00:00Z') }),
      NOW,
      'Europe/Berlin',
    );
    expect(view).toEqual({
      id: 'id-deploy',
      name: 'deploy',
      org: 'contoso',
      scopeSummary: 'Code (read & write), Build (read)',
      status: 'expires_soon',
      daysLeft: 5,
      expiresOn: 'Thu 3 Dec 2026',
      relative: 'in 5 days',
      expiresAt: '2026-12-03T09:00:00.000Z',
      validTo: '2026-12-03T09:00:00.000Z',
      timeZoneLabel: 'Europe/Berlin',
      flags: { allOrgs: false, fullAccess: false, endsAtGlobalRetirement: false },
      warnings: [],
    });
  });

  it('says UTC when the zone is unknown', () => {
    expect(toPatView(pat('a', 40), NOW).timeZoneLabel).toBe('UTC');
    expect(toPatView(pat('a', 40), NOW, 'Nowhere/Land').timeZoneLabel).toBe('UTC');
  });

  it('a global full-access PAT shows the retirement as its expiry and both flag lines', () => {
    const view = toPatView(pat('old', 200, { targetAccounts: null, scope: 'app_token' }), NOW, 'UTC');
    expect(view.status).toBe('expires_soon');
    expect(view.daysLeft).toBe(3);
    expect(view.expiresOn).toBe('Tue 1 Dec 2026');
    expect(view.relative).toBe('in 3 days');
    expect(view.validTo).not.toBe(view.expiresAt);
    expect(view.flags).toEqual({ allOrgs: true, fullAccess: true, endsAtGlobalRetirement: true });
    expect(view.scopeSummary).toBe('Full access');
    expect(view.warnings).toEqual([
      'All organisations: stops working on Tue 1 Dec 2026',
      'Full access: consider narrower scopes',
    ]);
  });

  it('an expired PAT reads "N days ago" with negative days', () => {
    const view = toPatView(pat('gone', -2), NOW);
    expect(view.status).toBe('expired');
    expect(view.daysLeft).toBe(-2);
    expect(view.relative).toBe('2 days ago');
  });

  it('a revoked PAT has no warnings', () => {
    const view = toPatView(pat('r', 10, { revoked: true, scope: 'app_token', targetAccounts: null }), NOW);
    expect(view.status).toBe('revoked');
    expect(view.warnings).toEqual([]);
  });
});

describe('sortPatViews and sortPats', () => {
  const pats = [
    pat('revoked-soon', 1, { revoked: true }),
    pat('active-60', 60),
    pat('expired-long-ago', -30),
    pat('soon-2', 2),
    pat('expired-yesterday', -1),
    pat('global', 300, { targetAccounts: null }), // ends 1 Dec: 2.5 days
    pat('Beta-10', 10),
    pat('alpha-10', 10),
  ];
  const expected = [
    'soon-2',
    'global',
    'alpha-10',
    'Beta-10',
    'active-60',
    'expired-yesterday',
    'expired-long-ago',
    'revoked-soon',
  ];

  it('puts live PATs soonest first, then expired (most recent first), then revoked', () => {
    const views = pats.map((p) => toPatView(p, NOW));
    expect(sortPatViews(views).map((v) => v.name)).toEqual(expected);
  });

  it('sortPats gives the same order and does not mutate its input', () => {
    const before = pats.map((p) => p.name);
    expect(sortPats(pats, NOW).map((p) => p.name)).toEqual(expected);
    expect(pats.map((p) => p.name)).toEqual(before);
  });
});
