import { PAT_TOKEN_ERRORS, patTokenErrorRow } from '../../src/ado';
import { CodedError, ERROR_CODES, worded } from '../../src/errors';
import { startAdoHarness, type AdoHarness } from '../support/ado-harness';

/** The 37 `SessionTokenError` values from the reference (§2), `none` first. */
const SPEC_VALUES = [
  'none',
  'displayNameRequired',
  'invalidDisplayName',
  'invalidValidTo',
  'invalidScope',
  'userIdRequired',
  'invalidUserId',
  'invalidUserType',
  'accessDenied',
  'failedToIssueAccessToken',
  'invalidClient',
  'invalidClientType',
  'invalidClientId',
  'invalidTargetAccounts',
  'hostAuthorizationNotFound',
  'authorizationNotFound',
  'failedToUpdateAccessToken',
  'sourceNotSupported',
  'invalidSourceIP',
  'invalidSource',
  'duplicateHash',
  'sshPolicyDisabled',
  'invalidToken',
  'tokenNotFound',
  'invalidAuthorizationId',
  'failedToReadTenantPolicy',
  'globalPatPolicyViolation',
  'fullScopePatPolicyViolation',
  'patLifespanPolicyViolation',
  'invalidTokenType',
  'invalidAudience',
  'invalidSubject',
  'deploymentHostNotSupported',
  'disablePatCreationPolicyViolation',
  'failedToReadOrgPolicy',
  'globalPATCreationBlocked',
  'expiredPatCannotBeExtended',
];

/** Expected code per value: the table under test must agree with this independent copy. */
const EXPECTED: Record<string, string> = {
  displayNameRequired: 'ado.pat_invalid_request',
  invalidDisplayName: 'ado.pat_invalid_request',
  invalidValidTo: 'ado.pat_invalid_request',
  invalidScope: 'ado.pat_invalid_request',
  invalidTargetAccounts: 'ado.pat_invalid_request',
  userIdRequired: 'ado.pat_identity_rejected',
  invalidUserId: 'ado.pat_identity_rejected',
  invalidUserType: 'ado.pat_identity_rejected',
  invalidClient: 'ado.pat_identity_rejected',
  invalidClientType: 'ado.pat_identity_rejected',
  invalidClientId: 'ado.pat_identity_rejected',
  invalidTokenType: 'ado.pat_identity_rejected',
  invalidAudience: 'ado.pat_identity_rejected',
  invalidSubject: 'ado.pat_identity_rejected',
  accessDenied: 'ado.pat_access_denied',
  sshPolicyDisabled: 'ado.pat_access_denied',
  failedToIssueAccessToken: 'ado.pat_service_error',
  failedToUpdateAccessToken: 'ado.pat_service_error',
  sourceNotSupported: 'ado.pat_service_error',
  invalidSource: 'ado.pat_service_error',
  duplicateHash: 'ado.pat_service_error',
  deploymentHostNotSupported: 'ado.pat_service_error',
  hostAuthorizationNotFound: 'ado.pat_not_found',
  authorizationNotFound: 'ado.pat_not_found',
  tokenNotFound: 'ado.pat_not_found',
  invalidAuthorizationId: 'ado.pat_not_found',
  invalidSourceIP: 'ado.pat_invalid_source_ip',
  invalidToken: 'ado.pat_revoked',
  failedToReadTenantPolicy: 'ado.pat_policy_unreadable',
  failedToReadOrgPolicy: 'ado.pat_policy_unreadable',
  globalPatPolicyViolation: 'ado.pat_policy_global',
  fullScopePatPolicyViolation: 'ado.pat_policy_full_scope',
  patLifespanPolicyViolation: 'ado.pat_policy_lifespan',
  disablePatCreationPolicyViolation: 'ado.pat_policy_creation_disabled',
  globalPATCreationBlocked: 'ado.pat_global_creation_blocked',
  expiredPatCannotBeExtended: 'ado.pat_expired_cannot_extend',
};

