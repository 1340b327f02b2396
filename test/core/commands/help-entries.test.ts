import { helpEntries } from '../../../src/core/commands/help-entries';
import { parseCommand } from '../../../src/core/commands/parse-command';
import { renderCommand } from '../../../src/core/commands/render-command';

describe('helpEntries', () => {
  it('covers the ux.md command table in order', () => {
    expect(helpEntries().map((e) => e.usage)).toEqual([
      'pat list [org]',
      'pat renew <name> [30|90|max|yyyy-mm-dd]',
      'pat revoke <name>',
      'pat recreate <name>',
      'pat rotate <name>',
      'pat snooze <name> <days>',
      'pat subscribe [name-pattern]',
      'pat unsubscribe',
      'pat subscriptions',
      'pat orgs [add|remove <org>]',
      'pat signin',
      'pat signout',
      'pat help',
    ]);
  });

  it('every example parses to its own command kind, on both platforms', () => {
    for (const entry of helpEntries({ admin: true })) {
      expect(parseCommand(entry.example).kind).toBe(entry.kind);
    }
    for (const entry of helpEntries({ prefix: '/pat' })) {
      expect(entry.example.startsWith('/pat ')).toBe(true);
      expect(entry.usage.startsWith('/pat ')).toBe(true);
      expect(parseCommand(entry.example.replace(/^\/pat /, ''), { implicitPat: true }).kind).toBe(entry.kind);
    }
  });

  it('lists status only for administrators', () => {
    expect(helpEntries().some((e) => e.kind === 'status')).toBe(false);
    expect(helpEntries({ admin: true }).some((e) => e.kind === 'status')).toBe(true);
  });
});

describe('renderCommand', () => {
  it.each([
    [
      { kind: 'renew' as const, target: 'Nightly Build', duration: { kind: 'days' as const, days: 90 } },
      'pat renew "Nightly Build" 90',
    ],
    [{ kind: 'renew' as const, target: 'ci', duration: { kind: 'max' as const } }, 'pat renew ci max'],
    [{ kind: 'renew' as const, target: '30' }, 'pat renew "30"'],
    [{ kind: 'revoke' as const, target: 'say "hi"' }, 'pat revoke \'say "hi"\''],
    [{ kind: 'snooze' as const, target: 'ci.', days: 7 }, 'pat snooze "ci." 7'],
    [{ kind: 'orgs' as const, action: 'add' as const, org: 'contoso' }, 'pat orgs add contoso'],
    [{ kind: 'list' as const }, 'pat list'],
    [{ kind: 'signin' as const }, 'pat signin'],
  ])('%j → %s', (cmd, text) => {
    expect(renderCommand(cmd)).toBe(text);
    expect(parseCommand(text)).toEqual(cmd);
  });
});

describe('help for renew names the one-click length', () => {
  it('says 90 days by default and RENEW_DEFAULT_DAYS when set', () => {
    const renew = (days?: number) => helpEntries({ renewDays: days }).find((e) => e.kind === 'renew')!;
    expect(renew().description).toBe('extend one PAT (90 days when no length is given)');
    expect(renew(45).description).toBe('extend one PAT (45 days when no length is given)');
  });
});
