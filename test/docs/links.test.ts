/** Every relative link in the repository's Markdown resolves: the file exists, the #anchor is a heading. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anchorsOf, brokenLinks, githubSlug, markdownFiles } from '../support/markdown-links';
import { ROOT } from '../support/tsx-process';

describe('the link checker', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'patbot-links-'));
    mkdirSync(join(dir, 'docs'));
    writeFileSync(join(dir, 'docs', 'a.md'), '# A\n\n## The `pat list` command\n\n## Setup\n\n## Setup\n');
    writeFileSync(
      join(dir, 'README.md'),
      [
        '# Sample',
        '[ok](docs/a.md) [ok anchor](docs/a.md#the-pat-list-command) [second setup](docs/a.md#setup-1)',
        '[gone](docs/ux.md) and ![gone image](docs/images/nope.png)',
        '[bad anchor](docs/a.md#no-such-heading) [self](#sample) [self bad](#nothing)',
        '[web](https://example.com/x) `[code](docs/ignored.md)`',
        '```md',
        '[in a code block](docs/ignored-too.md)',
        '```',
        '[ref]: docs/missing.md',
        'See `docs/a.md`, `docs/gone.md`, `/work/shared/docs/ux.md`, `bench/results/latest.md`, `src/*.ts`.',
      ].join('\n'),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds every broken link in a sample, and only those', () => {
    expect(markdownFiles(dir)).toEqual(['README.md', join('docs', 'a.md')]);
    expect(brokenLinks(dir, 'README.md')).toEqual([
      'README.md:3: docs/ux.md (no such file)',
      'README.md:3: docs/images/nope.png (no such file)',
      'README.md:4: docs/a.md#no-such-heading (no heading #no-such-heading in docs/a.md)',
      'README.md:4: #nothing (no heading #nothing in README.md)',
      'README.md:9: docs/missing.md (no such file)',
      'README.md:10: `docs/gone.md` (no such file)',
      'README.md:10: `/work/shared/docs/ux.md` (outside the repository)',
    ]);
  });

  it("makes GitHub's heading anchors", () => {
    expect(githubSlug('The `pat list` command')).toBe('the-pat-list-command');
    expect(githubSlug('1. Create the Entra app (SSO + OBO)')).toBe('1-create-the-entra-app-sso--obo');
    expect(githubSlug('Attack → what patbot does → test')).toBe('attack--what-patbot-does--test');
    expect([...anchorsOf('# X\n## Y\n## Y\n```\n# not a heading\n```\n')]).toEqual(['x', 'y', 'y-1']);
  });
});

describe('the repository Markdown', () => {
  const files = markdownFiles(ROOT);

  it('includes the README and the docs', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', join('docs', 'sandbox.md')]));
  });

  it.each(files)('%s has no broken relative links', (file) => {
    expect(brokenLinks(ROOT, file)).toEqual([]);
  });
});
