/** The shared status label and tone ladder (core), the number format, and the contrast check. */
import { contrastRatio, WCAG_AA_TEXT } from '../../src/core/contrast';
import { formatCount, formatNumber } from '../../src/core/format-number';
import { patStatus } from '../../src/core/pat-status';
import { daysLeftTone, statusLabel, statusTone } from '../../src/core/status-label';
import { nearestPatName } from '../../src/core/use-cases/suggest-pat-name';

const NOW = new Date('2026-06-01T12:00:00Z');
const DAY = 86_400_000;
const view = (days: number) => {
  const pat = { targetAccounts: ['x'], validTo: new Date(NOW.getTime() + days * DAY) };
  return patStatus(pat, NOW);
};

describe('status label and tone ladder', () => {
  it('says how many days are left instead of near-synonyms', () => {
    expect(statusLabel(view(1), 1)).toBe('Expires in 1 day');
    expect(statusLabel(view(5), 5)).toBe('Expires in 5 days');
    expect(statusLabel(view(20), 20)).toBe('Expires in 20 days');
    expect(statusLabel(view(400), 400)).toBe('Expires in 400 days');
    expect(statusLabel(view(-2), -2)).toBe('Expired');
    expect(statusLabel('revoked', 10)).toBe('Revoked');
  });

  it('puts every status on one ladder: attention ≤ 7 days or expired, notice ≤ 30, calm after', () => {
    expect([-3, 1, 7, 8, 30, 31].map((d) => statusTone(view(d)))).toEqual([
      'attention',
      'attention',
      'attention',
      'notice',
      'notice',
      'calm',
    ]);
    expect(statusTone('revoked')).toBe('muted');
    expect([0, 7, 8, 30, 31].map(daysLeftTone)).toEqual([
      'attention',
      'attention',
      'notice',
      'notice',
      'calm',
    ]);
  });
});

describe('numbers, one way', () => {
  it('groups digits and picks the unit by the count', () => {
    expect(formatNumber(1009)).toBe('1,009');
    expect(formatCount(1, 'day')).toBe('1 day');
    expect(formatCount(-1, 'day')).toBe('-1 day');
    expect(formatCount(2, 'PAT')).toBe('2 PATs');
    expect(formatCount(12_000, 'character')).toBe('12,000 characters');
  });

  it('formats small whole numbers without Intl exactly as Intl does, and everything else with it', () => {
    const intl = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
    for (const n of [
      0,
      -0,
      1,
      -1,
      7,
      42,
      999,
      -999,
      1000,
      -1000,
      2.5,
      -2.5,
      0.4,
      999.6,
      1e21,
      NaN,
      Infinity,
    ]) {
      expect(formatNumber(n)).toBe(intl.format(n));
    }
  });
});

describe('contrastRatio (WCAG 2.x)', () => {
  it('matches the known extremes and values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#fff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#ff252424', '#ffffff')).toBeCloseTo(contrastRatio('#252424', '#fff'), 5);
  });

  it('fails bright yellow on white and passes the sign-in page text colour', () => {
    expect(contrastRatio('#f8d22a', '#ffffff')).toBeLessThan(WCAG_AA_TEXT);
    expect(contrastRatio('#1f2328', '#ffffff')).toBeGreaterThanOrEqual(WCAG_AA_TEXT);
    expect(() => contrastRatio('yellow', '#fff')).toThrow('not a colour');
  });
});

describe('nearestPatName (did you mean)', () => {
  const names = ['build-agent', 'nightly build', 'prod'];
  it('finds a typo, case-insensitively, and nothing for a different name', () => {
    expect(nearestPatName('build-agnet', names)).toBe('build-agent');
    expect(nearestPatName('NIGHTLY BUIDL', names)).toBe('nightly build');
    expect(nearestPatName('prd', names)).toBe('prod');
    expect(nearestPatName('deploy', names)).toBeUndefined();
    expect(nearestPatName('', names)).toBeUndefined();
  });
});
