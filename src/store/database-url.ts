/**
 * Parses DATABASE_URL into where the store lives. Accepted forms:
 * `sqlite:./data/patbot.db`, `sqlite:/abs/path.db`, `sqlite:///abs/path.db`, `file:./x.db`,
 * `file:///abs/x.db`, a bare `….db` / `….sqlite` / `….sqlite3` path, and `sqlite::memory:`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodedError } from '../errors';

export type DatabaseTarget =
  { kind: 'sqlite-file'; path: string } | { kind: 'sqlite-memory' } | { kind: 'postgres'; url: string };

const SQLITE_FIX = 'Set DATABASE_URL to sqlite:./data/patbot.db (a file) or sqlite::memory: for a quick try.';

function invalid(message: string): CodedError {
  return new CodedError('config.invalid', message, { nextStep: SQLITE_FIX });
}

/** Hides a password in a URL before it goes into a message or a log line. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

function filePath(raw: string, original: string, cwd: string): DatabaseTarget {
  if (raw === '') throw invalid(`DATABASE_URL "${redactDatabaseUrl(original)}" names no file.`);
  if (raw.includes('?'))
    throw invalid(`DATABASE_URL "${original}" has query parameters, which patbot does not support.`);
  if (raw === ':memory:') return { kind: 'sqlite-memory' };
  return { kind: 'sqlite-file', path: path.resolve(cwd, raw) };
}

/**
 * Works out the database behind a DATABASE_URL value. Relative paths are resolved against `cwd`.
 * Throws `config.invalid` for anything it cannot use.
 */
export function parseDatabaseUrl(url: string, cwd: string = process.cwd()): DatabaseTarget {
  const value = url.trim();
  if (/^postgres(ql)?:\/\//i.test(value)) return { kind: 'postgres', url: value };
  if (/^sqlite:/i.test(value)) {
    const rest = value.slice('sqlite:'.length);
    // sqlite:///abs/path.db → /abs/path.db ; sqlite://rel.db is ambiguous, treat the rest as a path.
    const raw = rest.startsWith('///') ? rest.slice(2) : rest.startsWith('//') ? rest.slice(2) : rest;
    return filePath(raw, value, cwd);
  }
  if (/^file:/i.test(value)) {
    if (/^file:\/\//i.test(value)) {
      if (value.includes('?'))
        throw invalid(`DATABASE_URL "${value}" has query parameters, which patbot does not support.`);
      try {
        return filePath(fileURLToPath(value), value, cwd);
      } catch (cause) {
        if (cause instanceof CodedError) throw cause;
        throw invalid(`DATABASE_URL "${value}" is not a valid file URL.`);
      }
    }
    return filePath(value.slice('file:'.length), value, cwd);
  }
  if (/\.(db|sqlite3?)$/i.test(value) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    return filePath(value, value, cwd);
  }
  throw invalid(`DATABASE_URL "${redactDatabaseUrl(value)}" is not a database URL patbot knows.`);
}
