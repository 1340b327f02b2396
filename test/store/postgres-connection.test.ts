/**
 * PostgreSQL connection set-up against the real test server: every failure an operator can
 * cause is provoked for real and must come back as a coded error with a next step (and never
 * the password). TLS: the test server has a self-signed certificate and refuses the role
 * `patbot_tls_only` without TLS (scripts/test-postgres.sh).
 */
import net from 'node:net';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { CodedError } from '../../src/errors';
import { openStore } from '../../src/store/open-store';
import { postgresPoolConfig } from '../../src/store/postgres/connection-config';
import { entraPassword, POSTGRES_ENTRA_SCOPE } from '../../src/store/postgres/entra-password';
import {
  adminQuery,
  createTestDatabase,
  describePostgres,
  dropTestDatabases,
  TEST_DATABASE_CA,
  urlFor,
} from './support/postgres';
import { rejectionOf } from './support/temp-db';

const ROLE = { name: 'patbot_app', password: 'app-pw-1' };
const TLS_ROLE = { name: 'patbot_tls_only', password: 'tls-pw-1' };

async function coded(promise: Promise<unknown>): Promise<CodedError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(CodedError);
  return error as CodedError;
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function ensureRole(role: { name: string; password: string }): Promise<void> {
  await adminQuery(
    `DO $$ BEGIN CREATE ROLE ${role.name} LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`,
  );
  await adminQuery(`ALTER ROLE ${role.name} PASSWORD '${role.password}'`);
}

