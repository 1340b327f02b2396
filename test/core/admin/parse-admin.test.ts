/** `pat admin …` through the real parser: the four forms, defaults, and refusals with a suggestion. */
import { parseCommand } from '../../../src/core/commands/parse-command';

describe('parseCommand: pat admin', () => {
  it.each([
    ['pat admin watch contoso', { kind: 'admin', action: 'watch', org: 'contoso' }],
    ['/pat admin unwatch Contoso', { kind: 'admin', action: 'unwatch', org: 'Contoso' }],
    ['pat ADMIN status', { kind: 'admin', action: 'status' }],
    ['pat admin expiring contoso', { kind: 'admin', action: 'expiring', org: 'contoso', days: 14 }],
    ['pat admin expiring contoso 30', { kind: 'admin', action: 'expiring', org: 'contoso', days: 30 }],
    ['pat admin expiring contoso 7d', { kind: 'admin', action: 'expiring', org: 'contoso', days: 7 }],
  ])('%s', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it.each([
    ['pat admin', 'pat admin status'],
    ['pat admin watch', 'pat admin watch contoso'],
    ['pat admin watch not_an/org', 'pat admin watch contoso'],
    ['pat admin expiring contoso 0', 'pat admin expiring contoso 14'],
    ['pat admin expiring contoso 366', 'pat admin expiring contoso 14'],
    ['pat admin expiring contoso soon', 'pat admin expiring contoso 14'],
    ['pat admin status now', 'pat admin status'],
    ['pat admin revoke contoso', 'pat admin status'],
  ])('refuses %s, suggesting %s', (text, suggestion) => {
    expect(parseCommand(text)).toMatchObject({ kind: 'invalid', code: 'input.invalid', suggestion });
  });
});
