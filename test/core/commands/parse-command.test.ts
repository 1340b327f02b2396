import { parseCommand } from '../../../src/core/commands/parse-command';
import type { ParsedCommand } from '../../../src/core/commands/parsed-command';

const ID = '2f1c0a6e-1b3d-4c59-9e3a-8d7f6a5b4c3d';

describe('parseCommand: valid commands', () => {
  it.each<[string, ParsedCommand]>([
    ['pat list', { kind: 'list' }],
    ['list', { kind: 'list' }],
    ['/pat list', { kind: 'list' }],
    ['/list', { kind: 'list' }],
    ['PAT LIST', { kind: 'list' }],
    ['pat list Contoso', { kind: 'list', org: 'Contoso' }],
    ['pat ls', { kind: 'list' }],
    ['pat list.', { kind: 'list' }],
    ['pat list?!', { kind: 'list' }],
    ['<at>patbot</at> pat list', { kind: 'list' }],
    ['<at>PAT Bot</at>&nbsp;pat&nbsp;list', { kind: 'list' }],
    ['<p><at>patbot</at> pat list</p>', { kind: 'list' }],
    ['<@U0123ABC> list', { kind: 'list' }],
    ['@patbot pat list', { kind: 'list' }],
    ['\u00a0 pat \u200b list \u3000', { kind: 'list' }],
    ['   pat    list   ', { kind: 'list' }],
    ['', { kind: 'help' }],
    ['<at>patbot</at>', { kind: 'help' }],
    ['pat', { kind: 'help' }],
    ['pat help', { kind: 'help' }],
    ['help renew', { kind: 'help' }],
    ['?', { kind: 'help' }],
    ['pat renew nightly', { kind: 'renew', target: 'nightly' }],
    ['pat recreate "nightly build"', { kind: 'recreate', target: 'nightly build' }],
    ['pat replace nightly', { kind: 'recreate', target: 'nightly' }],
    ['/pat ROTATE Deploy-Prod', { kind: 'rotate', target: 'Deploy-Prod' }],
    [
      'pat renew NightlyBuild 90',
      { kind: 'renew', target: 'NightlyBuild', duration: { kind: 'days', days: 90 } },
    ],
    ['pat renew nightly 30d', { kind: 'renew', target: 'nightly', duration: { kind: 'days', days: 30 } }],
    ['pat renew nightly 45 days', { kind: 'renew', target: 'nightly', duration: { kind: 'days', days: 45 } }],
    ['pat renew nightly MAX', { kind: 'renew', target: 'nightly', duration: { kind: 'max' } }],
    [
      'pat renew nightly 2027-02-28',
      { kind: 'renew', target: 'nightly', duration: { kind: 'date', date: '2027-02-28' } },
    ],
    [
      'pat renew nightly 2028-02-29.',
      { kind: 'renew', target: 'nightly', duration: { kind: 'date', date: '2028-02-29' } },
    ],
    [
      'pat renew "Nightly Build" 90',
      { kind: 'renew', target: 'Nightly Build', duration: { kind: 'days', days: 90 } },
    ],
    ["pat renew 'Nightly Build' max", { kind: 'renew', target: 'Nightly Build', duration: { kind: 'max' } }],
    [
      'pat renew “Nightly Build” 90',
      { kind: 'renew', target: 'Nightly Build', duration: { kind: 'days', days: 90 } },
    ],
    ['pat renew ‘Nightly Build’', { kind: 'renew', target: 'Nightly Build' }],
    [
      'pat renew &quot;Nightly Build&quot; 90',
      { kind: 'renew', target: 'Nightly Build', duration: { kind: 'days', days: 90 } },
    ],
    ['pat renew "Bob\'s PAT"', { kind: 'renew', target: "Bob's PAT" }],
    ["pat renew 'Bob's PAT'", { kind: 'renew', target: "Bob's PAT" }],
    ['pat renew "v1.2".', { kind: 'renew', target: 'v1.2' }],
    ['pat renew "unterminated name', { kind: 'renew', target: 'unterminated name' }],
    [
      'pat renew Nightly Build 90',
      { kind: 'renew', target: 'Nightly Build', duration: { kind: 'days', days: 90 } },
    ],
    ['pat renew "90"', { kind: 'renew', target: '90' }],
    ['pat renew 90', { kind: 'renew', target: '90' }],
    ['pat renew "build" "90"', { kind: 'renew', target: 'build 90' }],
    [`pat renew ${ID} 30`, { kind: 'renew', target: ID, duration: { kind: 'days', days: 30 } }],
    ['pat extend ci 1', { kind: 'renew', target: 'ci', duration: { kind: 'days', days: 1 } }],
    ['pat renew ci 365', { kind: 'renew', target: 'ci', duration: { kind: 'days', days: 365 } }],
    ['pat revoke "old deploy"', { kind: 'revoke', target: 'old deploy' }],
    [`Revoke ${ID}`, { kind: 'revoke', target: ID }],
    ['pat snooze ci 7', { kind: 'snooze', target: 'ci', days: 7 }],
    ['pat snooze "CI build" 90 days', { kind: 'snooze', target: 'CI build', days: 90 }],
    ['pat subscribe', { kind: 'subscribe' }],
    ['pat subscribe Deploy-*', { kind: 'subscribe', pattern: 'Deploy-*' }],
    ['pat subscribe "release *"', { kind: 'subscribe', pattern: 'release *' }],
    ['pat unsubscribe', { kind: 'unsubscribe' }],
    ['pat subscriptions', { kind: 'subscriptions' }],
    ['pat orgs', { kind: 'orgs', action: 'show' }],
    ['pat org list', { kind: 'orgs', action: 'show' }],
    ['pat orgs add Fabrikam-2', { kind: 'orgs', action: 'add', org: 'Fabrikam-2' }],
    ['pat orgs REMOVE contoso', { kind: 'orgs', action: 'remove', org: 'contoso' }],
    ['pat orgs rm contoso', { kind: 'orgs', action: 'remove', org: 'contoso' }],
    ['pat signin', { kind: 'signin' }],
    ['pat sign in', { kind: 'signin' }],
    ['pat login', { kind: 'signin' }],
    ['pat signout', { kind: 'signout' }],
    ['pat Sign Out', { kind: 'signout' }],
    ['pat status', { kind: 'status' }],
    ['/pat pat list', { kind: 'list' }],
  ])('%j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it('implicitPat (Slack) parses the same commands', () => {
    expect(parseCommand('list', { implicitPat: true })).toEqual({ kind: 'list' });
    expect(parseCommand('renew ci max', { implicitPat: true })).toEqual({
      kind: 'renew',
      target: 'ci',
      duration: { kind: 'max' },
    });
  });
});

