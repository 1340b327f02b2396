import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '../../src/core/logger';
import { CodedError } from '../../src/errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/store/migrations';
import { openStore } from '../../src/store/open-store';
import { OPEN_BUSY_TIMEOUT_MS, openConnection } from '../../src/store/sqlite/connection';
import { openFailure } from '../../src/store/sqlite/error-mapping';
import { migrate } from '../../src/store/sqlite/migrate';
import { silentLogger } from '../../src/core/logger';
import { rejectionOf, tempDb, type TempDb } from './support/temp-db';

function asCoded(error: unknown): CodedError {
  expect(error).toBeInstanceOf(CodedError);
  return error as CodedError;
}

function capturingLogger(lines: string[]): Logger {
  const log = (objOrMsg: object | string, msg?: string): void => {
    lines.push(typeof objOrMsg === 'string' ? objOrMsg : `${msg ?? ''} ${JSON.stringify(objOrMsg)}`);
  };
  const logger: Logger = {
    fatal: log,
    error: log,
    warn: log,
    info: log,
    debug: log,
    trace: log,
    child: () => logger,
  };
  return logger;
}

describe('openStore', () => {
  let t: TempDb;
  beforeEach(() => {
    t = tempDb();
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('creates missing folders and the file, with WAL, busy timeout, foreign keys and synchronous NORMAL', async () => {
    const file = path.join(t.dir, 'nested', 'deeper', 'patbot.db');
    const store = await openStore(`sqlite:${file}`);
    try {
      await store.ping();
      expect(fs.existsSync(file)).toBe(true);
    } finally {
      await store.close();
    }
    const db = new Database(file);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual(
        MIGRATIONS.map((m) => m.version),
      );
    } finally {
      db.close();
    }
  });

  it('sets the per-connection pragmas on every connection it opens', () => {
    const db = openConnection(t.file);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('busy_timeout', { simple: true })).toBe(OPEN_BUSY_TIMEOUT_MS);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    } finally {
      db.close();
    }
  });

  it('waits for the busy timeout on a locked file, then says store.unavailable', async () => {
    const store = await t.open();
    const db = new Database(t.file);
    try {
      db.pragma('busy_timeout = 0');
      db.exec('BEGIN IMMEDIATE');
      const started = Date.now();
      const err = await rejectionOf(store.tokenCache.set('p', 'v'));
      expect(Date.now() - started).toBeGreaterThanOrEqual(4500);
      expect(asCoded(err).code).toBe('store.unavailable');
      expect(asCoded(err).message).toMatch(/locked/);
      db.exec('ROLLBACK');
    } finally {
      db.close();
    }
  });

  it('accepts file:, bare paths and sqlite::memory:', async () => {
    const viaFile = await openStore(`file:${path.join(t.dir, 'a.db')}`);
    const bare = await openStore(path.join(t.dir, 'b.db'));
    const memory = await openStore('sqlite::memory:');
    await viaFile.tokenCache.set('k', 'v');
    await bare.tokenCache.set('k', 'v');
    await memory.tokenCache.set('k', 'v');
    expect(await memory.tokenCache.get('k')).toBe('v');
    await Promise.all([viaFile.close(), bare.close(), memory.close()]);
    expect(fs.existsSync(path.join(t.dir, 'a.db'))).toBe(true);
    expect(fs.existsSync(path.join(t.dir, 'b.db'))).toBe(true);
  });

  it('opens postgres:// as PostgreSQL: an unreachable server is store.unavailable, never echoing the password', async () => {
    const err = asCoded(await rejectionOf(openStore('postgres://bot:secret@127.0.0.1:1/patbot')));
    expect(err.code).toBe('store.unavailable');
    expect(err.message).toContain('127.0.0.1:1/patbot');
    expect(JSON.stringify({ m: err.message, n: err.nextStep, d: err.details })).not.toContain('secret');
  });

  it('keeps data across close and re-open and does not re-run migrations', async () => {
    const lines: string[] = [];
    const first = await t.open({ logger: capturingLogger(lines) });
    await first.tokenCache.set('user-1', 'ciphertext');
    await first.close();
    expect(lines.filter((l) => l.includes('applied migration'))).toHaveLength(MIGRATIONS.length);

    lines.length = 0;
    const second = await t.open({ logger: capturingLogger(lines) });
    expect(await second.tokenCache.get('user-1')).toBe('ciphertext');
    expect(lines.filter((l) => l.includes('applied migration'))).toHaveLength(0);
    await second.close();

    const db = new Database(t.file);
    try {
      expect(db.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get()).toBe(MIGRATIONS.length);
    } finally {
      db.close();
    }
  });

  it('records applied_at from the injected clock', async () => {
    await (await t.open({ now: () => new Date('2026-01-02T03:04:05.000Z') })).close();
    const db = new Database(t.file);
    try {
      expect(db.prepare('SELECT applied_at FROM schema_migrations WHERE version = 1').pluck().get()).toBe(
        Date.parse('2026-01-02T03:04:05.000Z'),
      );
    } finally {
      db.close();
    }
  });

  it('refuses a database whose schema is newer than the code', async () => {
    await (await t.open()).close();
    const db = new Database(t.file);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
      LATEST_SCHEMA_VERSION + 1,
      'from the future',
      0,
    );
    db.close();
    const err = asCoded(await rejectionOf(t.open()));
    expect(err.code).toBe('store.unavailable');
    expect(err.message).toContain(`schema version ${LATEST_SCHEMA_VERSION + 1}`);
    expect(err.message).toContain(t.file);
  });

  it('says store.not_writable, naming the path and the fix, when the folder cannot be created', async () => {
    const blocker = path.join(t.dir, 'not-a-folder');
    fs.writeFileSync(blocker, 'I am a file');
    const file = path.join(blocker, 'patbot.db');
    const err = asCoded(await rejectionOf(openStore(`sqlite:${file}`)));
    expect(err.code).toBe('store.not_writable');
    expect(err.message).toContain(file);
    expect(err.nextStep).toContain(blocker);
    expect(err.nextStep).toMatch(/writable by the bot's user, or set DATABASE_URL to a writable path/);
    expect(err.message).toMatch(/a file is in the way/);
  });

  it('says store.not_writable when the database path is a folder', async () => {
    fs.mkdirSync(t.file);
    const err = asCoded(await rejectionOf(t.open()));
    expect(err.code).toBe('store.not_writable');
    expect(err.message).toContain(t.file);
  });

  it('says store.unavailable for a file that is not a SQLite database', async () => {
    fs.writeFileSync(t.file, 'this is certainly not a sqlite database '.repeat(200));
    const err = asCoded(await rejectionOf(t.open()));
    expect(err.code).toBe('store.unavailable');
    expect(err.message).toBe(`The file at ${t.file} is not a patbot SQLite database, or it is damaged.`);
    expect(err.nextStep).toMatch(/backup|move it aside/);
    // The file is left alone for the operator to inspect.
    expect(fs.readFileSync(t.file, 'utf8')).toMatch(/^this is certainly not/);
  });

  it('ping fails after close', async () => {
    const store = await t.open();
    await store.close();
    expect(asCoded(await rejectionOf(store.ping())).code).toBe('store.unavailable');
    await expect(store.close()).resolves.toBeUndefined();
  });
});

