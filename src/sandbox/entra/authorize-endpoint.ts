/**
 * `GET /{tenant}/oauth2/v2.0/authorize`: auto-approves the configured sign-in user and redirects
 * back with a one-time code (PKCE challenge remembered), like Entra after a successful sign-in.
 */
import { entraErrors } from './entra-errors';
import { opaqueToken, sha256, type SimState } from './sim-state';

export interface AuthorizeContext {
  state: SimState;
  clientId: string;
  /** Registered redirect URIs; empty = accept any https or loopback http URI. */
  redirectUris: string[];
  now: () => Date;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function page(status: number, text: string): HttpAnswer {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: `<!doctype html><meta charset="utf-8"><title>Entra simulator</title><p>${text.replace(/[<>&"]/g, '')}</p>`,
  };
}

function redirectAllowed(uri: string, registered: string[]): boolean {
  if (registered.length > 0) return registered.includes(uri);
  try {
    const u = new URL(uri);
    return u.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}

export function handleAuthorize(ctx: AuthorizeContext, q: URLSearchParams): HttpAnswer {
  const redirectUri = q.get('redirect_uri') ?? '';
  if (q.get('client_id') !== ctx.clientId)
    return page(400, entraErrors.unauthorizedClient(q.get('client_id') ?? '').body.error_description);
  if (!redirectAllowed(redirectUri, ctx.redirectUris)) {
    return page(
      400,
      'AADSTS50011: The redirect URI specified in the request does not match the redirect URIs configured for the application.',
    );
  }
  const back = new URL(redirectUri);
  const state = q.get('state');
  if (state !== null) back.searchParams.set('state', state);
  if (q.get('response_type') !== 'code') {
    back.searchParams.set('error', 'unsupported_response_type');
    return { status: 302, headers: { location: back.toString() }, body: '' };
  }
  const challenge = q.get('code_challenge');
  const method = q.get('code_challenge_method');
  if (challenge && method !== 'S256') {
    back.searchParams.set('error', 'invalid_request');
    back.searchParams.set('error_description', 'AADSTS501491: Invalid code_challenge_method; use S256.');
    return { status: 302, headers: { location: back.toString() }, body: '' };
  }
  const oid = ctx.state.signInUser;
  if (!oid || !ctx.state.users.has(oid)) {
    back.searchParams.set('error', 'access_denied');
    back.searchParams.set('error_description', 'AADSTS50126: No user is signed in to the simulator.');
    return { status: 302, headers: { location: back.toString() }, body: '' };
  }
  const code = opaqueToken('code');
  ctx.state.codes.set(sha256(code), {
    oid,
    clientId: ctx.clientId,
    redirectUri,
    scopes: (q.get('scope') ?? '').split(/\s+/).filter(Boolean),
    challenge,
    method,
    nonce: q.get('nonce'),
    expiresAt: ctx.now().getTime() + 5 * 60 * 1000,
  });
  back.searchParams.set('code', code);
  return { status: 302, headers: { location: back.toString() }, body: '' };
}