describe('parseCommand: invalid input', () => {
  it.each<[string, RegExp, string]>([
    ['pat lsit', /"lsit" is not a command/, 'pat list'],
    ['pat renw ci 30', /"renw"/, 'pat renew ci 30'],
    ['pat revok "old one"', /"revok"/, 'pat revoke "old one"'],
    ['pat subscirbe', /not a command/, 'pat subscribe'],
    ['pat signn', /not a command/, 'pat signin'],
    ['hello there', /"hello"/, 'pat help'],
    ['pat xyzzyplugh', /not a command/, 'pat help'],
    ['pat renew', /Say which PAT to renew/, 'pat renew "nightly build" 90'],
    ['pat renew ""', /Say which PAT to renew/, 'pat renew "nightly build" 90'],
    ['pat renew ci 0', /from 1 to 365 days; 0 is outside/, 'pat renew "nightly build" 90'],
    ['pat renew ci 366', /366 is outside/, 'pat renew "nightly build" 90'],
    ['pat renew ci -5', /-5 is outside/, 'pat renew "nightly build" 90'],
    ['pat renew ci 2027-02-29', /2027-02-29 is not a date/, 'pat renew "nightly build" 90'],
    ['pat renew ci 2027-04-31', /not a date/, 'pat renew "nightly build" 90'],
    ['pat renew ci 2027-13-01', /not a date/, 'pat renew "nightly build" 90'],
    ['pat revoke', /Say which PAT to revoke/, 'pat revoke old-deploy'],
    ['pat snooze ci', /how many days/, 'pat snooze "nightly build" 7'],
    ['pat snooze ci 91', /1 to 90 days; 91 is outside/, 'pat snooze "nightly build" 7'],
    ['pat snooze ci 0', /0 is outside/, 'pat snooze "nightly build" 7'],
    ['pat list contoso fabrikam', /at most one organisation/, 'pat list'],
    ['pat list -bad', /-bad is not an Azure DevOps organisation name/, 'pat list contoso'],
    ['pat list my_org', /not an Azure DevOps organisation name/, 'pat list contoso'],
    ['pat orgs add', /Say which one organisation to add/, 'pat orgs add contoso'],
    ['pat orgs add a b', /Say which one organisation to add/, 'pat orgs add contoso'],
    ['pat orgs add bad.org', /not an Azure DevOps organisation name/, 'pat orgs add contoso'],
    ['pat orgs contoso', /pat orgs/, 'pat orgs add contoso'],
    ['pat signin now', /takes nothing after it/, 'pat signin'],
    ['pat unsubscribe all', /takes nothing after it/, 'pat unsubscribe'],
  ])('%j', (text, reason, suggestion) => {
    const result = parseCommand(text);
    expect(result.kind).toBe('invalid');
    if (result.kind === 'invalid') {
      expect(result.reason).toMatch(reason);
      expect(result.suggestion).toBe(suggestion);
      expect(result.input).toBe(text.replace(/&quot;/g, '"'));
    }
  });

  it('rejects input over 1,000 characters with a clear reason and a clipped echo', () => {
    const result = parseCommand(`pat list ${'x'.repeat(1000)}`);
    expect(result).toMatchObject({ kind: 'invalid', suggestion: 'pat help' });
    if (result.kind === 'invalid') {
      expect(result.reason).toBe('That message is too long (1,009 characters); commands are at most 1,000.');
      expect(result.input.length).toBeLessThanOrEqual(200);
    }
    expect(parseCommand(`pat list${' '.repeat(992)}`)).toEqual({ kind: 'list' });
    expect(parseCommand(`pat list${' '.repeat(993)}`).kind).toBe('invalid');
  });

  it('rejects a 257-character name', () => {
    expect(parseCommand(`pat revoke ${'n'.repeat(257)}`)).toMatchObject({
      kind: 'invalid',
      reason: /too long/,
    });
    expect(parseCommand(`pat revoke ${'n'.repeat(256)}`)).toMatchObject({ kind: 'revoke' });
  });

  it('echoes Slack input with /pat under implicitPat', () => {
    expect(parseCommand('lsit', { implicitPat: true })).toMatchObject({
      input: '/pat lsit',
      suggestion: 'pat list',
    });
    expect(parseCommand('lsit')).toMatchObject({ input: 'lsit' });
  });

  it('tells unknown commands, wrong arguments and oversize input apart by code', () => {
    expect(parseCommand('pat lsit')).toMatchObject({ code: 'input.unknown_command' });
    expect(parseCommand('"quoted" list')).toMatchObject({ code: 'input.unknown_command' });
    expect(parseCommand('pat renew ci 0')).toMatchObject({ code: 'input.invalid' });
    expect(parseCommand('x'.repeat(1001))).toMatchObject({ code: 'input.too_large' });
  });

  it('echoes cleaned input without markup', () => {
    expect(parseCommand('<at>patbot</at> pat lsit&nbsp;')).toMatchObject({ input: 'pat lsit' });
  });
});
