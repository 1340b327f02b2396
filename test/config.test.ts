import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEnvFile, loadConfig, loadEnvFile } from '../src/config';
import { CodedError } from '../src/errors';

const KEY = Buffer.alloc(32, 7).toString('base64');
const GUID = '11111111-2222-3333-4444-555555555555';
const TENANT = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

const real = {
  BOT_ID: GUID,
  BOT_PASSWORD: 'bot-secret',
  BOT_TENANT_ID: TENANT,
  AAD_APP_CLIENT_ID: GUID,
  AAD_APP_CLIENT_SECRET: 'aad-secret',
  AAD_APP_TENANT_ID: TENANT,
  TOKEN_CACHE_KEY: KEY,
  ADO_ORGANIZATIONS: 'contoso, fabrikam ,contoso',
  PUBLIC_BASE_URL: 'https://patbot.example.com/',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(CodedError);
    expect((error as CodedError).code).toBe('config.invalid');
    return (error as CodedError).details.problems as string[];
  }
  throw new Error('expected loadConfig to fail');
}

describe('loadConfig', () => {
  it('defaults to sandbox mode on loopback when no credentials are set', () => {
    const config = loadConfig({});
    expect(config.sandbox).toBe(true);
    expect(config.http).toMatchObject({
      port: 3978,
      host: '127.0.0.1',
      publicBaseUrl: 'http://127.0.0.1:3978',
    });
    expect(config.ado.organizations).toEqual(['contoso', 'fabrikam']);
    expect(config.ado.scopes).toEqual(['499b84ac-1321-427f-aa17-267ca6975798/.default']);
    expect(config.ado.vsspsBaseUrl).toBe('https://vssps.dev.azure.com');
    expect(config.entra.authorityHost).toBe('https://login.microsoftonline.com');
    expect(config.database.url).toBe('sqlite:./data/patbot.db');
    expect(config.slack).toBeNull();
    expect(config.tokenCache.key).toHaveLength(32);
    expect(config.warnings.join(' ')).toMatch(/unauthenticated/);
  });

  it('reads a complete real configuration and normalises it', () => {
    const config = loadConfig(real);
    expect(config.sandbox).toBe(false);
    expect(config.http.host).toBe('0.0.0.0');
    expect(config.http.publicBaseUrl).toBe('https://patbot.example.com');
    expect(config.bot).toEqual({ id: GUID, password: 'bot-secret', tenantId: TENANT, type: 'SingleTenant' });
    expect(config.ado.organizations).toEqual(['contoso', 'fabrikam']);
    expect(config.tokenCache.key.equals(Buffer.alloc(32, 7))).toBe(true);
    expect(config.tokenCache.previousKey).toBeNull();
  });

  it('is frozen', () => {
    const config = loadConfig(real);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.http)).toBe(true);
    expect(() => {
      (config.http as { port: number }).port = 1;
    }).toThrow(TypeError);
  });

  it('refuses to start outside sandbox without TOKEN_CACHE_KEY, naming the variable and the fix', () => {
    const { TOKEN_CACHE_KEY: _omit, ...env } = real;
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^TOKEN_CACHE_KEY is not set: it is required outside sandbox mode/);
    expect(problems[0]).toMatch(/randomBytes\(32\)/);
  });

  it('refuses SANDBOX=1 together with real bot credentials', () => {
    const problems = problemsOf({ SANDBOX: '1', BOT_ID: GUID, BOT_PASSWORD: 'x', BOT_TENANT_ID: TENANT });
    expect(
      problems.some((p) => p.startsWith('SANDBOX: is 1 but real credentials are set (BOT_ID, BOT_PASSWORD)')),
    ).toBe(true);
  });

  it('SANDBOX=0 forces the real endpoints and then needs the Entra app', () => {
    const problems = problemsOf({ SANDBOX: '0' });
    expect(problems.map((p) => p.split(/[: ]/)[0])).toEqual(
      expect.arrayContaining([
        'AAD_APP_CLIENT_ID',
        'AAD_APP_TENANT_ID',
        'AAD_APP_CLIENT_SECRET',
        'TOKEN_CACHE_KEY',
      ]),
    );
  });

  it('binds to loopback and warns when BOT_ID is empty, whatever HOST says', () => {
    const config = loadConfig({ HOST: '0.0.0.0' });
    expect(config.http.host).toBe('127.0.0.1');
    expect(config.warnings.join(' ')).toMatch(/binding to 127\.0\.0\.1 instead of HOST=0\.0\.0\.0/);
  });

  it('lists every problem at once', () => {
    const problems = problemsOf({
      ...real,
      PORT: 'eighty',
      BOT_TYPE: 'MultiTenant',
      ADO_ORGANIZATIONS: 'good,bad org!',
      TOKEN_CACHE_KEY: 'short',
      LOG_LEVEL: 'loud',
      SLACK_SIGNING_SECRET: 'abc',
      DATABASE_URL: 'mysql://x',
      PUBLIC_BASE_URL: 'not a url',
    });
    expect(problems.map((p) => p.split(/[: ]/)[0])).toEqual(
      expect.arrayContaining([
        'PORT',
        'BOT_TYPE',
        'ADO_ORGANIZATIONS',
        'TOKEN_CACHE_KEY',
        'LOG_LEVEL',
        'SLACK_BOT_TOKEN',
        'DATABASE_URL',
        'PUBLIC_BASE_URL',
      ]),
    );
  });

  it('accepts a UserAssignedMsi bot without a password and refuses one with a password', () => {
    expect(loadConfig({ ...real, BOT_TYPE: 'userassignedmsi', BOT_PASSWORD: '' }).bot.type).toBe(
      'UserAssignedMsi',
    );
    expect(problemsOf({ ...real, BOT_TYPE: 'UserAssignedMsi' })[0]).toMatch(/^BOT_PASSWORD: must be empty/);
  });

  it('takes a certificate instead of a client secret, but needs its thumbprint', () => {
    const { AAD_APP_CLIENT_SECRET: _s, ...env } = real;
    expect(problemsOf({ ...env, AAD_APP_CERT_PATH: '/certs/patbot.pem' })[0]).toMatch(
      /^AAD_APP_CERT_THUMBPRINT/,
    );
    const config = loadConfig({
      ...env,
      AAD_APP_CERT_PATH: '/certs/patbot.pem',
      AAD_APP_CERT_THUMBPRINT: 'ab12',
    });
    expect(config.entra.certPath).toBe('/certs/patbot.pem');
  });

  it('enables Slack only with both its secrets and honours SLACK_API_URL', () => {
    const config = loadConfig({
      ...real,
      SLACK_SIGNING_SECRET: 'sig',
      SLACK_BOT_TOKEN: 'fake-slack-bot-token',
      SLACK_API_URL: 'http://127.0.0.1:9/api',
    });
    expect(config.slack).toEqual({
      signingSecret: 'sig',
      botToken: 'fake-slack-bot-token',
      apiUrl: 'http://127.0.0.1:9/api/',
      command: '/pat',
    });
  });

  it('reads the Slack slash command from SLACK_COMMAND and refuses one Slack would not accept', () => {
    const slack = { ...real, SLACK_SIGNING_SECRET: 'sig', SLACK_BOT_TOKEN: 'fake-slack-bot-token' };
    expect(loadConfig({ ...slack, SLACK_COMMAND: '/tokens' }).slack?.command).toBe('/tokens');
    for (const bad of ['tokens', '/Tokens', '/pat list', '/', `/${'x'.repeat(32)}`])
      expect(problemsOf({ ...slack, SLACK_COMMAND: bad })[0]).toMatch(/^SLACK_COMMAND: .+ Use a slash/);
  });

  it('accepts a hex key and a previous key for rotation', () => {
    const config = loadConfig({ ...real, TOKEN_CACHE_KEY: 'ab'.repeat(32), TOKEN_CACHE_KEY_PREVIOUS: KEY });
    expect(config.tokenCache.key.equals(Buffer.from('ab'.repeat(32), 'hex'))).toBe(true);
    expect(config.tokenCache.previousKey?.equals(Buffer.alloc(32, 7))).toBe(true);
  });

  it('accepts a PostgreSQL DATABASE_URL with password (default) or Entra sign-in and a pool size', () => {
    const url = 'postgresql://patbot:pw@db.example:5432/patbot?sslmode=require';
    expect(loadConfig({ ...real, DATABASE_URL: url }).database).toEqual({
      url,
      auth: 'password',
      poolMax: 10,
      entraClientId: null,
    });
    expect(
      loadConfig({
        ...real,
        DATABASE_URL: 'postgres://patbot-id@db.example/patbot?sslmode=require',
        DATABASE_AUTH: 'Entra',
        DATABASE_POOL_MAX: '25',
        DATABASE_ENTRA_CLIENT_ID: GUID,
      }).database,
    ).toMatchObject({ auth: 'entra', poolMax: 25, entraClientId: GUID });
  });

  it('refuses a bad DATABASE_AUTH, Entra with SQLite, a bad pool size and a bad client id', () => {
    const problems = problemsOf({
      ...real,
      DATABASE_AUTH: 'kerberos',
      DATABASE_POOL_MAX: '0',
      DATABASE_ENTRA_CLIENT_ID: 'not-a-guid',
    });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'DATABASE_AUTH',
      'DATABASE_ENTRA_CLIENT_ID',
      'DATABASE_POOL_MAX',
    ]);
    expect(problemsOf({ ...real, DATABASE_AUTH: 'entra' })).toEqual([
      expect.stringContaining('DATABASE_AUTH: entra works only with a postgres:// DATABASE_URL.'),
    ]);
  });

  it('caps the organisations per person (MAX_ORGS_PER_USER, default 10) and validates it', () => {
    expect(loadConfig(real).ado.maxOrgsPerUser).toBe(10);
    expect(loadConfig({ ...real, MAX_ORGS_PER_USER: '25' }).ado.maxOrgsPerUser).toBe(25);
    for (const bad of ['0', '101', 'ten', '2.5'])
      expect(problemsOf({ ...real, MAX_ORGS_PER_USER: bad })[0]).toMatch(
        /^MAX_ORGS_PER_USER: .*whole number from 1 to 100/,
      );
    expect(problemsOf({ ...real, MAX_ORGS_PER_USER: '1' })[0]).toMatch(
      /^ADO_ORGANIZATIONS: lists 2 organisations, more than MAX_ORGS_PER_USER \(1\)/,
    );
  });

  it('reads the one-click renewal length (RENEW_DEFAULT_DAYS, default 90, 1–365) with a coded error', () => {
    expect(loadConfig(real).ado.renewDefaultDays).toBe(90);
    expect(loadConfig({ ...real, RENEW_DEFAULT_DAYS: '45' }).ado.renewDefaultDays).toBe(45);
    expect(loadConfig({ ...real, RENEW_DEFAULT_DAYS: '365' }).ado.renewDefaultDays).toBe(365);
    for (const bad of ['0', '366', 'ninety', '30.5', '-1']) {
      expect(problemsOf({ ...real, RENEW_DEFAULT_DAYS: bad })).toEqual([
        `RENEW_DEFAULT_DAYS: "${bad}" is not a whole number from 1 to 365. Use e.g. 90.`,
      ]);
      expect(() => loadConfig({ ...real, RENEW_DEFAULT_DAYS: bad })).toThrow(
        expect.objectContaining({ code: 'config.invalid' }),
      );
    }
  });

  it('never echoes database credentials in its error', () => {
    const problems = problemsOf({ ...real, DATABASE_URL: 'mysql://admin:hunter2@db/patbot' });
    expect(problems.join('\n')).not.toContain('hunter2');
  });
});