describe('openFailure classifies errors (for cases root cannot reproduce with chmod)', () => {
  const file = '/data/patbot.db';
  const sqliteError = (code: string): Error => Object.assign(new Error(code), { code });

  it.each([
    'EACCES',
    'EPERM',
    'EROFS',
    'ENOTDIR',
    'SQLITE_READONLY',
    'SQLITE_READONLY_DBMOVED',
    'SQLITE_CANTOPEN',
  ])('%s → store.not_writable', (code) => {
    const err = openFailure(file, '/data', sqliteError(code));
    expect(err.code).toBe('store.not_writable');
    expect(err.message).toContain(file);
    expect(err.nextStep).toContain('/data');
    expect(err.nextStep).toMatch(/set DATABASE_URL to a writable path/);
    expect(err.details.errorCode).toBe(code);
  });

  it.each(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_BUSY', 'SQLITE_IOERR_WRITE', 'SQLITE_FULL'])(
    '%s → store.unavailable',
    (code) => {
      expect(openFailure(file, '/data', sqliteError(code)).code).toBe('store.unavailable');
    },
  );

  it('wraps an unknown error as store.unavailable and passes a CodedError through', () => {
    expect(openFailure(file, '/data', new Error('boom')).code).toBe('store.unavailable');
    const coded = new CodedError('config.invalid', 'x', { nextStep: 'y' });
    expect(openFailure(file, '/data', coded)).toBe(coded);
  });
});

describe('migrate', () => {
  it('applies each migration once even when run twice on one connection', () => {
    const db = new Database(':memory:');
    try {
      const first = migrate(db, { now: () => new Date(0), logger: silentLogger, dbPath: ':memory:' });
      const second = migrate(db, { now: () => new Date(0), logger: silentLogger, dbPath: ':memory:' });
      expect(first.applied).toEqual(MIGRATIONS.map((m) => m.version));
      expect(second.applied).toEqual([]);
      expect(second.version).toBe(LATEST_SCHEMA_VERSION);
    } finally {
      db.close();
    }
  });

  it('rolls a failing migration back entirely and leaves its version unrecorded', () => {
    const db = new Database(':memory:');
    const broken = [
      ...MIGRATIONS,
      {
        version: LATEST_SCHEMA_VERSION + 1,
        name: 'broken',
        statements: ['CREATE TABLE half_done (x TEXT)', 'THIS IS NOT SQL'],
      },
    ];
    try {
      expect(() =>
        migrate(db, { now: () => new Date(0), logger: silentLogger, dbPath: ':memory:', migrations: broken }),
      ).toThrow();
      expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
      expect(db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get()).toBe(
        LATEST_SCHEMA_VERSION,
      );
    } finally {
      db.close();
    }
  });
});
