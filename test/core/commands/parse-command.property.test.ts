import fc from 'fast-check';
import { quoteName } from '../../../src/core/commands/render-command';
import { parseCommand } from '../../../src/core/commands/parse-command';
import type { ParsedCommand, RenewDuration } from '../../../src/core/commands/parsed-command';

const FRAGMENTS = [
  'pat',
  '/pat',
  'PAT',
  '<at>patbot</at>',
  '<at>',
  '</at>',
  '<p>',
  '&nbsp;',
  '&quot;',
  '&amp;',
  '&#39;',
  '&#x2019;',
  '&#0;',
  '&#xD800;',
  '&#99999999;',
  '&bogus;',
  '"',
  '“',
  '”',
  "'",
  '‘',
  '’',
  '«',
  '»',
  'renew',
  'revoke',
  'list',
  'orgs',
  'add',
  'remove',
  'snooze',
  'subscribe',
  'sign',
  'in',
  'help',
  'max',
  'days',
  '30',
  '30d',
  '-1',
  '0',
  '366',
  '2027-02-29',
  '2028-02-29',
  '9999-99-99',
  ' ',
  '  ',
  '\u00a0',
  '\u200b',
  '\u200d',
  '\t',
  '\n',
  '<@U1>',
  '@patbot',
  '.',
  '?',
  '!',
  '…',
  '/',
  '\\',
  '😀',
  'e\u0301',
  '\ud800',
  '日本',
  'ﬁ',
  '2f1c0a6e-1b3d-4c59-9e3a-8d7f6a5b4c3d',
];

const messy = fc.oneof(
  fc.string({ maxLength: 1200 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((parts) => parts.join('')),
  fc
    .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 5 })), { maxLength: 30 })
    .map((parts) => parts.join(' ')),
);

describe('parseCommand properties', () => {
  it('never throws and always returns a well-formed command (10,000 random inputs)', () => {
    fc.assert(
      fc.property(messy, fc.boolean(), (text, implicitPat) => {
        const result = parseCommand(text, { implicitPat });
        expect(typeof result.kind).toBe('string');
        if (result.kind === 'invalid') {
          expect(result.reason.length).toBeGreaterThan(0);
          expect(result.suggestion).toMatch(/^pat [a-z]/);
          expect(result.input.length).toBeLessThanOrEqual(200);
        }
        if ('target' in result) {
          expect(result.target.trim()).not.toBe('');
          expect(result.target.length).toBeLessThanOrEqual(256);
        }
        if (result.kind === 'renew' && result.duration?.kind === 'days') {
          expect(result.duration.days).toBeGreaterThanOrEqual(1);
          expect(result.duration.days).toBeLessThanOrEqual(365);
        }
        if (result.kind === 'snooze') {
          expect(result.days).toBeGreaterThanOrEqual(1);
          expect(result.days).toBeLessThanOrEqual(90);
        }
      }),
      { numRuns: 10000 },
    );
  });

  it('never throws on non-string input from a loosely typed caller', () => {
    expect(parseCommand(undefined as unknown as string).kind).toBe('invalid');
    expect(parseCommand(42 as unknown as string).kind).toBe('invalid');
  });
});

// ---- round trip: render a random valid command as a person might type it, parse it back ----

const letters = fc.constantFrom(
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789éüßÅΩ日本ñ'.split(''),
);
const inner = fc.constantFrom(...'abcXYZ019-_.#+é'.split(''));
const word = fc
  .tuple(letters, fc.string({ unit: inner, maxLength: 8 }), fc.option(letters, { nil: undefined }))
  .map(([a, mid, z]) => `${a}${mid}${z ?? ''}`);
const apostropheWord = fc.tuple(word, word).map(([a, b]) => `${a}'${b}`);
const name = fc
  .array(fc.oneof({ weight: 5, arbitrary: word }, { weight: 1, arbitrary: apostropheWord }), {
    minLength: 1,
    maxLength: 5,
  })
  .map((ws) => ws.join(' '));
const org = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{0,20}[A-Za-z0-9]$/);
const isoDate = fc
  .date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const duration: fc.Arbitrary<RenewDuration> = fc.oneof(
  fc.integer({ min: 1, max: 365 }).map((days) => ({ kind: 'days' as const, days })),
  fc.constant({ kind: 'max' as const }),
  isoDate.map((date) => ({ kind: 'date' as const, date })),
);
const pattern = fc
  .array(fc.string({ unit: fc.constantFrom(...'abcz09*-_'.split('')), minLength: 1, maxLength: 8 }), {
    minLength: 1,
    maxLength: 3,
  })
  .map((ws) => ws.join(' '));