const ERRORS = SPEC_VALUES.filter((v) => v !== 'none');

let h: AdoHarness;
beforeAll(async () => {
  h = await startAdoHarness();
});
afterAll(() => h.close());

describe('patTokenError table', () => {
  it('covers exactly the 36 documented error values, each with a valid code, message and next step', () => {
    expect(SPEC_VALUES).toHaveLength(37);
    expect(Object.keys(PAT_TOKEN_ERRORS).sort()).toEqual([...ERRORS].sort());
    for (const row of Object.values(PAT_TOKEN_ERRORS)) {
      expect(ERROR_CODES).toContain(row.code);
      expect(row.message.length).toBeGreaterThan(10);
      expect(worded(row.nextStep, 'pat').length).toBeGreaterThan(10);
      // A command in the next step is written with the channel's prefix, never a fixed `pat`.
      expect(worded(row.nextStep, '/pat')).not.toMatch(/`pat[ `]/);
    }
  });

  it('maps unknown (future) values, and is case-sensitive', () => {
    expect(patTokenErrorRow('somethingNew').code).toBe('ado.pat_error_unknown');
    expect(patTokenErrorRow('GlobalPatPolicyViolation').code).toBe('ado.pat_error_unknown');
    expect(patTokenErrorRow('toString').code).toBe('ado.pat_error_unknown');
  });

  it('explains expired PATs in the words people should see', () => {
    const row = PAT_TOKEN_ERRORS.expiredPatCannotBeExtended;
    expect(`${row.message} ${worded(row.nextStep, 'pat')}`).toBe(
      'Azure DevOps no longer lets expired PATs be extended. Create a new one in Azure DevOps under User settings → Personal access tokens.',
    );
  });

  // Every row over real HTTP; the status alongside a patTokenError is unverified, so rotate it.
  const statuses = [200, 400, 404, 409, 500];
  it.each(ERRORS.map((value, i) => [value, statuses[i % statuses.length]] as const))(
    '%s on HTTP %i becomes its coded error',
    async (value, status) => {
      const { client } = h.client({ retry: { maxAttempts: 1 } });
      h.sim.inject({ patTokenError: value, status });
      const token = await h.token(h.alice);
      const error = await client
        .get({ org: 'contoso', accessToken: token }, '3d3aca0c-9ad3-4b07-8334-08ec8b1ddc32')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CodedError);
      const coded = error as CodedError;
      expect(coded.code).toBe(EXPECTED[value]);
      expect(coded.details).toMatchObject({ patTokenError: value, status, org: 'contoso' });
      const step = PAT_TOKEN_ERRORS[value as keyof typeof PAT_TOKEN_ERRORS].nextStep;
      expect(coded.userText).toContain(worded(step, 'pat'));
      expect(coded.userTextFor('/pat')).toContain(worded(step, '/pat'));
    },
  );

  it('maps an unknown value sent by the service to ado.pat_error_unknown', async () => {
    const { client } = h.client();
    h.sim.inject({ patTokenError: 'brandNewError', status: 200 });
    const token = await h.token(h.alice);
    await expect(client.list({ org: 'contoso', accessToken: token })).rejects.toMatchObject({
      code: 'ado.pat_error_unknown',
      details: { patTokenError: 'brandNewError' },
    });
  });

  it('does not retry a 5xx that carries a patTokenError', async () => {
    const { client, waits } = h.client();
    h.sim.resetRequests();
    h.sim.inject({ patTokenError: 'failedToUpdateAccessToken', status: 503, retryAfterSeconds: 1 });
    const token = await h.token(h.alice);
    await expect(
      client.update(
        { org: 'contoso', accessToken: token },
        { id: '3d3aca0c-9ad3-4b07-8334-08ec8b1ddc32', name: 'x' },
      ),
    ).rejects.toMatchObject({ code: 'ado.pat_service_error' });
    expect(h.sim.requestCount()).toBe(1);
    expect(waits).toEqual([]);
  });
});
