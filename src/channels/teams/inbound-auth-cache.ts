/**
 * What botbuilder's CloudAdapter repeats on every turn, done once:
 *
 * - **Verified channel tokens.** Teams sends the same Bot Framework JWT (valid for an hour) with
 *   many activities; botbuilder re-decodes it, rebuilds the signing key's PEM from the JWKS,
 *   imports it and verifies the RS256 signature each time. A successful verification is kept for
 *   the inputs it depends on — the exact `Authorization` header, `activity.serviceUrl` (the
 *   `serviceurl` claim) and `activity.channelId` (the key's endorsements) — until the token
 *   expires, at most 5 minutes, in a bounded map. Failures are never kept; an anonymous request
 *   (BOT_ID empty) is never cached.
 * - **Connector clients.** `ConnectorFactoryImpl.create` builds a new ConnectorClient (HTTP
 *   pipeline, credentials, agent: a new TCP/TLS connection) per turn; one per service URL and
 *   audience is reused, as botbuilder's older BotFrameworkAdapter did, and its turn replies are
 *   posted directly (./connector-replies.ts).
 * - **User token clients.** `CloudAdapter.processActivity` also builds a `UserTokenClient` (its
 *   own HTTP pipeline and credentials) for every turn, although patbot never uses the Bot
 *   Framework token service (sign-in is its own OBO exchange). It depends only on the app id the
 *   token names (its `aud` claim, else `appid`: botframework-connector's `getAppId`), so one per
 *   app id is reused.
 */
import type { Activity } from 'botbuilder';
import {
  AuthenticationConstants,
  type AuthenticateRequestResult,
  type BotFrameworkAuthentication,
  type ClaimsIdentity,
  type ConnectorClient,
  type ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import { directReplies } from './connector-replies';

export const VERIFIED_TOKEN_MAX_MS = 5 * 60_000;
const MAX_ENTRIES = 1000;
const MAX_CLIENTS = 64;

interface Verified {
  result: AuthenticateRequestResult;
  until: number;
}

/** The token's `exp` claim in ms, or null. */
function expiresAt(result: AuthenticateRequestResult): number | null {
  const exp = result.claimsIdentity?.getClaimValue?.('exp');
  const seconds = typeof exp === 'number' ? exp : Number(exp);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : null;
}

/** A connector factory that hands out one client per service URL and audience. */
function reusingConnectorFactory(
  inner: ConnectorFactory,
  clients: Map<string, Promise<ConnectorClient>>,
): ConnectorFactory {
  return {
    create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
      if (typeof audience !== 'string')
        return inner.create(serviceUrl, audience).then((c) => directReplies(c));
      const key = `${serviceUrl}\n${audience}`;
      let client = clients.get(key);
      if (!client) {
        if (clients.size >= MAX_CLIENTS) clients.clear();
        client = inner.create(serviceUrl, audience).then((c) => directReplies(c));
        client.catch(() => clients.delete(key));
        clients.set(key, client);
      }
      return client;
    },
  };
}

/** The app id botframework-connector builds a user token client for (its `getAppId`). */
function appIdKey(identity: ClaimsIdentity): string {
  return (
    identity.getClaimValue(AuthenticationConstants.AudienceClaim) ??
    identity.getClaimValue(AuthenticationConstants.AppIdClaim) ??
    ''
  );
}

/** Wraps `auth.createUserTokenClient` so that one client per app id is built and reused. */
function reuseUserTokenClients(auth: BotFrameworkAuthentication): void {
  const create = auth.createUserTokenClient.bind(auth);
  const clients = new Map<string, Promise<UserTokenClient>>();
  auth.createUserTokenClient = (identity: ClaimsIdentity): Promise<UserTokenClient> => {
    const key = appIdKey(identity);
    let client = clients.get(key);
    if (!client) {
      if (clients.size >= MAX_CLIENTS) clients.clear();
      client = create(identity);
      client.catch(() => clients.delete(key));
      clients.set(key, client);
    }
    return client;
  };
}

/** Wraps `auth.authenticateRequest` with the caches above (in place). `now` is the clock (ms). */
export function cacheInboundAuthentication(
  auth: BotFrameworkAuthentication,
  now: () => number = Date.now,
): void {
  const authenticate = auth.authenticateRequest.bind(auth);
  const verified = new Map<string, Verified>();
  const clients = new Map<string, Promise<ConnectorClient>>();
  reuseUserTokenClients(auth);
  auth.authenticateRequest = async (activity: Activity, authHeader: string) => {
    const key = authHeader.trim()
      ? `${authHeader}\n${activity.serviceUrl ?? ''}\n${activity.channelId ?? ''}`
      : '';
    const hit = key ? verified.get(key) : undefined;
    if (hit && hit.until > now()) return { ...hit.result };
    if (hit) verified.delete(key);
    const result = await authenticate(activity, authHeader);
    if (result.connectorFactory) {
      result.connectorFactory = reusingConnectorFactory(result.connectorFactory, clients);
    }
    const exp = key ? expiresAt(result) : null;
    if (exp !== null && exp > now()) {
      if (verified.size >= MAX_ENTRIES) verified.clear();
      verified.set(key, { result, until: Math.min(exp, now() + VERIFIED_TOKEN_MAX_MS) });
    }
    return { ...result };
  };
}
