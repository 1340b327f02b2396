/**
 * Turns a `postgres://` / `postgresql://` DATABASE_URL into a node-postgres pool config.
 *
 * `sslmode` (as in libpq): `disable` (or absent) → plain TCP; `require`, `verify-ca`,
 * `verify-full` → TLS with the server certificate checked against the system CAs (or the PEM
 * file named by `sslrootcert`) and the host name; `no-verify` → TLS without checking (explicit
 * opt-in, e.g. a self-signed test server). `allow`/`prefer` are refused: node-postgres cannot
 * fall back between TLS and plain, so the operator must choose.
 *
 * With `DATABASE_AUTH=entra` the password is a Microsoft Entra access token fetched per new
 * connection (see entra-password.ts); any password in the URL is then ignored.
 */
import fs from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { parse } from 'pg-connection-string';
import type { PoolConfig } from 'pg';
import { CodedError } from '../../errors';
import { redactDatabaseUrl } from '../database-url';

/** How patbot signs in to PostgreSQL. */
export type DatabaseAuth = 'password' | 'entra';

export interface PostgresConnectionOptions {
  auth: DatabaseAuth;
  /** Most connections one pool (one patbot instance) opens. */
  poolMax: number;
  /** Entra token source when `auth` is `entra`. */
  password?: () => Promise<string>;
}

/** Default pool size per instance (Azure B1ms allows ~50 user connections in all). */
export const DEFAULT_POOL_MAX = 10;

const VERIFY_MODES = new Set(['require', 'verify-ca', 'verify-full']);

function invalid(url: string, message: string, nextStep: string): CodedError {
  return new CodedError('config.invalid', message, {
    nextStep,
    details: { databaseUrl: redactDatabaseUrl(url) },
  });
}

function tlsOptions(url: string, mode: string | undefined, rootCert: string | undefined): PoolConfig['ssl'] {
  if (mode === undefined || mode === 'disable') {
    if (rootCert === undefined) return false;
  }
  if (mode === 'allow' || mode === 'prefer') {
    throw invalid(
      url,
      `DATABASE_URL has sslmode=${mode}, which patbot does not support (it cannot fall back between TLS and plain connections).`,
      'Use sslmode=require (TLS, certificate checked; Azure needs this) or sslmode=disable (a local server without TLS).',
    );
  }
  const options: ConnectionOptions = {};
  if (rootCert !== undefined) {
    try {
      options.ca = fs.readFileSync(rootCert, 'utf8');
    } catch (cause) {
      throw new CodedError(
        'config.invalid',
        `DATABASE_URL names sslrootcert=${rootCert}, which cannot be read.`,
        {
          nextStep: 'Point sslrootcert at a readable PEM file with the server’s CA certificate.',
          cause,
        },
      );
    }
  }
  if (mode === 'no-verify') return { ...options, rejectUnauthorized: false };
  if (mode !== undefined && !VERIFY_MODES.has(mode)) {
    throw invalid(
      url,
      `DATABASE_URL has an unknown sslmode "${mode}".`,
      'Use sslmode=require, verify-full, no-verify or disable.',
    );
  }
  return options;
}

/** The pool config for `url`; throws `config.invalid` for an unusable URL. */
export function postgresPoolConfig(url: string, options: PostgresConnectionOptions): PoolConfig {
  let parsed: ReturnType<typeof parse>;
  let query: URLSearchParams;
  try {
    const asHttp = new URL(url.replace(/^postgres(ql)?:/i, 'http:'));
    query = new URLSearchParams(asHttp.searchParams);
    // TLS is decided here, not by pg-connection-string (which reads files and warns itself).
    for (const name of ['sslmode', 'sslrootcert', 'sslcert', 'sslkey', 'ssl', 'uselibpqcompat'])
      asHttp.searchParams.delete(name);
    parsed = parse(asHttp.toString().replace(/^http:/, 'postgres:'));
  } catch (cause) {
    throw new CodedError(
      'config.invalid',
      `DATABASE_URL "${redactDatabaseUrl(url)}" is not a valid PostgreSQL URL.`,
      {
        nextStep:
          'Use postgres://user:password@host:5432/database?sslmode=require (URL-encode special characters).',
        cause,
      },
    );
  }
  const sslmode = query.get('sslmode') ?? undefined;
  const rootCert = query.get('sslrootcert') ?? undefined;
  if (!parsed.database) {
    throw invalid(
      url,
      'DATABASE_URL names no database.',
      'Add the database name, e.g. postgres://user@host:5432/patbot.',
    );
  }
  if (options.auth === 'entra' && options.password === undefined) {
    throw new Error('DATABASE_AUTH=entra needs a token source');
  }
  return {
    host: parsed.host ?? 'localhost',
    port: parsed.port ? Number(parsed.port) : 5432,
    database: parsed.database,
    user: parsed.user || undefined,
    password: options.auth === 'entra' ? options.password : parsed.password || undefined,
    ssl: tlsOptions(url, sslmode, rootCert),
    application_name: query.get('application_name') ?? 'patbot',
    max: options.poolMax,
    connectionTimeoutMillis: 15_000,
    idleTimeoutMillis: 30_000,
    // A statement that hangs (a lock held by a stuck transaction) fails instead of blocking forever.
    query_timeout: 30_000,
  };
}
