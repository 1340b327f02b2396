import { placeholders, read } from './helpers';

interface AadManifest {
  id: string;
  appId: string;
  name: string;
  signInAudience: string;
  accessTokenAcceptedVersion: number;
  identifierUris: string[];
  oauth2Permissions: {
    id: string;
    value: string;
    type: string;
    isEnabled: boolean;
    adminConsentDisplayName: string;
    userConsentDisplayName: string;
  }[];
  preAuthorizedApplications: { appId: string; permissionIds: string[] }[];
  requiredResourceAccess: { resourceAppId: string; resourceAccess: { id: string; type: string }[] }[];
  replyUrlsWithType: { url: string; type: string }[];
}

const text = read('deploy/entra/aad.manifest.json');
const manifest = JSON.parse(text) as AadManifest;
const envSample = read('env/.env.dev.sample');
const scopeScript = read('deploy/entra/ado-scope-ids.sh');

const ADO = '499b84ac-1321-427f-aa17-267ca6975798';
const TEAMS_CLIENTS = ['1fec8e78-bce4-4aaf-ab1b-5451cc387264', '5e3ce6c0-2b1f-4285-8d4b-75ee78787346'];
/** Delegated Azure DevOps user_impersonation: the same id in every tenant. */
const ADO_USER_IMPERSONATION = 'ee69721e-6c3a-468f-a9ec-302d16a4c599';
/** Where each Azure DevOps permission comes from: a fixed id or the env var the toolkit substitutes. */
const ADO_PERMISSIONS: Record<string, string> = {
  'vso.pats': '${{ADO_VSO_PATS_SCOPE_ID}}',
  'vso.pats_manage': '${{ADO_VSO_PATS_MANAGE_SCOPE_ID}}',
  user_impersonation: ADO_USER_IMPERSONATION,
};

describe('deploy/entra/aad.manifest.json', () => {
  it('is the Agents Toolkit AAD-manifest form for the AAD_APP_CLIENT_ID app', () => {
    expect(manifest.id).toBe('${{AAD_APP_OBJECT_ID}}');
    expect(manifest.appId).toBe('${{AAD_APP_CLIENT_ID}}');
    expect(manifest.name).toMatch(/\S/);
    // Graph-style fields would be ignored by the toolkit's AAD-manifest reader.
    expect(manifest).not.toHaveProperty('api');
    expect(manifest).not.toHaveProperty('oauth2PermissionScopes');
  });

  it('is single-tenant and accepts v2 access tokens', () => {
    expect(manifest.signInAudience).toBe('AzureADMyOrg');
    expect(manifest.accessTokenAcceptedVersion).toBe(2);
  });

  it('exposes api://botid-{BOT_ID}', () => {
    expect(manifest.identifierUris).toEqual(['api://botid-${{BOT_ID}}']);
  });

  it('has the access_as_user scope, consentable by admins and users', () => {
    const scope = manifest.oauth2Permissions.find((p) => p.value === 'access_as_user');
    expect(scope).toMatchObject({
      type: 'User',
      isEnabled: true,
      id: '${{AAD_APP_ACCESS_AS_USER_PERMISSION_ID}}',
    });
    expect(scope!.adminConsentDisplayName).toMatch(/\S/);
    expect(scope!.userConsentDisplayName).toMatch(/\S/);
  });

  it('pre-authorises the Teams desktop/mobile and web clients on that scope', () => {
    const scopeId = manifest.oauth2Permissions.find((p) => p.value === 'access_as_user')!.id;
    for (const client of TEAMS_CLIENTS) {
      const pre = manifest.preAuthorizedApplications.find((a) => a.appId === client);
      expect(pre?.permissionIds).toEqual([scopeId]);
    }
  });

  it('asks Azure DevOps for delegated vso.pats, vso.pats_manage and user_impersonation', () => {
    const ado = manifest.requiredResourceAccess.filter((r) => r.resourceAppId === ADO);
    expect(ado.length).toBe(1);
    const ids = ado[0].resourceAccess.map((a) => a.id);
    expect(ids.sort()).toEqual(Object.values(ADO_PERMISSIONS).sort());
    for (const a of ado[0].resourceAccess) expect(a.type).toBe('Scope');
  });

  it('gets the Azure DevOps permission ids from env vars that the sample and the script provide', () => {
    for (const [name, id] of Object.entries(ADO_PERMISSIONS)) {
      const [variable] = placeholders(id);
      if (!variable) continue;
      expect(envSample).toMatch(new RegExp(`^${variable}=`, 'm'));
      expect(scopeScript).toContain(`echo "${variable}=$(scope_id ${name})"`);
    }
  });

  it('asks Microsoft Graph for openid, profile and offline_access by name (the toolkit resolves Graph names)', () => {
    const graph = manifest.requiredResourceAccess.filter(
      (r) =>
        r.resourceAppId === 'Microsoft Graph' || r.resourceAppId === '00000003-0000-0000-c000-000000000000',
    );
    expect(graph.length).toBe(1);
    expect(graph[0].resourceAccess).toEqual(
      expect.arrayContaining(['openid', 'profile', 'offline_access'].map((id) => ({ id, type: 'Scope' }))),
    );
  });

  it('only uses permission names for resources the toolkit can resolve (Graph); other resources use ids', () => {
    for (const r of manifest.requiredResourceAccess) {
      if (r.resourceAppId === 'Microsoft Graph') continue;
      expect(r.resourceAppId).toMatch(/^[0-9a-f-]{36}$/);
      for (const a of r.resourceAccess) expect(a.id).toMatch(/^([0-9a-f-]{36}|\$\{\{[A-Z0-9_]+\}\})$/);
    }
  });

  it('has the web redirect URIs for the Teams sign-in page and the Slack account link', () => {
    const web = manifest.replyUrlsWithType.filter((r) => r.type === 'Web').map((r) => r.url);
    expect(web).toEqual(
      expect.arrayContaining(['${{BOT_ENDPOINT}}/auth-end.html', '${{BOT_ENDPOINT}}/auth/callback']),
    );
  });

  it('uses only placeholders that provision produces or the env sample lists', () => {
    const produced = [
      'AAD_APP_OBJECT_ID',
      'AAD_APP_CLIENT_ID',
      'AAD_APP_ACCESS_AS_USER_PERMISSION_ID', // generated by aadApp/update when empty
      'BOT_ID',
      'BOT_ENDPOINT',
      'APP_NAME_SUFFIX',
    ];
    for (const p of placeholders(text)) {
      expect({ p, known: produced.includes(p) || new RegExp(`^${p}=`, 'm').test(envSample) }).toEqual({
        p,
        known: true,
      });
    }
  });
});
