/**
 * The inbound authentication caches, around a BotFrameworkAuthentication that counts its
 * verifications (botbuilder's own token checks are exercised end to end in hosting-auth.test.ts):
 * a verification is reused only for the same header, serviceUrl and channel, never past the
 * token's expiry or 5 minutes; failures and anonymous requests are never reused; one connector
 * client per service URL and audience.
 */
import type { Activity } from 'botbuilder';
import {
  ClaimsIdentity,
  type AuthenticateRequestResult,
  type BotFrameworkAuthentication,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import {
  cacheInboundAuthentication,
  VERIFIED_TOKEN_MAX_MS,
} from '../../../src/channels/teams/inbound-auth-cache';

function countingAuth(options: { expSeconds: () => number; fail?: () => boolean }) {
  const calls = { verify: 0, clients: 0, userTokenClients: [] as string[] };
  const auth = {
    async createUserTokenClient(identity: ClaimsIdentity): Promise<UserTokenClient> {
      const appId = identity.getClaimValue('aud') ?? identity.getClaimValue('appid') ?? '';
      calls.userTokenClients.push(appId);
      return { appId } as unknown as UserTokenClient;
    },
    async authenticateRequest(): Promise<AuthenticateRequestResult> {
      calls.verify += 1;
      if (options.fail?.()) throw new Error('Unauthorized');
      return {
        audience: 'https://api.botframework.test',
        callerId: 'urn:botframework:azure',
        claimsIdentity: new ClaimsIdentity([{ type: 'exp', value: String(options.expSeconds()) }], true),
        connectorFactory: {
          create: async (serviceUrl: string) => {
            calls.clients += 1;
            return { serviceUrl } as unknown as ConnectorClient;
          },
        },
      };
    },
  } as unknown as BotFrameworkAuthentication;
  return { auth, calls };
}

const activity = (serviceUrl = 'https://smba.example/emea/', channelId = 'msteams') =>
  ({ serviceUrl, channelId }) as Activity;

describe('cacheInboundAuthentication', () => {
  let now = 1_800_000_000_000;
  const clock = () => now;

  it('reuses a verification for the same header, serviceUrl and channel only', async () => {
    const { auth, calls } = countingAuth({ expSeconds: () => now / 1000 + 3600 });
    cacheInboundAuthentication(auth, clock);
    await auth.authenticateRequest(activity(), 'Bearer a');
    await auth.authenticateRequest(activity(), 'Bearer a');
    expect(calls.verify).toBe(1);
    await auth.authenticateRequest(activity('https://smba.example/other/'), 'Bearer a');
    await auth.authenticateRequest(activity(undefined, 'webchat'), 'Bearer a');
    await auth.authenticateRequest(activity(), 'Bearer b');
    expect(calls.verify).toBe(4);
  });

  it('verifies again after the token expires, and after 5 minutes at most', async () => {
    const short = countingAuth({ expSeconds: () => now / 1000 + 60 });
    cacheInboundAuthentication(short.auth, clock);
    await short.auth.authenticateRequest(activity(), 'Bearer a');
    now += 59_000;
    await short.auth.authenticateRequest(activity(), 'Bearer a');
    expect(short.calls.verify).toBe(1);
    now += 2_000;
    await short.auth.authenticateRequest(activity(), 'Bearer a');
    expect(short.calls.verify).toBe(2);

    const long = countingAuth({ expSeconds: () => now / 1000 + 3600 });
    cacheInboundAuthentication(long.auth, clock);
    await long.auth.authenticateRequest(activity(), 'Bearer a');
    now += VERIFIED_TOKEN_MAX_MS + 1;
    await long.auth.authenticateRequest(activity(), 'Bearer a');
    expect(long.calls.verify).toBe(2);
  });

  it('never reuses a failure or an anonymous request', async () => {
    let fail = true;
    const { auth, calls } = countingAuth({ expSeconds: () => now / 1000 + 3600, fail: () => fail });
    cacheInboundAuthentication(auth, clock);
    await expect(auth.authenticateRequest(activity(), 'Bearer a')).rejects.toThrow('Unauthorized');
    await expect(auth.authenticateRequest(activity(), 'Bearer a')).rejects.toThrow('Unauthorized');
    fail = false;
    await auth.authenticateRequest(activity(), '');
    await auth.authenticateRequest(activity(), '');
    expect(calls.verify).toBe(4);
  });

  it('hands out one connector client per service URL and audience', async () => {
    const { auth, calls } = countingAuth({ expSeconds: () => now / 1000 + 3600 });
    cacheInboundAuthentication(auth, clock);
    const first = await auth.authenticateRequest(activity(), 'Bearer a');
    const second = await auth.authenticateRequest(activity(), 'Bearer b');
    const a = await first.connectorFactory!.create('https://smba.example/emea/', first.audience);
    const b = await second.connectorFactory!.create('https://smba.example/emea/', second.audience);
    expect(b).toBe(a);
    const other = await second.connectorFactory!.create('https://smba.example/amer/', second.audience);
    expect(other).not.toBe(a);
    expect(calls.clients).toBe(2);
  });

  it('builds one user token client per app id (aud, else appid claim)', async () => {
    const { auth, calls } = countingAuth({ expSeconds: () => now / 1000 + 3600 });
    cacheInboundAuthentication(auth, clock);
    const claims = (pairs: Record<string, string>) =>
      new ClaimsIdentity(
        Object.entries(pairs).map(([type, value]) => ({ type, value })),
        true,
      );
    const a = await auth.createUserTokenClient(claims({ aud: 'bot-1', exp: '1' }));
    const again = await auth.createUserTokenClient(claims({ aud: 'bot-1', exp: '2' }));
    expect(again).toBe(a);
    const other = await auth.createUserTokenClient(claims({ aud: 'bot-2' }));
    const emulator = await auth.createUserTokenClient(claims({ appid: 'bot-3' }));
    expect(other).not.toBe(a);
    expect(emulator).not.toBe(other);
    expect(calls.userTokenClients).toEqual(['bot-1', 'bot-2', 'bot-3']);
  });

  it('builds a user token client again after building one failed', async () => {
    let fail = true;
    const auth = {
      async authenticateRequest() {
        throw new Error('unused');
      },
      async createUserTokenClient() {
        if (fail) throw new Error('credentials unavailable');
        return {} as UserTokenClient;
      },
    } as unknown as BotFrameworkAuthentication;
    cacheInboundAuthentication(auth, clock);
    const identity = new ClaimsIdentity([{ type: 'aud', value: 'bot-1' }], true);
    await expect(auth.createUserTokenClient(identity)).rejects.toThrow('credentials unavailable');
    fail = false;
    await expect(auth.createUserTokenClient(identity)).resolves.toEqual({});
  });
});
