/**
 * `npm run sweep -- [--now <ISO time>] [--dry-run]`: runs ONE reminder sweep (with that clock)
 * and prints its summary, for operators and tests. It takes the `reminder-sweep` lease like the
 * scheduler does, so it never runs alongside a bot instance that is sweeping; its holder id is
 * `sweep-cli:<host>:<pid>:<random>`, so two sweeps in look-alike containers (both PID 1) never
 * mistake each other's lease or claims for their own.
 *
 * Against a configured deployment it builds everything as the bot does (`startApp` without
 * serving HTTP), so reminders go out through the real Teams and Slack notifier. In sandbox mode
 * the data lives inside the running bot, so it asks that bot (loopback `POST /sandbox/sweep` on
 * PORT) to run the sweep. `--dry-run` only logs what would be sent and records nothing.
 *
 * `runSweepOnce` (src/scheduler/sweep-once.ts) is what a test or the bot calls with real ports.
 */
import { CodedError } from '../src/errors';
import { LogNotifier, runSweepOnce, sweepOptionsFrom } from '../src/scheduler';

export { runSweepOnce, type SweepOnceDeps, type SweepOnceOptions } from '../src/scheduler';

export const USAGE = `Usage: npm run sweep -- [--now <ISO time>] [--dry-run] [--help]

Runs one reminder sweep now and prints its summary (JSON).

  --now <ISO time>  plan as if it were that time, e.g. --now 2026-11-30T09:30:00Z
                    (working hours and thresholds are judged at that time)
  --dry-run         log the reminders that would be sent; send and record nothing,
                    so a later real sweep still sends them
  --help            show this text

In sandbox mode (npm start with no credentials) the sweep runs inside the running bot,
through its loopback-only endpoint POST /sandbox/sweep on PORT (default 3978): start the
bot first. Reminders then arrive in the Agents Playground and on the Slack page
(/sandbox/slack). Elsewhere it uses the same configuration as the bot (env, .env).
`;

export interface SweepArgs {
  /** The sweep's clock (`--now`); the real time when absent. */
  now?: Date;
  /** `--dry-run`: log what would be sent, record nothing. */
  dryRun: boolean;
  /** `--help`: print the usage and exit 0. */
  help?: boolean;
}

/** Parses `--now <ISO>` / `--now=<ISO>` and `--dry-run`. @throws CodedError `input.invalid` */
export function parseSweepArgs(argv: readonly string[]): SweepArgs {
  const args: SweepArgs = { dryRun: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dry-run') args.dryRun = true;
    else if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--now' || arg.startsWith('--now=')) {
      const value = arg === '--now' ? argv[++i] : arg.slice('--now='.length);
      const at = value === undefined ? NaN : Date.parse(value);
      if (Number.isNaN(at)) {
        throw new CodedError('input.invalid', `--now: "${value ?? ''}" is not an ISO 8601 time.`, {
          nextStep: 'Use e.g. --now 2026-11-30T09:30:00Z.',
        });
      }
      args.now = new Date(at);
    } else {
      throw new CodedError('input.invalid', `Unknown option "${arg}".`, {
        nextStep: 'Use: npm run sweep -- [--now <ISO time>] [--dry-run] (--help explains them)',
      });
    }
  }
  return args;
}

/** Sandbox: asks the running sandbox bot to sweep (its data is in its memory). */
async function sweepRunningSandbox(port: number, args: SweepArgs): Promise<number> {
  const url = `http://127.0.0.1:${port}/sandbox/sweep`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ now: args.now?.toISOString(), dryRun: args.dryRun }),
      signal: AbortSignal.timeout(120_000),
    });
  } catch {
    throw new CodedError('config.invalid', `No sandbox bot is answering on ${url}.`, {
      nextStep: 'Start it first with `npm start` (same PORT), then run the sweep again.',
    });
  }
  const text = await res.text();
  if (!res.ok) {
    throw new CodedError(
      'internal',
      `The sandbox bot refused the sweep (${res.status}): ${text.slice(0, 300)}`,
      {
        nextStep: 'Check the bot is in sandbox mode and listening on this PORT.',
      },
    );
  }
  const result = JSON.parse(text) as { kind?: string; summary?: { users?: number } };
  process.stdout.write(`${JSON.stringify(result.kind === 'ran' ? result.summary : result, null, 2)}\n`);
  if (result.kind === 'ran' && result.summary?.users === 0) process.stderr.write(`${SANDBOX_NOBODY}\n`);
  return result.kind === 'failed' ? 1 : 0;
}

/** A sandbox sweep covers the people who signed in; demo people sign in with their first command. */
export const SANDBOX_NOBODY =
  'Nobody has signed in to the sandbox yet, so there was no one to remind. Type `pat list` in the ' +
  'Agents Playground or `/pat list` on http://127.0.0.1:<PORT>/sandbox/slack first, then sweep again.';

/** Command line: build the real adapters (as the bot does, without serving HTTP) and run once. */
async function main(): Promise<number> {
  const args = parseSweepArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  await import('../src/process-warnings');
  const [{ loadEnvFile, processEnv, loadConfig }, { startApp }] = await Promise.all([
    import('../src/config'),
    import('../src/app'),
  ]);
  const envFile = loadEnvFile();
  const config = loadConfig(processEnv());
  if (config.sandbox) return sweepRunningSandbox(config.http.port, args);
  const app = await startApp({ env: processEnv(), serve: false, envFile });
  try {
    const { store, tokensApi, tokenProvider, logger } = app.sweepDeps;
    const notifier = args.dryRun ? new LogNotifier(logger) : app.notifier;
    const result = await runSweepOnce(
      { store, tokensApi, tokenProvider, notifier, logger },
      {
        now: args.now,
        dryRun: args.dryRun,
        role: 'sweep-cli',
        settings: sweepOptionsFrom(app.config),
      },
    );
    process.stdout.write(`${JSON.stringify(result.kind === 'ran' ? result.summary : result, null, 2)}\n`);
    return result.kind === 'failed' ? 1 : 0;
  } finally {
    await app.stop();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      const e = error instanceof CodedError ? `${error.message}\n${error.nextStep}` : String(error);
      process.stderr.write(`${e}\n`);
      process.exit(1);
    },
  );
}
