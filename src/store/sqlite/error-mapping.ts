/**
 * Turns file-system and SQLite failures into coded errors that name the path and the fix.
 *
 * - not writable (`store.not_writable`): EACCES, EPERM, EROFS, ENOTDIR, EEXIST (a file where a
 *   folder should be), SQLITE_READONLY*, SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_AUTH;
 * - not a database / damaged (`store.unavailable`): SQLITE_NOTADB, SQLITE_CORRUPT*;
 * - locked, I/O errors, disk full, anything else from SQLite (`store.unavailable`).
 */
import { CodedError } from '../../errors';

const NOT_WRITABLE_FS = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST']);

/** The `code` property of an error, when it has a string one. */
export function errorCode(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return null;
}

/** True for errors raised by SQLite itself (better-sqlite3's SqliteError codes). */
export function isSqliteCode(code: string | null): code is string {
  return code !== null && code.startsWith('SQLITE_');
}

function isNotWritable(code: string): boolean {
  return (
    NOT_WRITABLE_FS.has(code) ||
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    code === 'SQLITE_PERM' ||
    code === 'SQLITE_AUTH'
  );
}

function reason(code: string | null): string {
  if (code === null) return 'not writable';
  if (code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH')
    return 'permission denied';
  if (code === 'EROFS' || code.startsWith('SQLITE_READONLY')) return 'read-only';
  if (code === 'ENOTDIR' || code === 'EEXIST') return 'a file is in the way where a folder should be';
  if (code === 'EISDIR') return 'the path is a folder, not a file';
  if (code.startsWith('SQLITE_CANTOPEN')) return 'the file cannot be opened';
  return code;
}

/** The error for a database path (or its folder) the bot cannot write. */
export function notWritable(dbPath: string, folder: string, cause: unknown): CodedError {
  const code = errorCode(cause);
  return new CodedError(
    'store.not_writable',
    `patbot cannot write its database at ${dbPath} (${reason(code)}).`,
    {
      nextStep: `Make ${folder} (and the file, if it exists) writable by the bot's user, or set DATABASE_URL to a writable path.`,
      cause,
      details: { path: dbPath, folder, errorCode: code },
    },
  );
}

/**
 * Maps a failure while opening or migrating the database at `dbPath` to a coded error. A
 * CodedError passes through unchanged.
 */
export function openFailure(dbPath: string, folder: string, cause: unknown): CodedError {
  if (cause instanceof CodedError) return cause;
  const code = errorCode(cause);
  if (code !== null && isNotWritable(code)) return notWritable(dbPath, folder, cause);
  if (code === 'SQLITE_NOTADB' || (code !== null && code.startsWith('SQLITE_CORRUPT'))) {
    return new CodedError(
      'store.unavailable',
      `The file at ${dbPath} is not a patbot SQLite database, or it is damaged.`,
      {
        nextStep:
          'Restore it from a backup, or move it aside so patbot creates a fresh one, or set DATABASE_URL to another path.',
        cause,
        details: { path: dbPath, errorCode: code },
      },
    );
  }
  const mapped = operationFailure(cause, dbPath);
  if (mapped instanceof CodedError) return mapped;
  return new CodedError('store.unavailable', `patbot could not open its database at ${dbPath}.`, {
    nextStep: 'Check the path in DATABASE_URL and the file, then restart patbot.',
    cause,
    details: { path: dbPath, errorCode: code },
  });
}

/**
 * Maps a SQLite failure during normal operation to a coded error; other errors (programming
 * errors, constraint violations) are returned unchanged.
 */
export function operationFailure(cause: unknown, dbPath: string): unknown {
  if (cause instanceof CodedError) return cause;
  const code = errorCode(cause);
  if (!isSqliteCode(code) || code.startsWith('SQLITE_CONSTRAINT')) return cause;
  if (isNotWritable(code)) return notWritable(dbPath, dbPath, cause);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new CodedError(
      'store.unavailable',
      `The database at ${dbPath} stayed locked by another process.`,
      {
        nextStep: 'Try again in a moment; if it persists, check that no other program holds the file open.',
        cause,
        details: { path: dbPath, errorCode: code },
      },
    );
  }
  return new CodedError('store.unavailable', `The database at ${dbPath} failed (${code}).`, {
    nextStep: 'Check the disk (space, health) and the file, then restart patbot.',
    cause,
    details: { path: dbPath, errorCode: code },
  });
}
