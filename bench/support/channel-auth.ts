/**
 * Signed Teams traffic for the bench: the local Bot Framework channel token issuer the tests use
 * (test/support/teams-channel-issuer.ts: OpenID metadata + JWKS on loopback, RS256 tokens), the
 * bot settings that make a bot trust it, and the `Authorization` header of every activity.
 *
 * Like the real channel, the bench reuses one token per service URL until it is close to expiry
 * (Bot Framework tokens live an hour), so the bench process does not sign per request.
 */
import { startChannelIssuer, type ChannelIssuer } from '../../test/support/teams-channel-issuer';
import type { BenchSims } from './sims';

export interface BenchChannelAuth {
  issuer: ChannelIssuer;
  /** The bot's app id (audience of the channel tokens): the Entra simulator's client. */
  botId: string;
  /** BOT_* settings for a bot that validates these tokens and gets its connector token from Entra. */
  botEnv: Record<string, string>;
  /** `Bearer …` for an activity with this service URL. */
  header(serviceUrl: string): Promise<string>;
  close(): Promise<void>;
}

const TOKEN_SECONDS = 3600;

export async function startBenchChannelAuth(sims: BenchSims): Promise<BenchChannelAuth> {
  const issuer = await startChannelIssuer();
  const botId = sims.entra.clientId;
  const cache = new Map<string, { value: string; renewAt: number }>();
  return {
    issuer,
    botId,
    botEnv: {
      BOT_ID: botId,
      BOT_PASSWORD: sims.entra.clientSecret,
      BOT_TENANT_ID: sims.entra.tenantId,
      BOT_OPENID_METADATA_URL: issuer.openIdMetadataUrl,
      BOT_EMULATOR_OPENID_METADATA_URL: issuer.openIdMetadataUrl,
      BOT_TOKEN_ISSUER: issuer.issuer,
      BOT_LOGIN_URL: `${sims.entra.origin}/${sims.entra.tenantId}`,
      BOT_OAUTH_SCOPE: 'https://api.botframework.test',
      BOT_OAUTH_URL: 'https://token.botframework.test',
    },
    async header(serviceUrl) {
      const hit = cache.get(serviceUrl);
      if (hit && hit.renewAt > Date.now()) return hit.value;
      const token = await issuer.token({ audience: botId, serviceUrl, expiresInSeconds: TOKEN_SECONDS });
      const value = `Bearer ${token}`;
      cache.set(serviceUrl, { value, renewAt: Date.now() + (TOKEN_SECONDS - 600) * 1000 });
      return value;
    },
    close: () => issuer.close(),
  };
}
