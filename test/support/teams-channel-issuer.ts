/**
 * A stand-in for the Bot Framework channel's token signer: OpenID metadata and a JWKS on
 * loopback, and channel tokens (RS256) shaped like the ones Teams sends to `/api/messages`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSigningKey, jwks, signJwt, type SigningKey } from '../../src/sandbox/signing-key';

export interface ChannelIssuer {
  /** `http://127.0.0.1:{port}/v1/.well-known/openidconfiguration` */
  openIdMetadataUrl: string;
  /** The `iss` of channel tokens. */
  issuer: string;
  /** A channel token for `audience` (the bot id) and `serviceUrl` (the `serviceurl` claim). */
  token(options: {
    audience: string;
    serviceUrl: string;
    issuer?: string;
    expiresInSeconds?: number;
    /** Sign with this key instead of the published one (a forgery). */
    key?: SigningKey;
  }): Promise<string>;
  /** How many times the metadata or keys were fetched. */
  fetches(): number;
  close(): Promise<void>;
}

/** The channels the published key endorses, as on Bot Framework's shared signing keys. */
export const ENDORSEMENTS = ['msteams', 'webchat', 'directline', 'skype'];

export async function startChannelIssuer(issuer = 'https://api.botframework.test'): Promise<ChannelIssuer> {
  const key = await createSigningKey('channel-key-1');
  let fetches = 0;
  let origin = '';
  const server: Server = createServer((req, res) => {
    fetches += 1;
    const send = (json: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    if (req.url === '/v1/.well-known/openidconfiguration') {
      send({
        issuer,
        authorization_endpoint: `${origin}/v1/authorize`,
        jwks_uri: `${origin}/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    } else if (req.url === '/v1/.well-known/keys') {
      // Bot Framework's keys carry endorsements: the channels a key may sign for. One key signs
      // for many channels (Teams, Web Chat, Direct Line, …), so a token botbuilder accepts does
      // not by itself mean the activity came from Teams.
      send({ keys: jwks(key).keys.map((k) => ({ ...k, endorsements: ENDORSEMENTS })) });
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    openIdMetadataUrl: `${origin}/v1/.well-known/openidconfiguration`,
    issuer,
    token: (o) =>
      signJwt(
        o.key ?? key,
        { serviceurl: o.serviceUrl },
        { issuer: o.issuer ?? issuer, audience: o.audience, expiresInSeconds: o.expiresInSeconds },
      ),
    fetches: () => fetches,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
