/**
 * The only reader of `process.env` (this folder). Parses, validates and freezes patbot's
 * configuration and fails fast with the variable's name and how to fix it. Each slice
 * (http, bot, entra, ado, slack, store, reminders) returns `{ value, problems }`; `loadConfig`
 * composes them. Every variable is documented in env.sample and docs/configuration.md; keep the
 * three in step (test/config-docs.test.ts reads src/config/schema.ts).
 */
import { CodedError } from '../errors';
import { adoFrom } from './ado';
import { botFrom } from './bot';
import { entraFrom } from './entra';
import { httpFrom } from './http';
import { logFrom, remindersFrom } from './reminders';
import { sandboxFrom } from './sandbox';
import { schema } from './schema';
import { slackFrom } from './slack';
import { storeFrom } from './store';
import type { Config, Env, Slice } from './types';

export { processEnv, loadEnvFile, describeEnvFile, type EnvFileResult } from './env-file';
export type * from './types';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function invalid(problems: readonly string[]): CodedError {
  return new CodedError(
    'config.invalid',
    `patbot cannot start: ${problems.length} configuration problem(s).\n- ${problems.join('\n- ')}`,
    {
      nextStep: 'Fix the variables above (env.sample documents each one) and start again.',
      details: { problems: [...problems] },
    },
  );
}

/**
 * Reads and validates the configuration. Throws a `config.invalid` CodedError that lists every
 * problem found, each with the variable's name and how to fix it.
 */
export function loadConfig(env: Env = process.env): Config {
  const raw = schema.parse(env);
  const sandbox = sandboxFrom(raw);
  const http = httpFrom(raw);
  const bot = botFrom(raw, sandbox.value);
  const ado = adoFrom(raw, sandbox.value);
  const entra = entraFrom(raw, sandbox.value, bot.value.cloud);
  const slack = slackFrom(raw);
  const store = storeFrom(raw, sandbox.value);
  const log = logFrom(raw);
  const reminders = remindersFrom(raw);
  const slices: Slice<unknown>[] = [sandbox, http, bot, ado, entra, slack, store, log, reminders];
  const problems = slices.flatMap((s) => s.problems);
  const { cloud, ...teamsBot } = bot.value;
  if (problems.length > 0 || cloud === null) throw invalid(problems);
  return deepFreeze({
    sandbox: sandbox.value,
    http: http.value,
    ...teamsBot,
    cloud,
    entra: entra.value,
    ado: ado.value,
    slack: slack.value,
    ...store.value,
    log: log.value,
    reminders: reminders.value,
    warnings: slices.flatMap((s) => s.warnings ?? []),
  });
}