const command: fc.Arbitrary<ParsedCommand> = fc.oneof(
  fc.constant<ParsedCommand>({ kind: 'list' }),
  org.map<ParsedCommand>((o) => ({ kind: 'list', org: o })),
  fc
    .tuple(name, fc.option(duration, { nil: undefined }))
    .map<ParsedCommand>(([target, d]) =>
      d ? { kind: 'renew', target, duration: d } : { kind: 'renew', target },
    ),
  name.map<ParsedCommand>((target) => ({ kind: 'revoke', target })),
  fc
    .tuple(name, fc.integer({ min: 1, max: 90 }))
    .map<ParsedCommand>(([target, days]) => ({ kind: 'snooze', target, days })),
  fc.constant<ParsedCommand>({ kind: 'subscribe' }),
  pattern.map<ParsedCommand>((p) => ({ kind: 'subscribe', pattern: p })),
  fc.constantFrom<ParsedCommand>(
    { kind: 'help' },
    { kind: 'signin' },
    { kind: 'signout' },
    { kind: 'unsubscribe' },
    { kind: 'subscriptions' },
    { kind: 'status' },
    { kind: 'orgs', action: 'show' },
  ),
  fc
    .tuple(fc.constantFrom('add' as const, 'remove' as const), org)
    .map<ParsedCommand>(([action, o]) => ({ kind: 'orgs', action, org: o })),
);

interface Style {
  casing: (s: string) => string;
  sep: () => string;
  prefix: string;
  quote: (n: string) => string;
  daysForm: number;
  trailing: string;
}

const QUOTES: Array<[string, string]> = [
  ['"', '"'],
  ["'", "'"],
  ['“', '”'],
  ['‘', '’'],
  ['&quot;', '&quot;'],
];

const style: fc.Arbitrary<Style> = fc
  .record({
    caseBits: fc.array(fc.boolean(), { minLength: 32, maxLength: 32 }),
    seps: fc.array(fc.constantFrom(' ', '  ', '\u00a0', '&nbsp;', ' \u200b '), {
      minLength: 16,
      maxLength: 16,
    }),
    prefix: fc.constantFrom(
      '',
      'pat ',
      '/pat ',
      'PAT ',
      '<at>patbot</at> pat ',
      '<at>Pat Bot</at> ',
      '@patbot pat ',
    ),
    quoteIndex: fc.integer({ min: -1, max: QUOTES.length - 1 }),
    daysForm: fc.integer({ min: 0, max: 2 }),
    trailing: fc.constantFrom('', '', '.', '?', ' .'),
  })
  .map(({ caseBits, seps, prefix, quoteIndex, daysForm, trailing }) => {
    let c = 0;
    let s = 0;
    return {
      casing: (w: string) =>
        [...w].map((ch) => (caseBits[c++ % caseBits.length] ? ch.toUpperCase() : ch.toLowerCase())).join(''),
      sep: () => seps[s++ % seps.length],
      prefix,
      quote: (n: string) => {
        const bare = quoteName(n);
        if (quoteIndex < 0 || (bare.startsWith('“') && quoteIndex < 2)) return bare;
        const [open, close] = QUOTES[quoteIndex];
        const clash =
          [open, close].some((q) => q.length === 1 && n.includes(q)) || (open === "'" && n.includes('’'));
        return clash ? bare : `${open}${n}${close}`;
      },
      daysForm,
      trailing,
    };
  });

function typed(cmd: ParsedCommand, st: Style): string {
  const days = (n: number): string[] =>
    st.daysForm === 0
      ? [String(n)]
      : st.daysForm === 1
        ? [`${n}${st.casing('d')}`]
        : [String(n), st.casing('days')];
  const words: string[] = [];
  switch (cmd.kind) {
    case 'list':
      words.push(st.casing('list'), ...(cmd.org ? [cmd.org] : []));
      break;
    case 'renew':
      words.push(st.casing('renew'), st.quote(cmd.target));
      if (cmd.duration?.kind === 'days') words.push(...days(cmd.duration.days));
      if (cmd.duration?.kind === 'max') words.push(st.casing('max'));
      if (cmd.duration?.kind === 'date') words.push(cmd.duration.date);
      break;
    case 'revoke':
      words.push(st.casing('revoke'), st.quote(cmd.target));
      break;
    case 'snooze':
      words.push(st.casing('snooze'), st.quote(cmd.target), ...days(cmd.days));
      break;
    case 'subscribe':
      words.push(st.casing('subscribe'), ...(cmd.pattern ? [st.quote(cmd.pattern)] : []));
      break;
    case 'orgs':
      words.push(st.casing('orgs'), ...(cmd.action === 'show' ? [] : [st.casing(cmd.action), cmd.org]));
      break;
    default:
      words.push(st.casing(cmd.kind));
  }
  return st.prefix + words.join(st.sep()) + st.trailing;
}

describe('round trip', () => {
  it('a valid command typed in any case, spacing and quoting parses back to itself', () => {
    fc.assert(
      fc.property(command, style, fc.boolean(), (cmd, st, implicitPat) => {
        const text = typed(cmd, st);
        expect(parseCommand(text, { implicitPat })).toEqual(cmd);
      }),
      { numRuns: 3000 },
    );
  });
});
