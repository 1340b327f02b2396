import { CodedError } from '../../src/errors';
import { parseDatabaseUrl } from '../../src/store/database-url';

describe('parseDatabaseUrl', () => {
  const cwd = '/srv/patbot';

  it.each([
    ['sqlite:./data/patbot.db', '/srv/patbot/data/patbot.db'],
    ['sqlite:data/patbot.db', '/srv/patbot/data/patbot.db'],
    ['sqlite:/var/lib/patbot/p.db', '/var/lib/patbot/p.db'],
    ['sqlite:///var/lib/patbot/p.db', '/var/lib/patbot/p.db'],
    ['file:./x.db', '/srv/patbot/x.db'],
    ['file:///var/lib/x.db', '/var/lib/x.db'],
    ['./data/bare.db', '/srv/patbot/data/bare.db'],
    ['/abs/bare.sqlite3', '/abs/bare.sqlite3'],
    ['  sqlite:./trimmed.db  ', '/srv/patbot/trimmed.db'],
  ])('%s is the file %s', (url, file) => {
    expect(parseDatabaseUrl(url, cwd)).toEqual({ kind: 'sqlite-file', path: file });
  });

  it('recognises the in-memory form', () => {
    expect(parseDatabaseUrl('sqlite::memory:', cwd)).toEqual({ kind: 'sqlite-memory' });
  });

  it.each(['postgres://u:p@db/patbot', 'postgresql://db/patbot'])('%s is PostgreSQL', (url) => {
    expect(parseDatabaseUrl(url, cwd)).toEqual({ kind: 'postgres', url });
  });

  it.each(['mysql://db/patbot', 'sqlite:', 'patbot', 'file:./x.db?mode=ro', 'https://host/x.db'])(
    '%s is refused as config.invalid',
    (url) => {
      let caught: unknown;
      try {
        parseDatabaseUrl(url, cwd);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(CodedError);
      expect((caught as CodedError).code).toBe('config.invalid');
      expect((caught as CodedError).nextStep).toMatch(/sqlite:/);
    },
  );

  it('never repeats a password in its message', () => {
    expect(() => parseDatabaseUrl('mysql://bob:hunter2@db/x', cwd)).toThrow(/\*\*\*@/);
    expect(() => parseDatabaseUrl('mysql://bob:hunter2@db/x', cwd)).not.toThrow(/hunter2/);
  });
});
