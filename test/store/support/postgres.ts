/**
 * The real PostgreSQL server for store tests: TEST_DATABASE_URL (superuser URL, as printed by
 * `scripts/test-postgres.sh start`). Each test file makes its own randomly named databases and
 * drops them at the end. Without TEST_DATABASE_URL the PostgreSQL half is skipped with one loud
 * line; with CI=true it fails instead.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The superuser URL of the test server, or null. */
export const TEST_DATABASE_URL: string | null = process.env.TEST_DATABASE_URL?.trim() || null;
/** The test server's self-signed CA certificate (PEM path), when it has TLS on. */
export const TEST_DATABASE_CA: string | null = process.env.TEST_DATABASE_CA?.trim() || null;

const IN_CI = /^(1|true|yes)$/i.test(process.env.CI ?? '');

export const SKIP_LINE =
  'PostgreSQL half SKIPPED: set TEST_DATABASE_URL or run scripts/test-postgres.sh (eval "$(scripts/test-postgres.sh start)")';

/**
 * `describe` for tests that need PostgreSQL: runs them with TEST_DATABASE_URL; otherwise fails
 * in CI, and locally skips them after printing SKIP_LINE.
 */
export function describePostgres(name: string, fn: () => void): void {
  if (TEST_DATABASE_URL !== null) {
    describe(name, fn);
    return;
  }
  if (IN_CI) {
    describe(name, () => {
      it('has a PostgreSQL server (TEST_DATABASE_URL) in CI', () => {
        throw new Error(`CI=true but TEST_DATABASE_URL is not set. ${SKIP_LINE}`);
      });
    });
    return;
  }
  console.warn(`!!! ${SKIP_LINE} (${name})`);
  describe.skip(name, fn);
}

/** A URL for `database` on the test server, as `user` (superuser by default). */
export function urlFor(database: string, user?: { name: string; password: string }): string {
  const url = new URL(TEST_DATABASE_URL ?? 'postgres://missing/');
  url.pathname = `/${database}`;
  if (user) {
    url.username = encodeURIComponent(user.name);
    url.password = encodeURIComponent(user.password);
  }
  return url.toString();
}

/** Runs SQL on the server as the superuser (maintenance database). */
export async function adminQuery<R extends pg.QueryResultRow>(
  sql: string,
  params: unknown[] = [],
): Promise<R[]> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL ?? undefined });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Databases created by this test file, dropped by `dropTestDatabases`. */
const created: string[] = [];

/** Creates an empty database with a random name and returns its superuser URL. */
export async function createTestDatabase(): Promise<{ name: string; url: string }> {
  const name = `patbot_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  created.push(name);
  return { name, url: urlFor(name) };
}

/** Drops every database this file created (call in afterAll). */
export async function dropTestDatabases(): Promise<void> {
  while (created.length > 0) {
    const name = created.pop() as string;
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

/** Runs SQL on one test database as the superuser. */
export async function queryDatabase<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}
