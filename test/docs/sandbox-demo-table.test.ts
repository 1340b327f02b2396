/** docs/sandbox.md's demo PAT table is what src/sandbox/demo-data.ts gives a sandbox started today. */
import { readFileSync } from 'node:fs';
import { DEMO_PATS } from '../../src/sandbox/demo-data';
import { demoPatTable, SANDBOX_DOC, withDemoTable } from '../../scripts/docs-demo-table';

const rowOf = (table: string, name: string) =>
  table.split('\n').find((l) => l.startsWith(`| \`${name}\``)) ?? '';

describe('docs/sandbox.md demo table', () => {
  it('is up to date (run `npm run docs:demo-table` when this fails)', () => {
    const committed = readFileSync(SANDBOX_DOC, 'utf8');
    expect(committed).toBe(withDemoTable(committed, new Date()));
  });

  it('has one row per demo PAT, with the status patbot would show at that time', () => {
    const before = demoPatTable(new Date('2026-10-01T09:00:00Z'));
    const after = demoPatTable(new Date('2026-12-03T09:00:00Z'));
    for (const pat of DEMO_PATS) expect(rowOf(after, pat.name)).not.toBe('');
    expect(rowOf(before, 'all-orgs-reporting')).toContain(
      '| Expires in 61 days; All organisations: stops working on Tue 1 Dec 2026 |',
    );
    expect(rowOf(after, 'all-orgs-reporting')).toContain(
      '| Expired; All organisations: stopped working on Tue 1 Dec 2026 |',
    );
    expect(rowOf(after, 'old-ci-token')).toMatch(/\| 9 days ago +\| Expired +\|/);
    expect(rowOf(after, 'admin-scripts')).toContain('Full access: consider narrower scopes');
  });

  it('refuses a document without the markers', () => {
    expect(() => withDemoTable('# no table here\n', new Date())).toThrow(/demo-table:start/);
  });
});
