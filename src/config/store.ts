/** DATABASE_*, TOKEN_CACHE_KEY(_PREVIOUS): where patbot keeps its data, and the key that encrypts tokens. */
import { createHash } from 'node:crypto';
import { GUID, parseInteger, Problems } from './parse';
import type { Raw } from './schema';
import type { DatabaseConfig, Slice, TokenCacheConfig } from './types';

/** Key used in sandbox mode when TOKEN_CACHE_KEY is not set: public, so only for demo data. */
const SANDBOX_CACHE_KEY = createHash('sha256').update('patbot-sandbox-only-not-a-secret').digest();

const GENERATE_KEY =
  "Generate one with: node -e \"console.log(require('crypto').randomBytes(32).toString('base64'))\"";

function checkDatabaseUrl(url: string, problems: Problems): void {
  if (/^(sqlite:|file:|postgres(ql)?:\/\/)/.test(url) || /\.(db|sqlite3?)$/.test(url)) return;
  problems.add(
    'DATABASE_URL',
    `"${url.replace(/\/\/[^@/]*@/, '//***@')}" is not a database URL patbot knows.`,
    'Use sqlite:./data/patbot.db (a file) or postgres://user:password@host/db.',
  );
}

function parseDatabaseAuth(raw: Raw, url: string, problems: Problems): DatabaseConfig['auth'] {
  const auth = (raw.DATABASE_AUTH ?? 'password').toLowerCase();
  if (auth !== 'password' && auth !== 'entra')
    problems.add(
      'DATABASE_AUTH',
      `"${raw.DATABASE_AUTH}" is not password or entra.`,
      'Use password (default) or entra.',
    );
  if (auth === 'entra' && !/^postgres(ql)?:\/\//i.test(url))
    problems.add(
      'DATABASE_AUTH',
      'entra works only with a postgres:// DATABASE_URL.',
      'Unset DATABASE_AUTH for SQLite.',
    );
  return auth === 'entra' ? 'entra' : 'password';
}

function databaseFrom(raw: Raw, problems: Problems): DatabaseConfig {
  const url = raw.DATABASE_URL ?? 'sqlite:./data/patbot.db';
  checkDatabaseUrl(url, problems);
  const auth = parseDatabaseAuth(raw, url, problems);
  const poolMax = parseInteger(
    raw.DATABASE_POOL_MAX,
    'DATABASE_POOL_MAX',
    10,
    { min: 1, max: 200 },
    problems,
  );
  if (raw.DATABASE_ENTRA_CLIENT_ID !== undefined && !GUID.test(raw.DATABASE_ENTRA_CLIENT_ID))
    problems.add(
      'DATABASE_ENTRA_CLIENT_ID',
      `"${raw.DATABASE_ENTRA_CLIENT_ID}" is not a GUID.`,
      'Use the client id of the user-assigned managed identity (MANAGED_IDENTITY_CLIENT_ID of the Bicep outputs).',
    );
  return { url, auth, poolMax, entraClientId: raw.DATABASE_ENTRA_CLIENT_ID ?? null };
}

/** Accepts 32 bytes as base64 or 64 hex characters. */
function parseKey(value: string | undefined, name: string, problems: Problems): Buffer | null {
  if (value === undefined) return null;
  const buf = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (buf.length !== 32) {
    problems.add(name, 'must be 32 random bytes (base64 or 64 hex characters).', GENERATE_KEY);
    return null;
  }
  return buf;
}

export function storeFrom(
  raw: Raw,
  sandbox: boolean,
): Slice<{ database: DatabaseConfig; tokenCache: TokenCacheConfig }> {
  const problems = new Problems();
  const warnings: string[] = [];
  if (!sandbox && !raw.TOKEN_CACHE_KEY)
    problems.missing(
      'TOKEN_CACHE_KEY',
      'it is required outside sandbox mode (it encrypts the token cache at rest).',
      GENERATE_KEY,
    );
  const database = databaseFrom(raw, problems);
  const key = parseKey(raw.TOKEN_CACHE_KEY, 'TOKEN_CACHE_KEY', problems);
  const previousKey = parseKey(raw.TOKEN_CACHE_KEY_PREVIOUS, 'TOKEN_CACHE_KEY_PREVIOUS', problems);
  if (sandbox && !key) warnings.push('TOKEN_CACHE_KEY is not set: sandbox mode uses a public demo key.');
  return {
    value: { database, tokenCache: { key: key ?? SANDBOX_CACHE_KEY, previousKey } },
    problems: problems.list,
    warnings,
  };
}
