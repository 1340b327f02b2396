import {
  alreadyRevokedMessage,
  ambiguousPatMessage,
  code,
  expiredCannotExtendMessage,
  expiredCannotExtendNextStep,
  globalPatMessage,
  invalidInputMessage,
  notOwnerMessage,
  renewedCappedMessage,
  renewedMessage,
  revokeConfirmMessage,
  throttledMessage,
  tokensPageUrl,
  unknownCommandMessage,
} from '../../src/core/messages';
import { errorLink } from '../../src/core/error-links';
import { CodedError } from '../../src/errors';
import { parseCommand } from '../../src/core/commands/parse-command';
import type { InvalidCommand } from '../../src/core/commands/parsed-command';

const NOW = new Date('2026-11-28T12:00:00Z');

function invalidOf(text: string, implicitPat = false): InvalidCommand {
  const parsed = parseCommand(text, implicitPat ? { implicitPat, prefix: '/pat' } : {});
  if (parsed.kind !== 'invalid') throw new Error(`expected invalid, got ${parsed.kind}`);
  return parsed;
}

describe('messages', () => {
  it('renewed', () => {
    expect(renewedMessage('nightly', new Date('2026-12-28T12:00:00Z'), NOW)).toBe(
      'Renewed `nightly` until Mon 28 Dec 2026 (in 30 days).',
    );
  });

  it('renewed but capped', () => {
    expect(renewedCappedMessage('nightly', new Date('2027-03-02T10:00:00Z'), 45)).toBe(
      'Renewed `nightly` until Tue 2 Mar 2027, 45 days less than asked: your organisation limits PAT lifetimes.',
    );
    expect(renewedCappedMessage('n', new Date('2027-03-02T10:00:00Z'), 1)).toContain('1 day less');
    expect(renewedCappedMessage('n', new Date('2027-03-02T10:00:00Z'), 200, 'UTC', true)).toBe(
      'Renewed `n` until Tue 2 Mar 2027, the longest your organisation allows.',
    );
  });

  it('expired cannot be extended: the next step names the page, the link is a button', () => {
    expect(expiredCannotExtendMessage('ci', new Date('2026-11-20T10:00:00Z'))).toBe(
      '`ci` expired on Fri 20 Nov 2026. Azure DevOps no longer lets expired PATs be extended.',
    );
    expect(expiredCannotExtendNextStep('ci')).toBe(
      'Create a replacement: press Create replacement, or type `pat recreate ci`.',
    );
    const expired = new CodedError('ado.pat_expired_cannot_extend', 'x', {
      nextStep: expiredCannotExtendNextStep('contoso'),
      details: { org: 'contoso' },
    });
    expect(errorLink(expired)).toEqual({
      title: 'Open Personal access tokens',
      url: 'https://dev.azure.com/contoso/_usersSettings/tokens',
    });
    expect(
      errorLink(new CodedError('ado.pat_not_found', 'x', { nextStep: 'y', details: { org: 'a' } })),
    ).toBe(undefined);
    expect(tokensPageUrl('my-org')).toBe('https://dev.azure.com/my-org/_usersSettings/tokens');
  });

  it('global PAT, before and after the retirement', () => {
    expect(globalPatMessage('all', NOW, 'UTC')).toBe(
      '`all` works in all your organisations. Azure DevOps stops all such PATs on Tue 1 Dec 2026: create organisation-scoped PATs instead.',
    );
    expect(globalPatMessage('all', new Date('2026-12-02T00:00:00Z'))).toContain('stopped all such PATs');
  });

  it('not owner, throttled, revoke', () => {
    expect(notOwnerMessage('Ada Lovelace')).toBe('Only Ada Lovelace can renew this PAT.');
    expect(notOwnerMessage('Ada', 'revoke')).toBe('Only Ada can revoke this PAT.');
    expect(throttledMessage(30)).toBe("Azure DevOps asked me to slow down. I'll try again in 30 seconds.");
    expect(throttledMessage(0.2)).toBe("Azure DevOps asked me to slow down. I'll try again in 1 second.");
    expect(revokeConfirmMessage('ci', 'contoso')).toMatch(/^Revoke `ci` in contoso\?/);
    expect(alreadyRevokedMessage('ci', 'contoso')).toBe(
      '`ci` in contoso is already revoked, so there was nothing to do.',
    );
  });

  it('unknown command, with the platform prefix', () => {
    expect(unknownCommandMessage('pat lsit', 'pat list')).toBe(
      "I didn't understand `pat lsit`. Did you mean `pat list`? Type `pat help` for everything I can do.",
    );
    expect(unknownCommandMessage('/pat lsit', '/pat list', '/pat')).toBe(
      "I didn't understand `/pat lsit`. Did you mean `/pat list`? Type `/pat help` for everything I can do.",
    );
  });

  it('invalidInputMessage picks the sentence from the parser result', () => {
    expect(invalidInputMessage(invalidOf('pat lsit'))).toBe(
      "I didn't understand `pat lsit`. Did you mean `pat list`? Type `pat help` for everything I can do.",
    );
    expect(invalidInputMessage(invalidOf('renew ci 400', true), '/pat')).toBe(
      'A renewal is from 1 to 365 days; 400 is outside that. For example: `/pat renew "nightly build" 90`.',
    );
  });

  it('code spans cannot be broken by backticks or newlines in names', () => {
    expect(code('a`b\nc')).toBe("`a'b c`");
  });

  it('ambiguous lists each candidate with a command by id', () => {
    const text = ambiguousPatMessage('ci', [
      { id: 'id-1', org: 'contoso', name: 'CI' },
      { id: 'id-2', org: 'fabrikam', name: 'ci' },
    ]);
    expect(text).toContain('2 PATs are called `ci`');
    expect(text).toContain('- `CI` in contoso: `pat renew id-1`');
    expect(text).toContain('- `ci` in fabrikam: `pat renew id-2`');
  });

  it('no message has an exclamation mark or "Oops"', () => {
    const all = [
      renewedMessage('x', NOW, NOW),
      renewedCappedMessage('x', NOW, 3),
      expiredCannotExtendMessage('x', NOW),
      globalPatMessage('x', NOW),
      notOwnerMessage('x'),
      throttledMessage(5),
      unknownCommandMessage('x', 'pat list'),
      revokeConfirmMessage('x', 'o'),
    ];
    for (const m of all) {
      expect(m).not.toContain('!');
      expect(m.toLowerCase()).not.toContain('oops');
    }
  });
});