describe('loadConfig: national clouds', () => {
  it('takes the public cloud by default', () => {
    const config = loadConfig(real);
    expect(config.cloud.cloud).toBe('public');
    expect(config.cloud.loginUrl).toBe(`https://login.microsoftonline.com/${TENANT}`);
    expect(config.teams.ssoResource).toBe(`api://botid-${GUID}`);
  });

  it('sets the Entra authority host from AZURE_CLOUD unless it is given', () => {
    const gov = loadConfig({ ...real, AZURE_CLOUD: 'usgovhigh' });
    expect(gov.cloud.cloud).toBe('usgovhigh');
    expect(gov.entra.authorityHost).toBe(gov.cloud.entraAuthorityHost);
    expect(gov.entra.authorityHost).not.toBe('https://login.microsoftonline.com');
    const custom = loadConfig({
      ...real,
      AZURE_CLOUD: 'china',
      AAD_APP_OAUTH_AUTHORITY_HOST: 'https://login.example.test',
    });
    expect(custom.entra.authorityHost).toBe('https://login.example.test');
  });

  it('lets each endpoint be overridden and names a bad one', () => {
    const config = loadConfig({
      ...real,
      BOT_OPENID_METADATA_URL: 'https://127.0.0.1:9/openid',
      BOT_TOKEN_ISSUER: 'https://iss.test',
    });
    expect(config.cloud.openIdMetadataUrl).toBe('https://127.0.0.1:9/openid');
    expect(config.cloud.tokenIssuer).toBe('https://iss.test');
    expect(problemsOf({ ...real, AZURE_CLOUD: 'mars' })[0]).toMatch(/^AZURE_CLOUD: /);
    expect(problemsOf({ ...real, BOT_LOGIN_URL: 'not-a-url' })[0]).toMatch(/^BOT_LOGIN_URL: /);
  });
});

