import {
  BicepResource,
  bicepOutputs,
  bicepParams,
  bicepResources,
  bicepVar,
  configVariables,
  placeholders,
  read,
} from './helpers';
import { parse } from 'yaml';

const bicep = read('deploy/azure/main.bicep');
const resources = bicepResources(bicep);
const params = bicepParams(bicep);
const outputs = bicepOutputs(bicep);
const parametersJson = JSON.parse(read('deploy/azure/main.parameters.json')) as {
  parameters: Record<string, { value: unknown }>;
};
const bicepparam = read('deploy/azure/main.bicepparam');

function resourcesOfType(type: string): BicepResource[] {
  return resources.filter((r) => r.type.toLowerCase() === type.toLowerCase());
}

function one(type: string): BicepResource {
  const found = resourcesOfType(type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0];
}

/** All app settings written by the sites/config 'appsettings' resource, as key -> expression. */
function appSettings(): Record<string, string> {
  const cfg = resourcesOfType('Microsoft.Web/sites/config').find((r) => /name:\s*'appsettings'/.test(r.body));
  if (!cfg) throw new Error('no Microsoft.Web/sites/config appsettings resource');
  const props = /properties:\s*(.+)/.exec(cfg.body)![1].trim();
  const varNames = props.startsWith('union(')
    ? props
        .slice('union('.length, props.lastIndexOf(')'))
        .split(',')
        .map((s) => s.trim())
    : [props];
  const settings: Record<string, string> = {};
  for (const v of varNames) {
    const expr = v.startsWith('{') ? v : bicepVar(bicep, v);
    for (const m of expr.matchAll(/^\s*([A-Za-z_][A-Za-z0-9_]*):\s*(.+)$/gm)) settings[m[1]] = m[2].trim();
  }
  return settings;
}

const SECRETS: { variable: string; param: string }[] = [
  { variable: 'BOT_PASSWORD', param: 'botAadAppClientSecret' },
  { variable: 'AAD_APP_CLIENT_SECRET', param: 'aadAppClientSecret' },
  { variable: 'SLACK_SIGNING_SECRET', param: 'slackSigningSecret' },
  { variable: 'SLACK_BOT_TOKEN', param: 'slackBotToken' },
  { variable: 'TOKEN_CACHE_KEY', param: 'tokenCacheKey' },
];

/** App Service platform settings that are not patbot configuration. */
const PLATFORM_SETTINGS = [
  'WEBSITES_ENABLE_APP_SERVICE_STORAGE',
  'SCM_DO_BUILD_DURING_DEPLOYMENT',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
  'ApplicationInsightsAgent_EXTENSION_VERSION',
];

describe('deploy/azure/main.bicep: App Service', () => {
  const site = one('Microsoft.Web/sites');
  const plan = one('Microsoft.Web/serverfarms');

  it('is a Linux plan and a Node 22 LTS web app', () => {
    expect(plan.body).toMatch(/reserved:\s*true/);
    expect(plan.body).toMatch(/kind:\s*'linux'/);
    expect(site.body).toMatch(/kind:\s*'app,linux'/);
    expect(site.body).toContain("linuxFxVersion: 'NODE|22-lts'");
    expect(site.body).toMatch(/serverFarmId:\s*plan\.id/);
  });

  it('is HTTPS only, always on, without FTP, TLS 1.2 minimum', () => {
    expect(site.body).toMatch(/httpsOnly:\s*true/);
    expect(site.body).toMatch(/alwaysOn:\s*true/);
    expect(site.body).toMatch(/ftpsState:\s*'Disabled'/);
    expect(site.body).toMatch(/minTlsVersion:\s*'1\.2'/);
  });

  it('starts the compiled app and health-checks /healthz', () => {
    expect(site.body).toMatch(/appCommandLine:\s*'node dist\/main\.js'/);
    expect(site.body).toMatch(/healthCheckPath:\s*'\/healthz'/);
  });

  it('runs as the user-assigned managed identity and resolves Key Vault references with it', () => {
    const identity = one('Microsoft.ManagedIdentity/userAssignedIdentities');
    expect(site.body).toMatch(/type:\s*'UserAssigned'/);
    expect(site.body).toContain(`'\${${identity.symbol}.id}': {}`);
    expect(site.body).toMatch(new RegExp(`keyVaultReferenceIdentity:\\s*${identity.symbol}\\.id`));
  });
});

