import { parse } from 'yaml';
import { bicepOutputs, exists, placeholders, read } from './helpers';

interface Action {
  uses: string;
  name?: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}

interface Lifecycle {
  version: string;
  environmentFolderPath?: string;
  provision: Action[];
  deploy: Action[];
  publish?: Action[];
}

const text = read('m365agents.yml');
const yml = parse(text) as Lifecycle;
const outputs = bicepOutputs(read('deploy/azure/main.bicep')).map((o) => o.name);
const envSample = read('env/.env.dev.sample');
const docs = read('docs/deploy.md');

function action(list: Action[], uses: string): Action {
  const found = list.filter((a) => a.uses === uses);
  if (found.length !== 1) throw new Error(`expected one ${uses}, found ${found.length}`);
  return found[0];
}

function path(p: unknown): string {
  return String(p).replace(/^\.\//, '');
}

/** Variables the toolkit defines itself. */
const BUILT_IN = ['TEAMSFX_ENV', 'APP_NAME_SUFFIX', 'AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME'];

describe('m365agents.yml', () => {
  it('is Agents Toolkit lifecycle v1.9 with its schema', () => {
    expect(yml.version).toBe('v1.9');
    expect(text.split('\n')[0]).toBe(
      '# yaml-language-server: $schema=https://aka.ms/m365-agents-toolkits/v1.9/yaml.schema.json',
    );
    expect(yml.environmentFolderPath).toBe('./env');
  });

  it('provisions in order: Entra app, Teams app, bot app, Azure, Entra update, Teams package', () => {
    expect(yml.provision.map((a) => a.uses)).toEqual([
      'aadApp/create',
      'teamsApp/create',
      'botAadApp/create',
      'arm/deploy',
      'aadApp/update',
      'teamsApp/validateManifest',
      'teamsApp/zipAppPackage',
      'teamsApp/validateAppPackage',
      'teamsApp/update',
    ]);
  });

  it('creates a single-tenant Entra app with a secret and records what patbot needs', () => {
    const create = action(yml.provision, 'aadApp/create');
    expect(create.with).toMatchObject({ generateClientSecret: true, signInAudience: 'AzureADMyOrg' });
    expect(create.writeToEnvironmentFile).toMatchObject({
      clientId: 'AAD_APP_CLIENT_ID',
      clientSecret: 'SECRET_AAD_APP_CLIENT_SECRET',
      objectId: 'AAD_APP_OBJECT_ID',
      tenantId: 'AAD_APP_TENANT_ID',
      authorityHost: 'AAD_APP_OAUTH_AUTHORITY_HOST',
    });
    expect(action(yml.provision, 'botAadApp/create').writeToEnvironmentFile).toEqual({
      botId: 'BOT_ID',
      botPassword: 'SECRET_BOT_PASSWORD',
    });
  });

  it('deploys deploy/azure/main.bicep with its parameters file', () => {
    const arm = action(yml.provision, 'arm/deploy');
    const templates = arm.with!.templates as { path: string; parameters: string; deploymentName: string }[];
    expect(templates.map((t) => path(t.path))).toEqual(['deploy/azure/main.bicep']);
    expect(path(templates[0].parameters)).toBe('deploy/azure/main.parameters.json');
    expect(exists(path(templates[0].path))).toBe(true);
    expect(exists(path(templates[0].parameters))).toBe(true);
    expect(templates[0].deploymentName).toMatch(/\S/);
  });

  it('applies deploy/entra/aad.manifest.json', () => {
    const update = action(yml.provision, 'aadApp/update');
    expect(path(update.with!.manifestPath)).toBe('deploy/entra/aad.manifest.json');
    expect(exists('deploy/entra/aad.manifest.json')).toBe(true);
    expect(path(update.with!.outputFilePath)).toMatch(/^build\//);
  });

  it('validates, zips, validates and updates the Teams package from manifest/teams/manifest.json', () => {
    expect(path(action(yml.provision, 'teamsApp/validateManifest').with!.manifestPath)).toBe(
      'manifest/teams/manifest.json',
    );
    const zip = action(yml.provision, 'teamsApp/zipAppPackage');
    expect(path(zip.with!.manifestPath)).toBe('manifest/teams/manifest.json');
    expect(path(zip.with!.outputZipPath)).toBe('build/appPackage.${{TEAMSFX_ENV}}.zip');
    for (const uses of ['teamsApp/validateAppPackage', 'teamsApp/update']) {
      expect(path(action(yml.provision, uses).with!.appPackagePath)).toBe(
        'build/appPackage.${{TEAMSFX_ENV}}.zip',
      );
    }
  });

  it('deploys with npm ci, npm run build, then zip deploy to the provisioned App Service', () => {
    expect(yml.deploy.map((a) => [a.uses, a.with?.args ?? null])).toEqual([
      ['cli/runNpmCommand', 'ci'],
      ['cli/runNpmCommand', 'run build'],
      ['azureAppService/zipDeploy', null],
    ]);
    const zip = action(yml.deploy, 'azureAppService/zipDeploy');
    expect(zip.with!.resourceId).toBe('${{BOT_AZURE_APP_SERVICE_RESOURCE_ID}}');
    expect(outputs).toContain('BOT_AZURE_APP_SERVICE_RESOURCE_ID');
  });

  it('zip deploy leaves node_modules and local data out (App Service builds the native module)', () => {
    const zip = action(yml.deploy, 'azureAppService/zipDeploy');
    const ignoreFile = path(zip.with!.ignoreFile);
    expect(exists(ignoreFile)).toBe(true);
    const lines = read(ignoreFile)
      .split('\n')
      .map((l) => l.trim());
    for (const entry of ['node_modules/', 'data/', '.env', '*.db', 'env/']) expect(lines).toContain(entry);
    for (const kept of ['src/', 'dist/', 'package.json', 'package-lock.json'])
      expect(lines).not.toContain(kept);
  });

  it('every ${{VAR}} is built in, written by an earlier action or a Bicep output, or documented', () => {
    const written = new Set<string>(BUILT_IN);
    const check = (a: Action, where: string) => {
      for (const p of placeholders(JSON.stringify(a.with ?? {}))) {
        const ok = written.has(p) || new RegExp(`^${p}=`, 'm').test(envSample);
        expect({ where, action: a.uses, p, ok }).toEqual({ where, action: a.uses, p, ok: true });
      }
      for (const v of Object.values(a.writeToEnvironmentFile ?? {})) written.add(v);
      if (a.uses === 'arm/deploy') outputs.forEach((o) => written.add(o));
    };
    yml.provision.forEach((a) => check(a, 'provision'));
    yml.deploy.forEach((a) => check(a, 'deploy'));
  });

  it('every parameter placeholder is provided by provision, the env sample, or a documented SECRET_ value', () => {
    const provided = new Set<string>(BUILT_IN);
    for (const a of yml.provision.slice(
      0,
      yml.provision.findIndex((x) => x.uses === 'arm/deploy'),
    )) {
      for (const v of Object.values(a.writeToEnvironmentFile ?? {})) provided.add(v);
    }
    for (const p of placeholders(read('deploy/azure/main.parameters.json'))) {
      const ok =
        provided.has(p) ||
        new RegExp(`^${p}=`, 'm').test(envSample) ||
        (p.startsWith('SECRET_') && docs.includes(p));
      expect({ p, ok }).toEqual({ p, ok: true });
    }
  });
});
