import { ClientAuthError, InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import { classifyMsalError, isTerminal } from '../../src/identity/classify-msal-error';
import { EntraNetworkError } from '../../src/identity/https-network-client';

const ir = (code: string, desc: string, sub = '', claims = '', no = '') =>
  new InteractionRequiredAuthError(code, 'corr', desc, sub, '', '', claims, no);

test.each([
  [
    'AADSTS65001 consent',
    ir('invalid_grant', 'AADSTS65001: no consent', 'consent_required', '', '65001'),
    'needs_consent',
  ],
  ['consent_required code', ir('consent_required', 'AADSTS65004: declined'), 'needs_consent'],
  [
    'claims challenge',
    ir('interaction_required', 'AADSTS50076: MFA', 'basic_action', '{"access_token":{}}', '50076'),
    'claims_challenge',
  ],
  [
    'interaction without claims',
    ir('interaction_required', 'AADSTS50079: enrol MFA', 'basic_action', '', '50079'),
    'needs_signin',
  ],
  ['no tokens in cache', ir('no_tokens_found', 'No refresh token found in the cache.'), 'needs_signin'],
  [
    'refresh token expired',
    new ServerError('invalid_grant', 'corr', 'AADSTS700082: expired', '', '700082'),
    'needs_signin',
  ],
  ['revoked', new ServerError('invalid_grant', 'corr', 'AADSTS50173: revoked', '', '50173'), 'needs_signin'],
  [
    'consent as server error',
    new ServerError('invalid_grant', 'corr', 'AADSTS65001: no consent'),
    'needs_consent',
  ],
  [
    '503',
    new ServerError('temporarily_unavailable', 'corr', 'AADSTS90033: try again', '', '90033', 503),
    'unavailable',
  ],
  [
    'bad secret',
    new ServerError('invalid_client', 'corr', 'AADSTS7000215: bad secret', '', '7000215'),
    'unavailable',
  ],
  ['network', new ClientAuthError('network_error', 'Network request failed'), 'unavailable'],
  ['timeout (raw)', new EntraNetworkError('Request timeout after 10 ms'), 'unavailable'],
  ['anything else', new TypeError('boom'), 'unavailable'],
])('%s → %s', (_name, error, kind) => {
  const outcome = classifyMsalError(error);
  expect(outcome.kind).toBe(kind);
  expect(outcome.error.code).toBe(`auth.${kind}`);
  expect(outcome.error.nextStep.length).toBeGreaterThan(10);
  expect(isTerminal(outcome)).toBe(kind !== 'unavailable');
  if (kind === 'claims_challenge') expect(outcome.claims).toBe('{"access_token":{}}');
});