describe('loadConfig: reminders', () => {
  it('applies the documented defaults', () => {
    const { reminders } = loadConfig({});
    expect(reminders.cron).toBe('0 * * * *');
    expect(reminders.thresholdsDays).toEqual([14, 7, 3, 1, 0]);
    expect(reminders.defaultTimeZone).toBe('UTC');
    expect(reminders.concurrency).toBe(8);
  });

  it('reads and validates them with the variable names', () => {
    const config = loadConfig({
      REMINDER_THRESHOLDS_DAYS: '30,7,0',
      REMINDER_DEFAULT_TIMEZONE: 'Europe/Berlin',
    });
    expect(config.reminders.thresholdsDays).toEqual([30, 7, 0]);
    expect(config.reminders.defaultTimeZone).toBe('Europe/Berlin');
    const problems = problemsOf({ REMINDER_CRON: 'every hour', REMINDER_DEFAULT_TIMEZONE: 'Mars/Olympus' });
    expect(problems.map((p) => p.split(/[: ]/)[0])).toEqual(
      expect.arrayContaining(['REMINDER_CRON', 'REMINDER_DEFAULT_TIMEZONE']),
    );
  });
});

describe('loadConfig: hardening', () => {
  it('refuses an inferred sandbox when real credentials are set (e.g. AAD_APP_CLIENT_ID forgotten)', () => {
    const problems = problemsOf({
      AAD_APP_CLIENT_SECRET: 'real-secret',
      SLACK_BOT_TOKEN: 'fake-slack-bot-token',
      SLACK_SIGNING_SECRET: 's',
    });
    expect(problems[0]).toMatch(
      /^AAD_APP_CLIENT_ID: is not set, which would mean sandbox mode, but real credentials are set \(AAD_APP_CLIENT_SECRET, SLACK_BOT_TOKEN\)/,
    );
  });

  it('lets the sandbox talk to a Slack fake on loopback', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'fake-slack-bot-token',
      SLACK_SIGNING_SECRET: 's',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
    });
    expect(config.sandbox).toBe(true);
    expect(config.slack?.apiUrl).toBe('http://127.0.0.1:9/api/');
  });

  it('validates ADO_VSSPS_BASE_URL and requires https for anything that receives Entra tokens', () => {
    expect(problemsOf({ ...real, ADO_VSSPS_BASE_URL: 'not a url at all' })[0]).toMatch(
      /^ADO_VSSPS_BASE_URL: /,
    );
    const plain = problemsOf({
      ...real,
      ADO_VSSPS_BASE_URL: 'http://vssps.example.com',
      AAD_APP_OAUTH_AUTHORITY_HOST: 'http://login.example.com',
    });
    expect(plain.map((p) => p.split(':')[0])).toEqual(['ADO_VSSPS_BASE_URL', 'AAD_APP_OAUTH_AUTHORITY_HOST']);
    expect(loadConfig({ ...real, ADO_VSSPS_BASE_URL: 'http://127.0.0.1:8080' }).ado.vsspsBaseUrl).toBe(
      'http://127.0.0.1:8080',
    );
  });
});