describe('deploy/azure/main.bicep: Azure Bot', () => {
  const bot = one('Microsoft.BotService/botServices');

  it('is a global, single-tenant azurebot pointing at /api/messages over https', () => {
    expect(bot.body).toMatch(/kind:\s*'azurebot'/);
    expect(bot.body).toMatch(/location:\s*'global'/);
    expect(bot.body).toMatch(/msaAppType:\s*'SingleTenant'/);
    expect(bot.body).toMatch(/msaAppTenantId:\s*\w+/);
    expect(bot.body).toMatch(/msaAppId:\s*botAadAppClientId/);
    const endpoint = /endpoint:\s*'([^']+)'/.exec(bot.body)![1];
    expect(endpoint).toMatch(/\/api\/messages$/);
    // publicBaseUrl is https://{site host}
    expect(bicepVar(bicep, 'publicBaseUrl')).toMatch(
      /^'https:\/\/\$\{webApp\.properties\.defaultHostName\}'/,
    );
    expect(endpoint).toMatch(/^(https:\/\/|\$\{publicBaseUrl\})/);
  });

  it('has the Microsoft Teams channel', () => {
    const channel = one('Microsoft.BotService/botServices/channels');
    expect(channel.body).toMatch(new RegExp(`parent:\\s*${bot.symbol}\\b`));
    expect(channel.body).toMatch(/name:\s*'MsTeamsChannel'/);
    expect(channel.body).toMatch(/channelName:\s*'MsTeamsChannel'/);
  });
});

describe('deploy/azure/main.bicep: Key Vault and secrets', () => {
  const vault = one('Microsoft.KeyVault/vaults');
  const secrets = resourcesOfType('Microsoft.KeyVault/vaults/secrets');
  const settings = appSettings();

  it('uses RBAC authorization', () => {
    expect(vault.body).toMatch(/enableRbacAuthorization:\s*true/);
  });

  it.each(SECRETS)(
    '$variable: secure parameter -> Key Vault secret -> @Microsoft.KeyVault app setting',
    ({ variable, param }) => {
      const p = params.find((x) => x.name === param);
      expect(p?.decorators).toContain('@secure()');
      const secret = secrets.find((s) => new RegExp(`value:\\s*${param}(Value)?\\b`).test(s.body));
      expect(secret).toBeDefined();
      expect(secret!.body).toMatch(new RegExp(`parent:\\s*${vault.symbol}\\b`));
      expect(settings[variable]).toBe(
        `'@Microsoft.KeyVault(SecretUri=\${${secret!.symbol}.properties.secretUri})'`,
      );
    },
  );

  it('gives the managed identity "Key Vault Secrets User" on the vault before the settings use it', () => {
    const identity = one('Microsoft.ManagedIdentity/userAssignedIdentities');
    const assignment = resourcesOfType('Microsoft.Authorization/roleAssignments').find((r) =>
      /keyVaultSecretsUserRoleId|4633458b-17de-408a-b874-0445c86b69e6/.test(r.body),
    );
    expect(assignment).toBeDefined();
    expect(assignment!.body).toMatch(new RegExp(`scope:\\s*${vault.symbol}\\b`));
    expect(assignment!.body).toMatch(
      new RegExp(`principalId:\\s*${identity.symbol}\\.properties\\.principalId`),
    );
    expect(bicepVar(bicep, 'keyVaultSecretsUserRoleId')).toContain('4633458b-17de-408a-b874-0445c86b69e6');
    const cfg = resourcesOfType('Microsoft.Web/sites/config')[0];
    expect(cfg.body).toMatch(new RegExp(`dependsOn:\\s*\\[[^\\]]*\\b${assignment!.symbol}\\b`));
  });

  it('declares no secure parameter with a non-empty default and no secret in plain app settings', () => {
    for (const p of params.filter((x) => x.decorators.includes('@secure()'))) {
      expect({ name: p.name, default: p.defaultText ?? "''" }).toEqual({ name: p.name, default: "''" });
    }
    const secureNames = params.filter((x) => x.decorators.includes('@secure()')).map((x) => x.name);
    for (const [key, expr] of Object.entries(settings)) {
      for (const s of secureNames) {
        expect({ key, usesSecureParamDirectly: new RegExp(`\\b${s}\\b`).test(expr) }).toEqual({
          key,
          usesSecureParamDirectly: false,
        });
      }
    }
  });
});

