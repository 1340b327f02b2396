/**
 * Signs the simulator's JWTs with the sandbox RS256 key: Azure DevOps access tokens (v1 shape:
 * `iss` https://sts.windows.net/{tid}/, `aud` the resource id, `scp` space-separated), ID tokens
 * (v2 issuer on the simulator's own origin) and Teams SSO tokens (audience = the bot's app ID URI).
 */
import { randomUUID } from 'node:crypto';
import { signJwt, type SigningKey } from '../signing-key';
import type { SimUser } from './sim-types';

/** The v1 issuer Azure DevOps tokens carry. */
export function v1Issuer(tenantId: string): string {
  return `https://sts.windows.net/${tenantId}/`;
}

export interface MintContext {
  key: SigningKey;
  tenantId: string;
  clientId: string;
  /** `{origin}/{tid}/v2.0`. */
  v2Issuer: string;
  now: Date;
}

/** A delegated (user) access token for `resource`. */
export function mintUserAccessToken(
  ctx: MintContext,
  user: SimUser,
  resource: string,
  scp: string,
  lifetimeSeconds: number,
): Promise<string> {
  return signJwt(
    ctx.key,
    {
      oid: user.oid,
      tid: user.tid ?? ctx.tenantId,
      scp,
      appid: ctx.clientId,
      appidacr: '1',
      upn: user.username,
      unique_name: user.username,
      name: user.name,
      ver: '1.0',
      uti: randomUUID(),
    },
    {
      issuer: v1Issuer(ctx.tenantId),
      audience: resource,
      subject: user.oid,
      expiresInSeconds: lifetimeSeconds,
      now: ctx.now,
    },
  );
}

/** An app-only access token (client credentials): no `scp`, `idtyp` app. */
export function mintAppAccessToken(
  ctx: MintContext,
  resource: string,
  lifetimeSeconds: number,
): Promise<string> {
  const spOid = `00000000-0000-4000-8000-${ctx.clientId.replace(/-/g, '').slice(0, 12)}`;
  return signJwt(
    ctx.key,
    {
      oid: spOid,
      tid: ctx.tenantId,
      appid: ctx.clientId,
      appidacr: '1',
      idtyp: 'app',
      roles: [],
      ver: '1.0',
      uti: randomUUID(),
    },
    {
      issuer: v1Issuer(ctx.tenantId),
      audience: resource,
      subject: spOid,
      expiresInSeconds: lifetimeSeconds,
      now: ctx.now,
    },
  );
}

/** An OpenID Connect ID token for the app (v2). */
export function mintIdToken(ctx: MintContext, user: SimUser, nonce?: string): Promise<string> {
  const claims: Record<string, unknown> = {
    oid: user.oid,
    tid: user.tid ?? ctx.tenantId,
    preferred_username: user.username,
    name: user.name,
    ver: '2.0',
  };
  if (nonce) claims.nonce = nonce;
  return signJwt(ctx.key, claims, {
    issuer: ctx.v2Issuer,
    audience: ctx.clientId,
    subject: `sub-${user.oid}`,
    expiresInSeconds: 3600,
    now: ctx.now,
  });
}

/** The token Teams would send in `signin/tokenExchange` (`aud` = the bot's app ID URI). */
export function mintSsoToken(
  ctx: MintContext,
  user: SimUser,
  audience: string,
  lifetimeSeconds: number,
): Promise<string> {
  return signJwt(
    ctx.key,
    {
      oid: user.oid,
      tid: user.tid ?? ctx.tenantId,
      scp: 'access_as_user',
      azp: '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
      preferred_username: user.username,
      name: user.name,
      ver: '2.0',
    },
    {
      issuer: ctx.v2Issuer,
      audience,
      subject: `sub-${user.oid}`,
      expiresInSeconds: lifetimeSeconds,
      now: ctx.now,
    },
  );
}

/** msal's `client_info`: base64url JSON `{ uid, utid }` (home account = `uid.utid`). */
export function clientInfo(user: SimUser, tenantId: string): string {
  return Buffer.from(JSON.stringify({ uid: user.oid, utid: user.tid ?? tenantId })).toString('base64url');
}
