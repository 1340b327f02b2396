import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../src/store/migrations';
import { tempDb, type TempDb } from './support/temp-db';

const run = promisify(execFile);
const WORKER = path.join(__dirname, 'support', 'race-worker.ts');
const PROCESSES = 4;
const COUNT = 150;

interface Won {
  ledger: number[];
  leases: number[];
  nonces: number[];
  users: string[];
}

describe('several bot processes on one SQLite file', () => {
  let t: TempDb;
  beforeEach(() => {
    t = tempDb();
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('migrate the new file once, never both win a claim, a lease or a nonce, and create each user once', async () => {
    const startAt = Date.now() + 4000;
    const outputs = await Promise.all(
      Array.from({ length: PROCESSES }, (_, p) =>
        run(
          process.execPath,
          ['--import', 'tsx', WORKER, t.url, `proc-${p}`, String(startAt), String(COUNT)],
          {
            cwd: path.join(__dirname, '..', '..'),
          },
        ),
      ),
    );
    const results = outputs.map((o) => JSON.parse(o.stdout.trim()) as Won);
    for (const kind of ['ledger', 'leases', 'nonces'] as const) {
      const all = results.flatMap((r) => r[kind]).sort((x, y) => x - y);
      // Every item won exactly once: no duplicates and none missing.
      expect(all).toEqual(Array.from({ length: COUNT }, (_, i) => i));
    }
    // Every process found the same user for each identity.
    for (const r of results) expect(r.users).toEqual(results[0].users);
    expect(new Set(results[0].users).size).toBe(COUNT);
    const db = new Database(t.file, { readonly: true });
    try {
      expect(db.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get()).toBe(MIGRATIONS.length);
      expect(db.prepare('SELECT COUNT(*) FROM reminder_ledger').pluck().get()).toBe(COUNT);
      expect(db.prepare('SELECT COUNT(*) FROM users').pluck().get()).toBe(COUNT);
    } finally {
      db.close();
    }
  }, 60_000);
});