/** A token credential at the edge (Entra is not reachable here) that records its calls. */
function fakeCredential(token: string, calls: string[]): TokenCredential {
  return {
    async getToken(scopes: string | string[]): Promise<AccessToken> {
      calls.push(Array.isArray(scopes) ? scopes.join(' ') : scopes);
      return { token, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
}

describe('postgresPoolConfig (sslmode and URL handling)', () => {
  const base = 'postgres://u:p%40ss@db.example:6432/patbot';
  const options = { auth: 'password' as const, poolMax: 7 };

  it('reads host, port, database, user and the URL-decoded password; no TLS without sslmode', () => {
    expect(postgresPoolConfig(base, options)).toMatchObject({
      host: 'db.example',
      port: 6432,
      database: 'patbot',
      user: 'u',
      password: 'p@ss',
      ssl: false,
      max: 7,
    });
  });

  it('verifies the certificate for sslmode=require / verify-full, not for no-verify', () => {
    expect(postgresPoolConfig(`${base}?sslmode=require`, options).ssl).toEqual({});
    expect(postgresPoolConfig(`postgresql://u@h/d?sslmode=verify-full`, options).ssl).toEqual({});
    expect(postgresPoolConfig(`${base}?sslmode=no-verify`, options).ssl).toEqual({
      rejectUnauthorized: false,
    });
    expect(postgresPoolConfig(`${base}?sslmode=disable`, options).ssl).toBe(false);
  });

  it('refuses sslmode=prefer, unknown modes and a URL without a database', () => {
    for (const url of [`${base}?sslmode=prefer`, `${base}?sslmode=bogus`, 'postgres://u@h:5432/']) {
      let error: unknown;
      try {
        postgresPoolConfig(url, options);
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ code: 'config.invalid', nextStep: expect.any(String) });
      expect(String((error as Error).message)).not.toContain('p@ss');
    }
  });

  it('with DATABASE_AUTH=entra uses the token function as the password, not the URL’s', () => {
    const password = async (): Promise<string> => 'token';
    expect(postgresPoolConfig(base, { auth: 'entra', poolMax: 1, password }).password).toBe(password);
  });
});

describe('entraPassword', () => {
  it('asks for the Azure Database for PostgreSQL scope and caches the token until near expiry', async () => {
    const calls: string[] = [];
    let now = new Date('2026-03-01T00:00:00Z');
    const credential: TokenCredential = {
      async getToken(scopes) {
        calls.push(String(scopes));
        return { token: `tok-${calls.length}`, expiresOnTimestamp: now.getTime() + 60 * 60_000 };
      },
    };
    const password = entraPassword(credential, () => now);
    expect(await password()).toBe('tok-1');
    now = new Date(now.getTime() + 50 * 60_000);
    expect(await password()).toBe('tok-1');
    now = new Date(now.getTime() + 6 * 60_000); // inside the 5-minute margin of the first token
    expect(await password()).toBe('tok-2');
    expect(calls).toEqual([POSTGRES_ENTRA_SCOPE, POSTGRES_ENTRA_SCOPE]);
  });

  it('turns a credential failure into store.unavailable with a next step', async () => {
    const password = entraPassword({
      getToken: async () => {
        throw new Error('ManagedIdentityCredential: no identity endpoint');
      },
    });
    expect(await coded(password())).toMatchObject({
      code: 'store.unavailable',
      nextStep: expect.stringContaining('DATABASE_AUTH=password'),
    });
  });
});

describePostgres('openStore on a real PostgreSQL server', () => {
  let db: string;
  beforeAll(async () => {
    await ensureRole(ROLE);
    db = (await createTestDatabase()).name;
    await adminQuery(`ALTER DATABASE ${db} OWNER TO ${ROLE.name}`);
  });
  afterAll(() => dropTestDatabases());

  it('opens as an ordinary role that owns its database', async () => {
    const store = await openStore(urlFor(db, ROLE));
    try {
      await store.ping();
    } finally {
      await store.close();
    }
  });

  it('a wrong password is config.invalid, names the user, says what to check, hides the password', async () => {
    const error = await coded(openStore(urlFor(db, { name: ROLE.name, password: 'wrong-secret-pw' })));
    expect(error.code).toBe('config.invalid');
    expect(error.message).toContain(`rejected the password for user "${ROLE.name}"`);
    expect(error.nextStep).toContain('DATABASE_URL');
    expect(JSON.stringify({ m: error.message, n: error.nextStep, d: error.details })).not.toContain(
      'wrong-secret-pw',
    );
  });

  it('an unknown database is config.invalid with how to create it', async () => {
    const error = await coded(openStore(urlFor('no_such_db', ROLE)));
    expect(error).toMatchObject({
      code: 'config.invalid',
      message: expect.stringContaining('no database "no_such_db"'),
    });
    expect(error.nextStep).toContain('CREATE DATABASE "no_such_db"');
  });

  it('an unreachable server is store.unavailable with what to check', async () => {
    const port = await closedPort();
    const error = await coded(openStore(`postgres://u:p@127.0.0.1:${port}/patbot`));
    expect(error).toMatchObject({
      code: 'store.unavailable',
      message: expect.stringContaining(`127.0.0.1:${port}`),
    });
    expect(error.nextStep).toMatch(/running and reachable/);
  });

  it('a read-only database is store.not_writable', async () => {
    const ro = (await createTestDatabase()).name;
    await adminQuery(`ALTER DATABASE ${ro} SET default_transaction_read_only = on`);
    const error = await coded(openStore(urlFor(ro)));
    expect(error).toMatchObject({
      code: 'store.not_writable',
      nextStep: expect.stringContaining('primary server'),
    });
  });

  it('DATABASE_AUTH=entra signs in with the credential’s token as the password', async () => {
    const calls: string[] = [];
    const url = urlFor(db, { name: ROLE.name, password: 'ignored-url-password' });
    const store = await openStore(url, { auth: 'entra', credential: fakeCredential(ROLE.password, calls) });
    try {
      await store.users.upsertByIdentity({ platform: 'slack', teamId: 'T', slackUserId: 'U' });
    } finally {
      await store.close();
    }
    expect(calls[0]).toBe(POSTGRES_ENTRA_SCOPE);
    const rejected = await coded(
      openStore(url, { auth: 'entra', credential: fakeCredential('bad-token', []) }),
    );
    expect(rejected.code).toBe('config.invalid');
  });

  const tls = TEST_DATABASE_CA === null ? it.skip : it;
  describe('TLS (needs the TLS-enabled server of scripts/test-postgres.sh)', () => {
    let tlsDb: string;
    beforeAll(async () => {
      if (TEST_DATABASE_CA === null) return;
      await ensureRole(TLS_ROLE);
      tlsDb = (await createTestDatabase()).name;
      await adminQuery(`ALTER DATABASE ${tlsDb} OWNER TO ${TLS_ROLE.name}`);
    });

    tls('a server that requires TLS, without sslmode, is config.invalid: add sslmode=require', async () => {
      const error = await coded(openStore(urlFor(tlsDb, TLS_ROLE)));
      expect(error).toMatchObject({
        code: 'config.invalid',
        message: expect.stringContaining('requires an encrypted (TLS)'),
      });
      expect(error.nextStep).toContain('sslmode=require');
    });

    tls(
      'sslmode=require checks the certificate: untrusted is config.invalid, sslrootcert makes it work',
      async () => {
        const url = urlFor(tlsDb, TLS_ROLE);
        const untrusted = await coded(openStore(`${url}?sslmode=require`));
        expect(untrusted).toMatchObject({
          code: 'config.invalid',
          nextStep: expect.stringContaining('sslrootcert'),
        });
        const store = await openStore(
          `${url}?sslmode=require&sslrootcert=${encodeURIComponent(TEST_DATABASE_CA ?? '')}`,
        );
        try {
          await store.ping();
        } finally {
          await store.close();
        }
        const noVerify = await openStore(`${url}?sslmode=no-verify`);
        await noVerify.close();
      },
    );
  });
});