describe('deploy/azure/main.bicep: storage', () => {
  const settings = appSettings();

  it('has a scaleOut bool parameter and PostgreSQL only when it is true', () => {
    expect(params.find((p) => p.name === 'scaleOut')).toMatchObject({ type: 'bool', defaultText: 'false' });
    const pg = resourcesOfType('Microsoft.DBforPostgreSQL/flexibleServers');
    expect(pg.length).toBe(1);
    expect(pg[0].condition).toBe('if (scaleOut)');
    for (const child of resources.filter((r) => r.type.startsWith('Microsoft.DBforPostgreSQL/'))) {
      expect({ child: child.symbol, condition: child.condition }).toEqual({
        child: child.symbol,
        condition: 'if (scaleOut)',
      });
    }
  });

  it('with scaleOut runs at least 2 instances on PostgreSQL with DATABASE_URL from Key Vault over TLS', () => {
    const count = params.find((p) => p.name === 'instanceCount');
    expect(count).toMatchObject({ type: 'int', defaultText: '2' });
    expect(bicep).toMatch(/@minValue\(2\)\s*@maxValue\(10\)\s*param instanceCount int/);
    expect(one('Microsoft.Web/serverfarms').body).toMatch(/capacity:\s*scaleOut \? instanceCount : 1/);
    expect(settings.DATABASE_URL).toMatch(
      /@Microsoft\.KeyVault\(SecretUri=\$\{databaseUrlSecret\.properties\.secretUri\}\)/,
    );
    const secret = resourcesOfType('Microsoft.KeyVault/vaults/secrets').find(
      (r) => r.symbol === 'databaseUrlSecret',
    );
    expect(secret?.condition).toBe('if (scaleOut)');
    expect(secret?.body).toMatch(
      /value: scaleOut \? 'postgres:\/\/.*:5432\/\$\{postgresDatabaseName\}\?sslmode=require'/,
    );
    const tls = resourcesOfType('Microsoft.DBforPostgreSQL/flexibleServers/configurations');
    expect(tls.map((r) => r.body.match(/name: '([^']+)'/)?.[1])).toEqual(['require_secure_transport']);
    expect(tls[0].body).toMatch(/value: 'on'/);
    expect(settings.DATABASE_POOL_MAX).toBe('string(scaleOut ? max(2, 30 / instanceCount) : 10)');
  });

  it('otherwise uses SQLite on App Service persistent storage, one instance', () => {
    expect(settings.DATABASE_URL).toMatch(
      /^scaleOut \? '@Microsoft\.KeyVault\(SecretUri=.*\)' : 'sqlite:\/home\/data\/patbot\.db'$/,
    );
    expect(settings.WEBSITES_ENABLE_APP_SERVICE_STORAGE).toBe("'true'");
    expect(one('Microsoft.Web/serverfarms').body).toMatch(/capacity:\s*scaleOut \? instanceCount : 1/);
  });
});

describe('deploy/azure/main.bicep: monitoring', () => {
  it('has Log Analytics and workspace-based Application Insights wired to the app', () => {
    const logs = one('Microsoft.OperationalInsights/workspaces');
    const ai = one('Microsoft.Insights/components');
    expect(ai.body).toMatch(new RegExp(`WorkspaceResourceId:\\s*${logs.symbol}\\.id`));
    expect(appSettings().APPLICATIONINSIGHTS_CONNECTION_STRING).toBe(
      `${ai.symbol}.properties.ConnectionString`,
    );
    const diag = resourcesOfType('Microsoft.Insights/diagnosticSettings');
    expect(diag.some((d) => /scope:\s*webApp\b/.test(d.body) && /AppServiceConsoleLogs/.test(d.body))).toBe(
      true,
    );
  });
});

describe('deploy/azure/main.bicep: app settings match src/config/', () => {
  const settings = appSettings();
  const known = configVariables();

  it('reads the config variable list from src/config/schema.ts', () => {
    expect(known).toEqual(expect.arrayContaining(['BOT_ID', 'DATABASE_URL', 'TOKEN_CACHE_KEY']));
  });

  it('sets only variables patbot reads, plus App Service platform settings', () => {
    for (const key of Object.keys(settings)) {
      expect({ key, known: known.includes(key) || PLATFORM_SETTINGS.includes(key) }).toEqual({
        key,
        known: true,
      });
    }
  });

  it.each([
    'BOT_ID',
    'BOT_PASSWORD',
    'BOT_TENANT_ID',
    'BOT_TYPE',
    'AAD_APP_CLIENT_ID',
    'AAD_APP_CLIENT_SECRET',
    'AAD_APP_TENANT_ID',
    'AAD_APP_OAUTH_AUTHORITY_HOST',
    'PUBLIC_BASE_URL',
    'TOKEN_CACHE_KEY',
    'DATABASE_URL',
    'SANDBOX',
  ])('sets %s', (key) => {
    expect(settings[key]).toBeDefined();
  });

  it('never runs the sandbox and names the bot type SingleTenant', () => {
    expect(settings.SANDBOX).toBe("'0'");
    expect(settings.BOT_TYPE).toBe("'SingleTenant'");
    expect(settings.PUBLIC_BASE_URL).toBe('publicBaseUrl');
  });
});

describe('deploy/azure/main.bicep: outputs', () => {
  const byName = Object.fromEntries(outputs.map((o) => [o.name, o.value]));

  it.each([
    ['BOT_MESSAGING_ENDPOINT', /\/api\/messages'$/],
    ['BOT_ENDPOINT', /^publicBaseUrl$/],
    ['PUBLIC_BASE_URL', /^publicBaseUrl$/],
    ['BOT_DOMAIN', /defaultHostName$/],
    ['SLACK_REQUEST_URL', /\/slack\/events'$/],
    ['AUTH_END_URL', /\/auth-end\.html'$/],
    ['AUTH_CALLBACK_URL', /\/auth\/callback'$/],
    ['AAD_APP_ID_URI', /^'api:\/\/botid-\$\{botAadAppClientId\}'$/],
    ['BOT_AZURE_APP_SERVICE_RESOURCE_ID', /^webApp\.id$/],
  ])('outputs %s', (name, value) => {
    expect(byName[name]).toMatch(value);
  });

  it('outputs no secret', () => {
    const secureNames = params.filter((x) => x.decorators.includes('@secure()')).map((x) => x.name);
    for (const o of outputs) {
      for (const s of secureNames) expect(o.value).not.toMatch(new RegExp(`\\b${s}(Value)?\\b`));
      expect(o.value).not.toMatch(/Secret\b.*\.properties\.value|listKeys|listSecrets/);
    }
  });
});

describe('deploy/azure parameters', () => {
  const required = params.filter((p) => !p.hasDefault).map((p) => p.name);
  const declared = params.map((p) => p.name);

  it('main.parameters.json (Agents Toolkit) gives every required parameter and nothing undeclared', () => {
    const given = Object.keys(parametersJson.parameters);
    expect(given).toEqual(expect.arrayContaining(required));
    for (const g of given) expect(declared).toContain(g);
  });

  it('main.parameters.json feeds secure parameters only from SECRET_ variables', () => {
    for (const p of params.filter((x) => x.decorators.includes('@secure()'))) {
      const entry = parametersJson.parameters[p.name];
      if (!entry) continue;
      expect(placeholders(String(entry.value))).toEqual([expect.stringMatching(/^SECRET_/)]);
    }
  });

  it('main.bicepparam (az CLI) uses main.bicep and gives every required parameter', () => {
    expect(bicepparam).toMatch(/^using '\.\/main\.bicep'$/m);
    const given = [...bicepparam.matchAll(/^param\s+(\w+)\s*=/gm)].map((m) => m[1]);
    expect(given).toEqual(expect.arrayContaining(required));
    for (const g of given) expect(declared).toContain(g);
  });

  it('optional parameters fed by a ${{VAR}} treat an unresolved placeholder as not set', () => {
    // The toolkit leaves ${{VAR}} in place when VAR is empty.
    expect(bicepVar(bicep, 'placeholderStart')).toBe("'\\${{'");
    // Values written by the actions before arm/deploy are always there; the others may be empty.
    const lifecycle = parse(read('m365agents.yml')) as {
      provision: { uses: string; writeToEnvironmentFile?: Record<string, string> }[];
    };
    const written = lifecycle.provision
      .slice(
        0,
        lifecycle.provision.findIndex((a) => a.uses === 'arm/deploy'),
      )
      .flatMap((a) => Object.values(a.writeToEnvironmentFile ?? {}));
    const code = bicep
      .split('\n')
      .filter((l) => !/^\s*(@|\/\/)/.test(l))
      .join('\n');
    for (const p of params.filter((x) => x.hasDefault && x.type === 'string')) {
      const entry = parametersJson.parameters[p.name];
      const vars = entry ? placeholders(String(entry.value)) : [];
      if (vars.length === 0 || vars.every((v) => written.includes(v))) continue;
      expect(bicepVar(bicep, `${p.name}Value`)).toBe(
        `startsWith(${p.name}, placeholderStart) ? '' : ${p.name}`,
      );
      const uses = [...code.matchAll(new RegExp(`\\b${p.name}\\b(?!Value)`, 'g'))].length;
      // declaration + the guard's two mentions
      expect({ param: p.name, uses }).toEqual({ param: p.name, uses: 3 });
    }
  });

  it('GUID parameters reject an unresolved ${{VAR}} placeholder by length', () => {
    for (const name of ['botAadAppClientId', 'aadAppClientId']) {
      const p = params.find((x) => x.name === name)!;
      expect(p.decorators).toEqual(expect.arrayContaining(['@minLength(36)', '@maxLength(36)']));
    }
    const key = params.find((x) => x.name === 'tokenCacheKey')!;
    expect(key.decorators).toContain('@minLength(44)');
  });
});
