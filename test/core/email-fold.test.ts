import { foldEmail, sameEmail } from '../../src/core/email-fold';

describe('foldEmail / sameEmail', () => {
  it('matches case-insensitively and ignores surrounding space', () => {
    expect(sameEmail(' Alice@Contoso.Example ', 'alice@contoso.example')).toBe(true);
    expect(foldEmail('ALICE@CONTOSO.EXAMPLE')).toBe('alice@contoso.example');
    expect(sameEmail('alice@contoso.example', 'alicia@contoso.example')).toBe(false);
  });

  it('refuses the Kelvin sign (U+212A), which lower-cases to an ASCII k', () => {
    expect('\u212Aate'.toLowerCase()).toBe('kate'); // why plain toLowerCase() is not enough
    expect(foldEmail('\u212Aate@contoso.example')).toBeNull();
    expect(sameEmail('\u212Aate@contoso.example', 'kate@contoso.example')).toBe(false);
    expect(sameEmail('kate@contoso.example', '\u212Aate@contoso.example')).toBe(false);
  });

  it('refuses fullwidth letters, ligatures, the Ohm, Angstrom and micro signs', () => {
    for (const spoof of [
      '\uFF41lice@contoso.example', // fullwidth a
      'ali\uFF43e@contoso.example', // fullwidth c
      'alice@contoso\uFF0Eexample', // fullwidth full stop
      '\uFB01nance@contoso.example', // "fi" ligature
      '\u2126mega@contoso.example', // OHM SIGN
      '\u212Bsa@contoso.example', // ANGSTROM SIGN
      '\u00B5ller@contoso.example', // MICRO SIGN
    ]) {
      expect([spoof, foldEmail(spoof)]).toEqual([spoof, null]);
    }
    expect(sameEmail('\uFF41lice@contoso.example', 'alice@contoso.example')).toBe(false);
  });

  it('keeps the Turkish dotless i apart from i, and İ apart from I', () => {
    expect(foldEmail('al\u0131ce@contoso.example')).toBe('al\u0131ce@contoso.example');
    expect(sameEmail('al\u0131ce@contoso.example', 'alice@contoso.example')).toBe(false);
    expect(sameEmail('\u0130rem@contoso.example', 'irem@contoso.example')).toBe(false);
    expect(sameEmail('\u0130rem@contoso.example', 'i\u0307rem@contoso.example')).toBe(true);
  });

  it('keeps ß apart from ss (no full case folding), but ẞ lower-cases to ß', () => {
    expect(sameEmail('stra\u00DFe@contoso.example', 'strasse@contoso.example')).toBe(false);
    expect(sameEmail('STRA\u1E9EE@contoso.example', 'stra\u00DFe@contoso.example')).toBe(true);
  });

  it('matches canonically equivalent spellings (precomposed é and e + combining acute)', () => {
    expect(sameEmail('ren\u00E9@contoso.example', 'rene\u0301@contoso.example')).toBe(true);
    expect(sameEmail('REN\u00C9@contoso.example', 'rene\u0301@contoso.example')).toBe(true);
    expect(sameEmail('rene\u0301@contoso.example', 'rene@contoso.example')).toBe(false);
  });

  it('refuses empty and oversized addresses', () => {
    expect(foldEmail('   ')).toBeNull();
    expect(foldEmail(`${'a'.repeat(320)}@x`)).toBeNull();
    expect(sameEmail('', '')).toBe(false);
  });
});
