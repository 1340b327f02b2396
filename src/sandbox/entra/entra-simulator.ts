/**
 * A local identity provider that follows Microsoft Entra's v2 endpoints closely enough for the
 * real msal-node: OpenID configuration, JWKS, token endpoint (OBO, refresh_token,
 * authorization_code + PKCE, client_credentials), authorize (auto-approves the configured user)
 * and switchable failure modes. HTTPS only, with a generated local CA.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSigningKey, jwks, type SigningKey } from '../signing-key';
import { handleAuthorize } from './authorize-endpoint';
import { entraErrors } from './entra-errors';
import { createLocalTls, type LocalTls } from './local-ca';
import { SimState } from './sim-state';
import type { SimFailure, SimRequestRecord, SimUser } from './sim-types';
import { grantName, handleTokenRequest, type TokenAnswer } from './token-endpoint';
import { mintSsoToken, v1Issuer, type MintContext } from './token-minter';

export const ADO_RESOURCE_ID = '499b84ac-1321-427f-aa17-267ca6975798';

export interface EntraSimulatorOptions {
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  /** Audience of Teams SSO tokens (default `api://botid-{clientId}`). */
  appIdUri?: string;
  users?: SimUser[];
  /** The user `/authorize` signs in automatically (default: the first user). */
  signInUser?: string;
  /** PEM certificate whose key may sign client assertions (certificate credentials). */
  clientCertificatePem?: string;
  /** Registered redirect URIs (default: any https or loopback URI). */
  redirectUris?: string[];
  /** Reuse TLS material (default: a new local CA). */
  tls?: LocalTls;
  port?: number;
  host?: string;
  signingKey?: SigningKey;
  now?: () => Date;
}

export interface EntraSimulator {
  /** `https://127.0.0.1:{port}`: use as AAD_APP_OAUTH_AUTHORITY_HOST. */
  readonly origin: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly appIdUri: string;
  /** PEM and path of the CA that signed the server certificate. */
  readonly caPem: string;
  readonly caPath: string;
  /** `{origin}/{tid}/discovery/v2.0/keys`. */
  readonly jwksUri: string;
  /** Issuer of Azure DevOps access tokens: `https://sts.windows.net/{tid}/`. */
  readonly adoIssuer: string;
  /** The public keys (for in-process verification without HTTP). */
  jwks(): ReturnType<typeof jwks>;
  addUser(user: SimUser): void;
  /** Who `/authorize` signs in. */
  setSignInUser(oid: string | null): void;
  /**
   * The authorize endpoint's answer for this query, in process: sandbox mode serves it to the
   * browser on the bot's loopback http origin, because a browser does not trust the local CA.
   */
  authorize(query: URLSearchParams): { status: number; headers: Record<string, string>; body: string };
  /** A Teams SSO token for a user (as in `signin/tokenExchange` `value.token`). */
  mintSsoToken(oid: string, options?: { audience?: string; expiresInSeconds?: number }): Promise<string>;
  /** Switches a failure mode on (or off with null). */
  setFailure(failure: SimFailure | null): void;
  /** Lifetime of access tokens issued from now on (≤ 300 s makes msal refresh at once). */
  setAccessTokenLifetime(seconds: number): void;
  /** Revokes all refresh tokens of a user (AADSTS50173 on next use). */
  revokeSessions(oid: string): void;
  /** Token requests handled so far (grant, status, AADSTS code; never tokens). */
  requests(): readonly SimRequestRecord[];
  close(): Promise<void>;
}

const DEFAULT_USERS: SimUser[] = [
  { oid: '11111111-1111-4111-8111-111111111111', username: 'alice@contoso.example', name: 'Alice Example' },
  { oid: '22222222-2222-4222-8222-222222222222', username: 'bob@contoso.example', name: 'Bob Example' },
];

function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, { 'cache-control': 'no-store', ...headers });
  res.end(body);
}

function sendJson(res: ServerResponse, answer: TokenAnswer | { status: number; body: unknown }): void {
  const headers = 'headers' in answer && answer.headers ? answer.headers : {};
  send(
    res,
    answer.status,
    { 'content-type': 'application/json; charset=utf-8', ...headers },
    JSON.stringify(answer.body),
  );
}