describe('loadConfig: messages say what to do', () => {
  it('an unset required variable "is not set" (never "must be a GUID" or the like)', () => {
    const problems = problemsOf({ SANDBOX: '0' });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^AAD_APP_CLIENT_ID is not set: it is required outside sandbox mode\. Set /),
        expect.stringMatching(/^AAD_APP_TENANT_ID is not set: /),
        expect.stringMatching(/^AAD_APP_CLIENT_SECRET is not set: it \(or AAD_APP_CERT_PATH\) is required/),
        expect.stringMatching(/^TOKEN_CACHE_KEY is not set: /),
      ]),
    );
    expect(problemsOf({ ...real, BOT_TENANT_ID: '' })).toEqual([
      expect.stringMatching(/^BOT_TENANT_ID is not set: it is required when BOT_ID is set/),
    ]);
  });

  it('REMINDER_CRON with six fields is refused, naming the five-field format with an example', () => {
    const problems = problemsOf({ REMINDER_CRON: '0 0 9 * * 1-5' });
    expect(problems).toEqual([
      expect.stringMatching(
        /^REMINDER_CRON: "0 0 9 \* \* 1-5" has 6 field\(s\); patbot takes exactly five.*minute hour day month weekday.*"0 \* \* \* \*"/,
      ),
    ]);
  });
});

