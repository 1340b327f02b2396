import fc from 'fast-check';
import { ACTION_VERBS, signAction, verifyAction, type ActionPayload } from '../../src/core/action-token';

const KEY = Buffer.alloc(32, 9);
const NOW = new Date('2026-11-28T12:00:00Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';

const payload: fc.Arbitrary<ActionPayload> = fc.record(
  {
    v: fc.constantFrom(...ACTION_VERBS),
    o: fc.string({ minLength: 1, maxLength: 200, unit: 'grapheme' }).filter((s) => s.length <= 200),
    g: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{0,30}[A-Za-z0-9]$/),
    p: fc.uuid(),
    x: fc.integer({ min: nowSeconds + 1, max: nowSeconds + 30 * 86400 }),
    d: fc.oneof(
      fc.integer({ min: 1, max: 365 }),
      fc.constant('max' as const),
      fc
        .date({ min: new Date('2026-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
    ),
  },
  { requiredKeys: ['v', 'o', 'g', 'p', 'x'] },
);

describe('action token properties', () => {
  it('every signed payload verifies to itself and fits a Slack button', () => {
    fc.assert(
      fc.property(payload, (p) => {
        const value = signAction(KEY, p);
        expect(value.length).toBeLessThanOrEqual(2000);
        expect(verifyAction(KEY, value, NOW)).toEqual({ ok: true, payload: p });
      }),
      { numRuns: 500 },
    );
  });

  it('changing any one character is detected', () => {
    fc.assert(
      fc.property(payload, fc.nat(), fc.constantFrom(...B64URL.split('')), (p, at, ch) => {
        const value = signAction(KEY, p);
        const i = at % value.length;
        fc.pre(value[i] !== ch);
        const changed = value.slice(0, i) + ch + value.slice(i + 1);
        const result = verifyAction(KEY, changed, NOW);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error.code).toBe('action.tampered');
      }),
      { numRuns: 2000 },
    );
  });
});