/** Starts the simulator on loopback (random port by default). */
export async function startEntraSimulator(options: EntraSimulatorOptions = {}): Promise<EntraSimulator> {
  const tenantId = options.tenantId ?? 'aaaaaaaa-0000-4000-8000-00000000000a';
  const clientId = options.clientId ?? 'cccccccc-0000-4000-8000-00000000000c';
  const clientSecret = options.clientSecret ?? `sim-secret-${randomUUID()}`;
  const appIdUri = options.appIdUri ?? `api://botid-${clientId}`;
  const now = options.now ?? (() => new Date());
  const key = options.signingKey ?? (await createSigningKey());
  const tls = options.tls ?? createLocalTls();
  const state = new SimState();
  for (const u of options.users ?? DEFAULT_USERS) state.users.set(u.oid, u);
  state.signInUser = options.signInUser ?? [...state.users.keys()][0] ?? null;
  const timers = new Set<NodeJS.Timeout>();
  const delay = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  let origin = '';
  const v2Issuer = (): string => `${origin}/${tenantId}/v2.0`;

  const openIdConfiguration = (): Record<string, unknown> => ({
    issuer: v2Issuer(),
    authorization_endpoint: `${origin}/${tenantId}/oauth2/v2.0/authorize`,
    token_endpoint: `${origin}/${tenantId}/oauth2/v2.0/token`,
    end_session_endpoint: `${origin}/${tenantId}/oauth2/v2.0/logout`,
    jwks_uri: `${origin}/${tenantId}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    grant_types_supported: [
      'authorization_code',
      'refresh_token',
      'client_credentials',
      'urn:ietf:params:oauth:grant-type:jwt-bearer',
    ],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    code_challenge_methods_supported: ['S256'],
    tenant_region_scope: 'EU',
    cloud_instance_name: 'patbot.sandbox',
  });

  const authorize = (query: URLSearchParams) =>
    handleAuthorize({ state, clientId, redirectUris: options.redirectUris ?? [], now }, query);

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const parts = url.pathname.split('/').filter(Boolean);
    const [tenant, ...rest] = parts;
    const path = rest.join('/');
    if (tenant && tenant !== tenantId && tenant !== 'organizations' && tenant !== 'common') {
      sendJson(res, entraErrors.tenantNotFound(tenant));
      return;
    }
    if (req.method === 'GET' && path === 'v2.0/.well-known/openid-configuration') {
      sendJson(res, { status: 200, body: openIdConfiguration() });
    } else if (req.method === 'GET' && (path === 'discovery/v2.0/keys' || path === 'discovery/keys')) {
      sendJson(res, { status: 200, body: jwks(key) });
    } else if (req.method === 'GET' && path === 'oauth2/v2.0/authorize') {
      const a = authorize(url.searchParams);
      send(res, a.status, a.headers, a.body);
    } else if (req.method === 'POST' && path === 'oauth2/v2.0/token') {
      const params = new URLSearchParams(await readBody(req));
      const answer = await handleTokenRequest(
        {
          state,
          key,
          tenantId,
          clientId,
          clientSecret,
          ssoAudiences: [appIdUri, clientId],
          clientCertificatePem: options.clientCertificatePem ?? null,
          tokenEndpoint: `${origin}/${tenantId}/oauth2/v2.0/token`,
          v2Issuer: v2Issuer(),
          now,
          delay,
        },
        params,
      );
      const codes = (answer.body as { error_codes?: number[] }).error_codes;
      state.log.push({
        grant: grantName(params.get('grant_type') ?? ''),
        status: answer.status,
        errorCode: codes?.[0] ?? null,
        scope: params.get('scope') ?? '',
      });
      if (!res.destroyed) sendJson(res, answer);
    } else {
      send(res, 404, { 'content-type': 'application/json' }, JSON.stringify({ error: 'not_found' }));
    }
  }

  const server: Server = createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
    route(req, res).catch(() => {
      if (!res.headersSent)
        send(res, 500, { 'content-type': 'application/json' }, JSON.stringify({ error: 'server_error' }));
    });
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const address = server.address() as AddressInfo;
  origin = `https://${options.host ?? '127.0.0.1'}:${address.port}`;

  const mintCtx = (): MintContext => ({ key, tenantId, clientId, v2Issuer: v2Issuer(), now: now() });

  return {
    origin,
    tenantId,
    clientId,
    clientSecret,
    appIdUri,
    caPem: tls.caPem,
    caPath: tls.caPath,
    jwksUri: `${origin}/${tenantId}/discovery/v2.0/keys`,
    adoIssuer: v1Issuer(tenantId),
    jwks: () => jwks(key),
    addUser: (user) => state.users.set(user.oid, user),
    setSignInUser: (oid) => {
      state.signInUser = oid;
    },
    authorize,
    mintSsoToken: async (oid, o = {}) => {
      const user = state.users.get(oid);
      if (!user) throw new Error(`unknown simulator user ${oid}`);
      return mintSsoToken(mintCtx(), user, o.audience ?? appIdUri, o.expiresInSeconds ?? 3600);
    },
    setFailure: (f) => state.setFailure(f),
    setAccessTokenLifetime: (s) => {
      state.accessTokenLifetimeSeconds = s;
    },
    revokeSessions: (oid) => state.revokeSessions(oid),
    requests: () => [...state.log],
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
