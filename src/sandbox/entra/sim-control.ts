/**
 * Control protocol for an Entra simulator running in a child process (jest cannot load the
 * ESM-only `jose` the simulator signs with, and a separate process is closer to the real thing).
 * Messages travel over Node's IPC channel; none carries a user's refresh token.
 */
import type { EntraSimulator } from './entra-simulator';
import type { SimFailure, SimUser } from './sim-types';
import { verifyAdoToken } from './verify-ado-token';

export type SimControlRequest =
  | { id: number; op: 'mintSsoToken'; oid: string; audience?: string; expiresInSeconds?: number }
  | { id: number; op: 'setFailure'; failure: SimFailure | null }
  | { id: number; op: 'setAccessTokenLifetime'; seconds: number }
  | { id: number; op: 'revokeSessions'; oid: string }
  | { id: number; op: 'setSignInUser'; oid: string | null }
  | { id: number; op: 'addUser'; user: SimUser }
  | { id: number; op: 'requests' }
  | { id: number; op: 'verifyAdoToken'; token: string }
  | { id: number; op: 'close' };

export type SimControlResponse =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** What the child announces once listening. */
export interface SimReady {
  ready: true;
  origin: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  appIdUri: string;
  caPem: string;
  caPath: string;
  jwksUri: string;
  adoIssuer: string;
}

export function readyMessage(sim: EntraSimulator): SimReady {
  return {
    ready: true,
    origin: sim.origin,
    tenantId: sim.tenantId,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    appIdUri: sim.appIdUri,
    caPem: sim.caPem,
    caPath: sim.caPath,
    jwksUri: sim.jwksUri,
    adoIssuer: sim.adoIssuer,
  };
}

/** Executes one control request against a running simulator. */
export async function handleControl(
  sim: EntraSimulator,
  req: SimControlRequest,
): Promise<SimControlResponse> {
  try {
    switch (req.op) {
      case 'mintSsoToken':
        return { id: req.id, ok: true, result: await sim.mintSsoToken(req.oid, req) };
      case 'setFailure':
        sim.setFailure(req.failure);
        return { id: req.id, ok: true, result: null };
      case 'setAccessTokenLifetime':
        sim.setAccessTokenLifetime(req.seconds);
        return { id: req.id, ok: true, result: null };
      case 'revokeSessions':
        sim.revokeSessions(req.oid);
        return { id: req.id, ok: true, result: null };
      case 'setSignInUser':
        sim.setSignInUser(req.oid);
        return { id: req.id, ok: true, result: null };
      case 'addUser':
        sim.addUser(req.user);
        return { id: req.id, ok: true, result: null };
      case 'requests':
        return { id: req.id, ok: true, result: sim.requests() };
      case 'verifyAdoToken':
        return {
          id: req.id,
          ok: true,
          result: await verifyAdoToken(req.token, { tenantIds: [sim.tenantId], keys: sim.jwks() }),
        };
      case 'close':
        await sim.close();
        return { id: req.id, ok: true, result: null };
    }
  } catch (e) {
    return { id: req.id, ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
