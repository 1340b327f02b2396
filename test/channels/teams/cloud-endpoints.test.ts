import { loadConfig } from '../../../src/config';
import { botFrameworkAuthOptions } from '../../../src/channels/teams/teams-adapter';
import { CloudEndpointError, resolveCloudEndpoints } from '../../../src/cloud-endpoints';

describe('cloud endpoints', () => {
  it('defaults to the public cloud, with the bot tenant in the login URL', () => {
    expect(resolveCloudEndpoints({ BOT_TENANT_ID: 'tid' })).toEqual({
      cloud: 'public',
      channelService: '',
      openIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
      emulatorOpenIdMetadataUrl:
        'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
      tokenIssuer: 'https://api.botframework.com',
      loginUrl: 'https://login.microsoftonline.com/tid',
      oauthScope: 'https://api.botframework.com',
      oauthUrl: 'https://api.botframework.com',
      entraAuthorityHost: 'https://login.microsoftonline.com',
      customLoginHost: false,
    });
  });

  it.each([
    ['usgov', 'https://api.botframework.com', 'https://login.microsoftonline.com'],
    ['usgovhigh', 'https://api.botframework.us', 'https://login.microsoftonline.us'],
    ['dod', 'https://api.botframework.us', 'https://login.microsoftonline.us'],
    ['china', 'https://api.botframework.azure.cn', 'https://login.partner.microsoftonline.cn'],
  ])('%s uses its own Bot Framework and Entra endpoints', (cloud, issuer, login) => {
    const e = resolveCloudEndpoints({ AZURE_CLOUD: cloud, BOT_TENANT_ID: 'tid' });
    expect(e.tokenIssuer).toBe(issuer);
    expect(e.oauthScope).toBe(issuer);
    expect(e.loginUrl).toBe(`${login}/tid`);
    expect(e.entraAuthorityHost).toBe(login);
  });

  it('lets every endpoint be overridden, keeping issuers exactly as given', () => {
    const e = resolveCloudEndpoints({
      AZURE_CLOUD: 'USGOVHIGH',
      BOT_OPENID_METADATA_URL: 'https://md.example/openid/',
      BOT_EMULATOR_OPENID_METADATA_URL: 'https://emu.example/openid',
      BOT_TOKEN_ISSUER: 'https://issuer.example/',
      BOT_LOGIN_URL: 'https://login.example/tenant',
      BOT_OAUTH_SCOPE: 'https://scope.example',
      BOT_OAUTH_URL: 'https://oauth.example',
      AAD_APP_OAUTH_AUTHORITY_HOST: 'https://entra.example',
    });
    expect(e).toMatchObject({
      cloud: 'usgovhigh',
      openIdMetadataUrl: 'https://md.example/openid',
      emulatorOpenIdMetadataUrl: 'https://emu.example/openid',
      tokenIssuer: 'https://issuer.example/',
      loginUrl: 'https://login.example/tenant',
      oauthScope: 'https://scope.example',
      oauthUrl: 'https://oauth.example',
      entraAuthorityHost: 'https://entra.example',
      customLoginHost: true,
    });
  });

  it('trusts a plain-http OpenID issuer or login URL only on loopback (the test and bench issuers)', () => {
    for (const variable of ['BOT_OPENID_METADATA_URL', 'BOT_EMULATOR_OPENID_METADATA_URL', 'BOT_LOGIN_URL']) {
      expect(() =>
        resolveCloudEndpoints({ [variable]: 'http://issuer.example/v1/.well-known/openidconfiguration' }),
      ).toThrow(new RegExp(`^${variable}: .* must be https`));
      expect(() => resolveCloudEndpoints({ [variable]: 'http://10.0.0.5:8080/x' })).toThrow(
        CloudEndpointError,
      );
    }
    const local = resolveCloudEndpoints({
      BOT_OPENID_METADATA_URL: 'http://127.0.0.1:4000/v1/.well-known/openidconfiguration',
      BOT_EMULATOR_OPENID_METADATA_URL: 'http://localhost:4000/v1/.well-known/openidconfiguration',
      BOT_LOGIN_URL: 'http://[::1]:4001/tenant',
    });
    expect(local.openIdMetadataUrl).toBe('http://127.0.0.1:4000/v1/.well-known/openidconfiguration');
    expect(local.loginUrl).toBe('http://[::1]:4001/tenant');
  });

  it('names the variable that is wrong', () => {
    expect(() => resolveCloudEndpoints({ AZURE_CLOUD: 'mars' })).toThrow(CloudEndpointError);
    expect(() => resolveCloudEndpoints({ AZURE_CLOUD: 'mars' })).toThrow(/AZURE_CLOUD/);
    expect(() => resolveCloudEndpoints({ BOT_LOGIN_URL: 'not a url' })).toThrow(/BOT_LOGIN_URL/);
  });

  it('gives botbuilder every parameterised endpoint at once', () => {
    const config = loadConfig({ SANDBOX: '1' });
    const options = botFrameworkAuthOptions(config, resolveCloudEndpoints({ AZURE_CLOUD: 'china' }));
    for (const key of [
      'ToBotFromChannelOpenIdMetadataUrl',
      'ToBotFromEmulatorOpenIdMetadataUrl',
      'ToBotFromChannelTokenIssuer',
      'ToChannelFromBotLoginUrl',
      'ToChannelFromBotOAuthScope',
      'OAuthUrl',
    ]) {
      expect(options[key]).toEqual(expect.stringMatching(/^https:\/\//));
    }
    expect(options.ValidateAuthority).toBe(true);
    expect(options.ToChannelFromBotLoginUrl).toBe(
      'https://login.partner.microsoftonline.cn/microsoftservices.partner.onmschina.cn',
    );
  });
});
