/** The process environment and the optional `.env` file (this folder is the only reader of `process.env`). */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { CodedError } from '../errors';
import type { Env } from './types';

/** The process environment (src/config/ is the only place that touches `process.env`). */
export function processEnv(): Env {
  return { ...process.env };
}

/** What `loadEnvFile` did, for the start-up log (variable names only, never values). */
export interface EnvFileResult {
  /** Absolute path of the file looked for (`.env` in the working directory, or ENV_FILE). */
  path: string;
  found: boolean;
  /** Variables the file set. */
  applied: string[];
  /** Variables the file has that were already set in the environment, which wins. */
  ignored: string[];
}

/**
 * Reads `.env` (or the file ENV_FILE names) into `process.env`, once, at process start (src/main.ts
 * and the scripts/ command lines; tests pass their env objects and never read a developer's
 * `.env`). A variable that is already set, even to an empty value, is never overridden.
 * @throws CodedError `config.invalid` when ENV_FILE names a file that does not exist.
 */
export function loadEnvFile(
  cwd: string = process.cwd(),
  env: NodeJS.ProcessEnv = process.env,
): EnvFileResult {
  const chosen = env.ENV_FILE?.trim() || undefined;
  const path = resolve(cwd, chosen ?? '.env');
  if (!existsSync(path)) {
    if (chosen)
      throw new CodedError('config.invalid', `ENV_FILE: ${path} does not exist.`, {
        nextStep: 'Point ENV_FILE at your env file, or unset it to read .env from the working directory.',
      });
    return { path, found: false, applied: [], ignored: [] };
  }
  const applied: string[] = [];
  const ignored: string[] = [];
  for (const [name, value] of Object.entries(parseEnv(readFileSync(path, 'utf8')))) {
    if (value === undefined) continue;
    if (env[name] !== undefined) ignored.push(name);
    else {
      env[name] = value;
      applied.push(name);
    }
  }
  return { path, found: true, applied: applied.sort(), ignored: ignored.sort() };
}

/** The start-up log line for `loadEnvFile`'s result. */
export function describeEnvFile(result: EnvFileResult): string {
  if (!result.found) return `no env file at ${result.path}: using the environment only`;
  const kept = result.ignored.length > 0 ? `; already set, so kept: ${result.ignored.join(', ')}` : '';
  return `read ${result.path} (${result.applied.length} variable(s) set${kept})`;
}
