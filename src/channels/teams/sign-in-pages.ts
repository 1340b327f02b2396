/**
 * The fallback sign-in pages Teams opens in a popup (`/auth-start.html` → Microsoft Entra →
 * `/auth-end.html`), their scripts, and TeamsJS served from node_modules (no CDN). The Entra
 * authority, client id and scopes are written into the start page here, from configuration:
 * the page takes nothing from its query except an optional conditional-access `claims` value.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { HttpResponse, Route } from '../../http/server';
import type { TeamsSettings } from './teams-settings';

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

/** Finds the repository's `public/` folder from here (works from src/ and from dist/). */
export function findPublicDir(start: string = __dirname): string {
  let dir = start;
  for (let i = 0; i < 6; i += 1) {
    const candidate = join(dir, 'public');
    if (existsSync(join(candidate, 'auth-start.html'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('public/auth-start.html not found');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** What auth-start.js needs, as JSON for the page's meta tag. */
export function signInPageConfig(settings: TeamsSettings): {
  authorizeUrl: string;
  clientId: string;
  scope: string;
} {
  const { clientId, tenantId, authorityHost, scopes } = settings.signIn;
  return {
    authorizeUrl: `${authorityHost}/${encodeURIComponent(tenantId ?? 'organizations')}/oauth2/v2.0/authorize`,
    clientId: clientId ?? '',
    scope: [...scopes, 'openid', 'profile', 'offline_access'].join(' '),
  };
}

function staticFile(body: Buffer | string, type: string, cache: string): () => Promise<HttpResponse> {
  return async () => ({
    status: 200,
    headers: { 'content-type': type, 'cache-control': cache, ...SECURITY_HEADERS },
    body,
  });
}

export function signInPageRoutes(settings: TeamsSettings, publicDir: string = findPublicDir()): Route[] {
  const read = (name: string) => readFileSync(join(publicDir, name));
  const html = 'text/html; charset=utf-8';
  const js = 'text/javascript; charset=utf-8';
  const startPage = read('auth-start.html')
    .toString('utf8')
    .replace('{{SIGN_IN_CONFIG}}', escapeAttribute(JSON.stringify(signInPageConfig(settings))));
  const teamsJs = readFileSync(
    resolve(require.resolve('@microsoft/teams-js/dist/umd/MicrosoftTeams.min.js')),
  );
  return [
    { method: 'GET', path: '/auth-start.html', handle: staticFile(startPage, html, 'no-store') },
    { method: 'GET', path: '/auth-end.html', handle: staticFile(read('auth-end.html'), html, 'no-store') },
    { method: 'GET', path: '/auth-start.js', handle: staticFile(read('auth-start.js'), js, 'no-cache') },
    { method: 'GET', path: '/auth-end.js', handle: staticFile(read('auth-end.js'), js, 'no-cache') },
    {
      method: 'GET',
      path: '/teams-js/MicrosoftTeams.min.js',
      handle: staticFile(teamsJs, js, 'public, max-age=86400'),
    },
  ];
}
