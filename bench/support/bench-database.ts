/**
 * The PostgreSQL server of the scale-out sweep bench: `BENCH_DATABASE_URL`, else
 * `TEST_DATABASE_URL` (a superuser URL, as `scripts/test-postgres.sh start` prints), else a
 * throwaway server started with that script and stopped at the end. The bench makes its own
 * randomly named databases on it (a seeded one, cloned per run with `CREATE DATABASE … TEMPLATE`)
 * and drops them all in `close()`.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type pg from 'pg';
import { queryDatabase as run } from '../../test/store/support/postgres';

export interface BenchPostgres {
  /** Where the server came from, for the report (never the URL: it carries a password). */
  source: string;
  /** The server's version string (`SHOW server_version`). */
  version: string;
  /** Creates an empty database (or a copy of `template`) and returns its URL. */
  create(template?: string): Promise<{ name: string; url: string }>;
  /** Runs one query on database `name`. */
  query<R extends pg.QueryResultRow>(name: string, sql: string): Promise<R[]>;
  /** Drops the bench's databases; stops the server if the bench started it. */
  close(): Promise<void>;
}

const SCRIPT = join(__dirname, '..', '..', 'scripts', 'test-postgres.sh');

function startThrowaway(): { url: string; dir: string } {
  const out = execFileSync('bash', [SCRIPT, 'start'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = /TEST_DATABASE_URL='([^']+)'/.exec(out)?.[1];
  const dir = /PATBOT_TEST_PG_DIR='([^']+)'/.exec(out)?.[1];
  if (!url || !dir) throw new Error('scripts/test-postgres.sh start printed no TEST_DATABASE_URL');
  return { url, dir };
}

function urlOf(server: string, database: string): string {
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function openBenchPostgres(env: NodeJS.ProcessEnv = process.env): Promise<BenchPostgres> {
  const given = env.BENCH_DATABASE_URL?.trim()
    ? 'BENCH_DATABASE_URL'
    : env.TEST_DATABASE_URL?.trim()
      ? 'TEST_DATABASE_URL'
      : null;
  const started = given ? null : startThrowaway();
  const server = given ? (env[given] as string).trim() : (started as { url: string }).url;
  const source = given ?? 'a throwaway server started by scripts/test-postgres.sh';
  const created: string[] = [];
  const [{ server_version: version }] = await run<{ server_version: string }>(server, 'SHOW server_version');
  return {
    source,
    version,
    async create(template) {
      const name = `patbot_bench_${randomBytes(6).toString('hex')}`;
      await run(server, `CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
      created.push(name);
      return { name, url: urlOf(server, name) };
    },
    query: (name, sql) => run(urlOf(server, name), sql),
    async close() {
      for (const name of created.splice(0).reverse())
        await run(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      if (started) execFileSync('bash', [SCRIPT, 'stop', started.dir], { stdio: 'ignore' });
    },
  };
}
