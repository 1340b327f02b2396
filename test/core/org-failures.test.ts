import { CodedError, type ErrorCode } from '../../src/errors';
import {
  allOrgsFailed,
  allOrgsFailedHeadline,
  failureNextStep,
  orgFailuresLine,
} from '../../src/core/org-failures';

const fail = (org: string, code: ErrorCode) => ({ org, error: new CodedError(code, 'x', { nextStep: 'y' }) });

describe('one line for the organisations that could not be read', () => {
  it('groups organisations by reason', () => {
    expect(
      orgFailuresLine([
        fail('a', 'ado.not_member'),
        fail('b', 'ado.not_member'),
        fail('c', 'ado.unavailable'),
      ]),
    ).toBe("Couldn't read 3 organisations: a, b (not a member), c (Azure DevOps unavailable).");
    expect(orgFailuresLine([fail('x', 'internal')])).toBe(
      "Couldn't read 1 organisation: x (could not be read).",
    );
    expect(orgFailuresLine([])).toBe('');
  });

  it('cuts a long list with "and N more" within its budget', () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      fail(`organisation-${i}`, i % 2 ? 'ado.timeout' : 'ado.org_not_found'),
    );
    const line = orgFailuresLine(many, 300);
    expect(line.length).toBeLessThanOrEqual(300);
    expect(line).toMatch(/^Couldn't read 300 organisations: organisation-0, organisation-2, /);
    const listed = (line.match(/organisation-\d+/g) ?? []).length;
    expect(line).toContain(` and ${300 - listed} more.`);
  });

  it('names the next step and the all-failed state', () => {
    expect(failureNextStep([fail('a', 'ado.unavailable')])).toBe('Try again in a few minutes.');
    expect(failureNextStep([fail('a', 'ado.unavailable'), fail('b', 'ado.org_not_found')])).toContain(
      '`pat orgs`',
    );
    expect(allOrgsFailed(['a', 'b'], [fail('a', 'ado.timeout')])).toBe(false);
    expect(allOrgsFailed(['a'], [fail('a', 'ado.timeout')])).toBe(true);
    expect(allOrgsFailed([], [])).toBe(false);
    expect(allOrgsFailedHeadline(1)).toMatch(/couldn't read your organisation/);
  });
});
