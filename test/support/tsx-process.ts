/**
 * Runs one of our TypeScript entry points (src/main.ts, scripts/*.ts) in a child Node process
 * with tsx, from any working directory, with only the environment the test gives it (never the
 * developer's variables, so a test cannot pass or fail because of someone's shell or .env).
 */
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = resolve(__dirname, '../..');

/** `--import tsx` resolved to a file, so it works with a temporary cwd that has no node_modules. */
const TSX = ['--import', pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href];

/** The minimum a child needs (PATH, HOME) plus the test's own variables. */
export function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...extra };
}

export interface TsRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `script` to completion. */
export function runTs(
  script: string,
  args: readonly string[],
  options: { cwd: string; env: Record<string, string> },
): Promise<TsRun> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [...TSX, resolve(ROOT, script), ...args],
      { cwd: options.cwd, env: options.env, timeout: 120_000 },
      (err, stdout, stderr) => done({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Starts `script` (a server); the caller waits on its output and stops it. */
export function spawnTs(
  script: string,
  options: { cwd: string; env: Record<string, string> },
): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [...TSX, resolve(ROOT, script)], {
    cwd: options.cwd,
    env: options.env,
  });
}
