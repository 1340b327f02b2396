/**
 * Verifies an Azure DevOps access token issued by the Entra simulator (for the Azure DevOps
 * simulator): RS256 signature against the simulator's JWKS, v1 issuer, ADO audience, expiry,
 * and tells user tokens (`scp`) from app-only tokens (`idtyp: app`, no `scp`).
 */
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { ADO_RESOURCE_ID } from './entra-simulator';
import { v1Issuer } from './token-minter';

export interface VerifiedAdoToken {
  oid: string;
  tid: string;
  /** Delegated scopes (empty for app-only tokens). */
  scopes: string[];
  appOnly: boolean;
  username: string | null;
}

export interface VerifyAdoTokenOptions {
  /** Tenants whose issuer is accepted. */
  tenantIds: string[];
  /** In-process keys (`sim.jwks()`) or the JWKS URL (`sim.jwksUri`; HTTPS trust from Node's CA store). */
  keys: JSONWebKeySet | URL;
  now?: Date;
}

/** Throws (jose errors) when the token is not valid for Azure DevOps. */
export async function verifyAdoToken(
  token: string,
  options: VerifyAdoTokenOptions,
): Promise<VerifiedAdoToken> {
  const keySet =
    options.keys instanceof URL ? createRemoteJWKSet(options.keys) : createLocalJWKSet(options.keys);
  const { payload } = await jwtVerify(token, keySet, {
    issuer: options.tenantIds.map(v1Issuer),
    audience: [ADO_RESOURCE_ID, `https://app.vssps.visualstudio.com`],
    algorithms: ['RS256'],
    currentDate: options.now,
  });
  const scp = typeof payload.scp === 'string' ? payload.scp.split(' ').filter(Boolean) : [];
  return {
    oid: String(payload.oid ?? ''),
    tid: String(payload.tid ?? ''),
    scopes: scp,
    appOnly: payload.idtyp === 'app' || scp.length === 0,
    username: typeof payload.upn === 'string' ? payload.upn : null,
  };
}
