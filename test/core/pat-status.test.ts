import type { Pat } from '../../src/core/pat';
import {
  daysLeft,
  effectiveExpiry,
  GLOBAL_PAT_RETIREMENT,
  isGlobalPat,
  patStatus,
} from '../../src/core/pat-status';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = new Date('2026-06-01T12:00:00Z');

function pat(validToOffsetMs: number, extra: Partial<Pat> = {}): Pat {
  return {
    id: 'a',
    name: 'n',
    org: 'contoso',
    scope: 'vso.code',
    targetAccounts: ['org-id'],
    validFrom: new Date(NOW.getTime() - DAY),
    validTo: new Date(NOW.getTime() + validToOffsetMs),
    ...extra,
  };
}

describe('patStatus and daysLeft', () => {
  it.each([
    ['40 days left', 40 * DAY, 'active', 40],
    ['exactly 30 days 1 ms', 30 * DAY + 1, 'active', 31],
    ['exactly 30 days', 30 * DAY, 'expiring', 30],
    ['8 days', 8 * DAY, 'expiring', 8],
    ['exactly 7 days', 7 * DAY, 'expires_soon', 7],
    ['7 days and 1 hour', 7 * DAY + HOUR, 'expiring', 8],
    ['2 hours', 2 * HOUR, 'expires_soon', 1],
    ['1 ms', 1, 'expires_soon', 1],
    ['exactly now', 0, 'expired', -1],
    ['2 hours ago', -2 * HOUR, 'expired', -1],
    ['3 days ago', -3 * DAY, 'expired', -3],
    ['3 days 1 hour ago', -3 * DAY - HOUR, 'expired', -4],
  ] as const)('%s → %s, %i days', (_label, offset, status, days) => {
    expect(patStatus(pat(offset), NOW)).toBe(status);
    expect(daysLeft(pat(offset), NOW)).toBe(days);
  });

  it('revoked wins over any date', () => {
    expect(patStatus(pat(100 * DAY, { revoked: true }), NOW)).toBe('revoked');
    expect(patStatus(pat(-100 * DAY, { revoked: true }), NOW)).toBe('revoked');
    expect(patStatus(pat(100 * DAY, { revoked: false }), NOW)).toBe('active');
  });
});

describe('global PATs', () => {
  it('isGlobalPat is true only for targetAccounts null', () => {
    expect(isGlobalPat({ targetAccounts: null })).toBe(true);
    expect(isGlobalPat({ targetAccounts: [] })).toBe(false);
    expect(isGlobalPat({ targetAccounts: ['x'] })).toBe(false);
  });

  it('retirement is 2026-12-01T00:00:00Z', () => {
    expect(GLOBAL_PAT_RETIREMENT.toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });

  it('a global PAT valid past the retirement ends at the retirement', () => {
    const now = new Date('2026-11-28T12:00:00Z');
    const p: Pat = { ...pat(0), targetAccounts: null, validTo: new Date('2027-05-01T00:00:00Z') };
    expect(effectiveExpiry(p)).toEqual({ at: GLOBAL_PAT_RETIREMENT, byGlobalRetirement: true });
    expect(daysLeft(p, now)).toBe(3); // 2.5 days, rounded up
    expect(patStatus(p, now)).toBe('expires_soon');
    expect(patStatus(p, new Date('2026-12-01T00:00:01Z'))).toBe('expired');
  });

  it('a global PAT that expires before the retirement keeps its validTo', () => {
    const validTo = new Date('2026-11-29T00:00:00Z');
    const p: Pat = { ...pat(0), targetAccounts: null, validTo };
    expect(effectiveExpiry(p)).toEqual({ at: validTo, byGlobalRetirement: false });
  });

  it('an org-scoped PAT is not cut by the retirement', () => {
    const p: Pat = { ...pat(0), validTo: new Date('2027-05-01T00:00:00Z') };
    expect(effectiveExpiry(p).byGlobalRetirement).toBe(false);
    expect(patStatus(p, new Date('2026-12-02T00:00:00Z'))).toBe('active');
  });
});
