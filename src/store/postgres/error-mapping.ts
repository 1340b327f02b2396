/**
 * Turns node-postgres and network failures into coded errors that name the server (never the
 * password) and the fix.
 *
 * - `config.invalid`: wrong password (28P01), unknown database (3D000), unknown role or a
 *   server that requires TLS (28000), TLS certificate not trusted, server without TLS;
 * - `store.not_writable`: read-only server or replica (25006), permission denied (42501);
 * - `store.unavailable`: server unreachable (ECONNREFUSED, ENOTFOUND, timeouts, resets), too
 *   many connections (53300), shutting down or starting up (57P01, 57P03), any other class 08,
 *   53, 57, 58 or XX error, and a closed pool.
 * Constraint violations (class 23) and programming errors pass through unchanged.
 */
import { CodedError } from '../../errors';
import { errorCode } from '../sqlite/error-mapping';

/** Where the store connects, for messages: `host:port/database` (no user, no password). */
export interface PostgresTarget {
  host: string;
  port: number;
  database: string;
  user: string | null;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'EPIPE',
]);

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Server classes that mean "the database cannot serve right now". */
const UNAVAILABLE_CLASSES = new Set(['08', '53', '57', '58', 'XX']);

function where(t: PostgresTarget): string {
  return `${t.host}:${t.port}/${t.database}`;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function coded(
  code: 'config.invalid' | 'store.unavailable' | 'store.not_writable',
  text: string,
  nextStep: string,
  t: PostgresTarget,
  cause: unknown,
): CodedError {
  return new CodedError(code, text, {
    nextStep,
    cause,
    details: { server: where(t), user: t.user, errorCode: errorCode(cause) },
  });
}

function authFailure(code: string, cause: unknown, t: PostgresTarget): CodedError | null {
  const user = t.user ?? '(none)';
  if (code === '28P01') {
    return coded(
      'config.invalid',
      `PostgreSQL at ${where(t)} rejected the password for user "${user}".`,
      'Check the user and password in DATABASE_URL (URL-encode special characters such as @ : / ?) or the Key Vault secret it comes from; with DATABASE_AUTH=entra, check that the managed identity is a PostgreSQL Entra role named like the user.',
      t,
      cause,
    );
  }
  if (code === '3D000') {
    return coded(
      'config.invalid',
      `PostgreSQL at ${t.host}:${t.port} has no database "${t.database}".`,
      `Create it (CREATE DATABASE "${t.database}";) or fix the database name at the end of DATABASE_URL.`,
      t,
      cause,
    );
  }
  if (code === '28000') {
    if (/no encryption|ssl|tls/i.test(message(cause))) {
      return coded(
        'config.invalid',
        `PostgreSQL at ${where(t)} requires an encrypted (TLS) connection.`,
        'Add ?sslmode=require to DATABASE_URL (Azure Database for PostgreSQL always needs it).',
        t,
        cause,
      );
    }
    return coded(
      'config.invalid',
      `PostgreSQL at ${where(t)} refused user "${user}" (${message(cause)}).`,
      'Check the user in DATABASE_URL exists and may connect to that database (pg_hba.conf, firewall rules, Entra role).',
      t,
      cause,
    );
  }
  return null;
}

function tlsFailure(code: string | null, cause: unknown, t: PostgresTarget): CodedError | null {
  if (code !== null && TLS_CODES.has(code)) {
    return coded(
      'config.invalid',
      `The TLS certificate of PostgreSQL at ${where(t)} is not trusted (${code}).`,
      'Add sslrootcert=/path/to/ca.pem to DATABASE_URL with the server’s CA certificate (or sslmode=no-verify on a trusted network only).',
      t,
      cause,
    );
  }
  if (/does not support SSL/i.test(message(cause))) {
    return coded(
      'config.invalid',
      `PostgreSQL at ${where(t)} does not accept TLS connections.`,
      'Enable TLS on the server, or remove sslmode from DATABASE_URL for a local server.',
      t,
      cause,
    );
  }
  return null;
}

function isConnectionLoss(code: string | null, cause: unknown): boolean {
  if (code !== null && NETWORK_CODES.has(code)) return true;
  return /timeout|Connection terminated|connection ended|Client has encountered a connection error|pool (has been|is) (ended|closed)/i.test(
    message(cause),
  );
}

/**
 * Maps a failure while connecting to or using PostgreSQL to a coded error; other errors
 * (constraint violations, programming errors) are returned unchanged.
 */
export function postgresFailure(cause: unknown, t: PostgresTarget): unknown {
  if (cause instanceof CodedError) return cause;
  const code = errorCode(cause);
  const auth = code === null ? null : authFailure(code, cause, t);
  if (auth) return auth;
  const tls = tlsFailure(code, cause, t);
  if (tls) return tls;
  if (code === '25006' || code === '42501') {
    return coded(
      'store.not_writable',
      `PostgreSQL at ${where(t)} does not let user "${t.user ?? '(none)'}" write (${message(cause)}).`,
      'Point DATABASE_URL at the primary server (not a read replica) and grant the user ownership of the patbot tables (or CREATE on the database for the first start).',
      t,
      cause,
    );
  }
  if (isConnectionLoss(code, cause) || (code !== null && UNAVAILABLE_CLASSES.has(code.slice(0, 2)))) {
    return coded(
      'store.unavailable',
      `patbot cannot reach PostgreSQL at ${where(t)} (${code ?? message(cause)}).`,
      code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? 'Check the host name in DATABASE_URL and the DNS of this machine.'
        : 'Check that the server is running and reachable from this machine (host, port, firewall rules), then try again.',
      t,
      cause,
    );
  }
  return cause;
}
