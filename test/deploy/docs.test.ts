import { bicepOutputs, configVariables, exists, read } from './helpers';

const docs = read('docs/deploy.md');
const lower = docs.toLowerCase();

describe('docs/deploy.md', () => {
  it('documents every configuration variable that src/config/ reads', () => {
    const vars = configVariables();
    expect(vars.length).toBeGreaterThan(20);
    for (const v of vars)
      expect({ v, documented: docs.includes(`\`${v}\``) }).toEqual({ v, documented: true });
  });

  it('names every deploy file it refers to, and they exist', () => {
    const paths = [
      ...docs.matchAll(/`(deploy\/[^`\s]+|env\/[^`\s]+\.sample|m365agents\.yml|\.dockerignore)`/g),
    ].map((m) => m[1]);
    expect(paths.length).toBeGreaterThan(5);
    for (const p of new Set(paths)) expect({ p, exists: exists(p) }).toEqual({ p, exists: true });
  });

  it('mentions every Bicep output by name', () => {
    for (const o of bicepOutputs(read('deploy/azure/main.bicep'))) {
      expect({ output: o.name, documented: docs.includes(o.name) }).toEqual({
        output: o.name,
        documented: true,
      });
    }
  });

  it.each([
    ['admin consent', /grant admin\s+consent/i],
    ['the Entra connection check', /Organization settings → Microsoft Entra/],
    ['the third-party OAuth policy', /Third-party\s+application access via OAuth/],
    ['the Azure DevOps permissions', /vso\.pats_manage/],
    [
      'the pre-authorised Teams clients',
      /1fec8e78-bce4-4aaf-ab1b-5451cc387264[\s\S]*5e3ce6c0-2b1f-4285-8d4b-75ee78787346/,
    ],
    ['az deployment group create', /az deployment group create/],
    ['atk provision and deploy', /atk provision[\s\S]*atk deploy/],
    ['the container', /docker build -f deploy\/Dockerfile/],
    ['generating TOKEN_CACHE_KEY', /randomBytes\(32\)\.toString\('base64'\)/],
    ['key rotation', /TOKEN_CACHE_KEY_PREVIOUS/],
    ['the Teams package', /npm run package[\s\S]*build\//],
    ['the Teams admin center upload', /Teams admin center/],
    ['the Slack manifest', /npm run manifest[\s\S]*manifest\/slack\/manifest\.yml/],
    ['the Slack secrets', /Signing Secret[\s\S]*xoxb-/],
    ['liveness and readiness', /\/healthz[\s\S]*\/readyz/],
    ['national clouds', /AZURE_CLOUD/],
    ['why App Service', /why app service/i],
  ])('covers %s', (_what, pattern) => {
    expect(docs).toMatch(pattern);
  });

  it.each([
    ['PAT vs Entra token 401', 'refuses pats'],
    ['consent missing', 'aadsts65001'],
    ['not a member of the organisation', 'not a member'],
    ['MSA-backed organisations', 'msa'],
    ['conditional access', 'conditional access'],
    ['redirect URI mismatch', 'redirect uri mismatch'],
    ['clock skew', 'clock skew'],
    ['knownAuthorities / sovereign authority host', 'knownauthorities'],
  ])('troubleshoots %s', (_what, needle) => {
    const section = lower.slice(lower.indexOf('## 9. troubleshooting'));
    expect(section).toContain(needle);
  });
});
