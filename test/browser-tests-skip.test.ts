/**
 * `npm test` on a machine without Chromium: jest.config.js leaves out the browser tests with one
 * loud line, and REQUIRE_E2E=1 (CI, `npm run test:e2e`) turns that into a failure. Runs jest itself
 * in a child process with CHROMIUM_PATH pointing at a file that does not exist.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { childEnv, ROOT } from './support/tsx-process';

jest.setTimeout(120_000);

const JEST = join(ROOT, 'node_modules/jest/bin/jest.js');
const MISSING = join(ROOT, 'no-such-dir/chromium');

// A jest started by this file must never run this file again (it would fork without end).
if (process.env.PATBOT_JEST_CHILD === '1')
  throw new Error('browser-tests-skip.test.ts ran inside its own child jest');

function jestRun(args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [JEST, ...args],
      { cwd: ROOT, env: childEnv({ ...env, PATBOT_JEST_CHILD: '1' }) },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, out: `${stdout}${stderr}` }),
    );
  });
}

const LOUD = `!!! BROWSER TESTS SKIPPED: ${MISSING} is missing. Install it (apt-get install -y chromium) and run \`npm run test:e2e\`. !!!`;

describe('browser tests without Chromium', () => {
  it('are skipped with one loud line; the other tests run and pass', async () => {
    const run = await jestRun(['--ci', 'test/core/format-date.test.ts', 'test/e2e/'], {
      CHROMIUM_PATH: MISSING,
    });
    expect(run.out.split('\n').filter((l) => l.includes('BROWSER TESTS SKIPPED'))).toEqual([LOUD]);
    expect(run.out).toMatch(/PASS .*test\/core\/format-date\.test\.ts/);
    expect(run.out).not.toMatch(/playground.*\.e2e\.test\.ts/);
    expect(run.code).toBe(0);
  });

  it('are listed when Chromium is there (CHROMIUM_PATH to any existing file)', async () => {
    const run = await jestRun(['--listTests'], { CHROMIUM_PATH: process.execPath });
    expect(run.out).toContain(join('test', 'e2e', 'playground.e2e.test.ts'));
    expect(run.out).not.toContain('BROWSER TESTS SKIPPED');
  });

  it('with REQUIRE_E2E=1 (CI, npm run test:e2e) a missing Chromium fails instead', async () => {
    const run = await jestRun(['--listTests'], { CHROMIUM_PATH: MISSING, REQUIRE_E2E: '1' });
    expect(run.code).not.toBe(0);
    expect(run.out).toContain(`REQUIRE_E2E=1 but ${MISSING} is missing: the browser tests cannot run.`);
  });
});