describe('loadEnvFile', () => {
  const dirs: string[] = [];
  const folderWith = (files: Record<string, string>): string => {
    const dir = mkdtempSync(join(tmpdir(), 'patbot-envfile-'));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('sets what .env has, never overrides a variable already set (even to empty), and says so', () => {
    const dir = folderWith({ '.env': '# comment\nPORT=4000\nLOG_LEVEL="debug"\nHOST=0.0.0.0\n' });
    const env: Record<string, string | undefined> = { LOG_LEVEL: 'warn', HOST: '' };
    const result = loadEnvFile(dir, env);
    expect(result).toEqual({
      path: join(dir, '.env'),
      found: true,
      applied: ['PORT'],
      ignored: ['HOST', 'LOG_LEVEL'],
    });
    expect(env).toEqual({ PORT: '4000', LOG_LEVEL: 'warn', HOST: '' });
    expect(describeEnvFile(result)).toBe(
      `read ${join(dir, '.env')} (1 variable(s) set; already set, so kept: HOST, LOG_LEVEL)`,
    );
  });

  it('without .env: nothing changes and the log says no file was found', () => {
    const dir = folderWith({});
    const env: Record<string, string | undefined> = { PORT: '1' };
    const result = loadEnvFile(dir, env);
    expect(env).toEqual({ PORT: '1' });
    expect(describeEnvFile(result)).toBe(`no env file at ${join(dir, '.env')}: using the environment only`);
  });

  it('ENV_FILE chooses another file; a missing one is a config error naming it', () => {
    const dir = folderWith({ 'staging.env': 'PORT=5000\n', '.env': 'PORT=6000\n' });
    const env: Record<string, string | undefined> = { ENV_FILE: 'staging.env' };
    expect(loadEnvFile(dir, env).path).toBe(join(dir, 'staging.env'));
    expect(env.PORT).toBe('5000');
    expect(() => loadEnvFile(dir, { ENV_FILE: 'nope.env' })).toThrow(
      expect.objectContaining({
        code: 'config.invalid',
        message: `ENV_FILE: ${join(dir, 'nope.env')} does not exist.`,
      }),
    );
  });
});

describe('loadConfig: who may reach the bot', () => {
  const OTHER = '99999999-8888-4777-8666-555555555555';

  it('serves only the bot’s own tenant by default, and any tenant in sandbox mode', () => {
    expect(loadConfig(real).teams.allowedTenants).toEqual([TENANT]);
    expect(loadConfig({ ...real, BOT_TENANT_ID: OTHER.toUpperCase() }).teams.allowedTenants).toEqual([
      OTHER,
      TENANT,
    ]);
    expect(loadConfig({}).teams.allowedTenants).toBe('any');
  });

  it('reads ALLOWED_TENANT_IDS as tenant ids or *, and names a bad entry', () => {
    expect(
      loadConfig({ ...real, ALLOWED_TENANT_IDS: `${OTHER}, ${TENANT.toUpperCase()}` }).teams.allowedTenants,
    ).toEqual([OTHER, TENANT]);
    const any = loadConfig({ ...real, ALLOWED_TENANT_IDS: '*' });
    expect(any.teams.allowedTenants).toBe('any');
    expect(any.warnings.join(' ')).toMatch(/ALLOWED_TENANT_IDS is \*/);
    expect(problemsOf({ ...real, ALLOWED_TENANT_IDS: `${OTHER},contoso.onmicrosoft.com` })).toEqual([
      expect.stringMatching(/^ALLOWED_TENANT_IDS: "contoso\.onmicrosoft\.com" is not a tenant id/),
    ]);
  });

  it('needs ALLOWED_TENANT_IDS when no tenant GUID gives the default', () => {
    const env = {
      ...real,
      BOT_TENANT_ID: 'contoso.onmicrosoft.com',
      AAD_APP_TENANT_ID: 'contoso.onmicrosoft.com',
    };
    expect(problemsOf(env)).toEqual([expect.stringMatching(/^ALLOWED_TENANT_IDS: has no default/)]);
    expect(loadConfig({ ...env, ALLOWED_TENANT_IDS: TENANT }).teams.allowedTenants).toEqual([TENANT]);
  });

  it('takes READYZ_DETAIL_TOKEN only when it is long enough, without echoing it', () => {
    expect(loadConfig(real).http.readyzDetailToken).toBeNull();
    expect(loadConfig({ ...real, READYZ_DETAIL_TOKEN: 'a-long-enough-token-1' }).http.readyzDetailToken).toBe(
      'a-long-enough-token-1',
    );
    const problems = problemsOf({ ...real, READYZ_DETAIL_TOKEN: 'short-tok' });
    expect(problems).toEqual([expect.stringMatching(/^READYZ_DETAIL_TOKEN: must be at least 16 characters/)]);
    expect(problems.join(' ')).not.toContain('short-tok');
  });
});

describe('ADMIN_DIGEST_AT', () => {
  it('defaults to Monday 08:00 UTC and reads a weekday and a time', () => {
    expect(loadConfig({}).ado.adminDigestAt).toEqual({ weekday: 1, hour: 8, minute: 0 });
    expect(loadConfig({ ADMIN_DIGEST_AT: 'Friday 16:30' }).ado.adminDigestAt).toEqual({
      weekday: 5,
      hour: 16,
      minute: 30,
    });
    expect(loadConfig({ ADMIN_DIGEST_AT: 'sun 0:05 UTC' }).ado.adminDigestAt).toEqual({
      weekday: 0,
      hour: 0,
      minute: 5,
    });
  });

  it('refuses what is not a weekday and a UTC time, saying how to write it', () => {
    for (const bad of ['monday', 'xyz 08:00', 'mon 24:00', 'mon 08:60', '08:00']) {
      const problems = problemsOf({ ...real, ADMIN_DIGEST_AT: bad });
      expect(problems.some((p) => p.startsWith('ADMIN_DIGEST_AT:') && p.includes('`mon 08:00`'))).toBe(true);
    }
  });
});
