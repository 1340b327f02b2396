/**
 * `npm run sweep -- [--now <ISO time>] [--dry-run]`: runs ONE reminder sweep (with that clock)
 * and prints its summary, for operators and tests. It takes the `reminder-sweep` lease like the
 * scheduler does, so it never runs alongside a bot instance that is sweeping; its holder id is
 * `sweep-cli:<host>:<pid>:<random>`, so two sweeps in look-alike containers (both PID 1) never
 * mistake each other's lease or claims for their own.
 *
 * `runSweepOnce` (src/scheduler/sweep-once.ts) is what a test or the bot calls with real ports.
 * The command line wiring below builds everything as the bot does (`startApp` without serving
 * HTTP), so reminders go out through the real Teams and Slack notifier; `--dry-run` only logs them.
 */
import type { Notifier } from '../src/core/notifier';
import { CodedError } from '../src/errors';
import { LogNotifier, runSweepOnce } from '../src/scheduler';

export { runSweepOnce, type SweepOnceDeps, type SweepOnceOptions } from '../src/scheduler';

export interface SweepArgs {
  /** The sweep's clock (`--now`); the real time when absent. */
  now?: Date;
  /** `--dry-run`: log what would be sent, record nothing. */
  dryRun: boolean;
}

/** Parses `--now <ISO>` / `--now=<ISO>` and `--dry-run`. @throws CodedError `input.invalid` */
export function parseSweepArgs(argv: readonly string[]): SweepArgs {
  const args: SweepArgs = { dryRun: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dry-run') args.dryRun = true;
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
        nextStep: 'Use: npm run sweep -- [--now <ISO time>] [--dry-run]',
      });
    }
  }
  return args;
}

/** Command line: build the real adapters (as the bot does, without serving HTTP) and run once. */
async function main(): Promise<number> {
  await import('../src/process-warnings');
  const [{ loadEnvFile, processEnv }, { startApp }] = await Promise.all([
    import('../src/config'),
    import('../src/app'),
  ]);
  const args = parseSweepArgs(process.argv.slice(2));
  const envFile = loadEnvFile();
  const app = await startApp({ env: processEnv(), serve: false, envFile });
  try {
    if (app.config.sandbox) {
      throw new CodedError(
        'config.invalid',
        'Sandbox data lives inside the running bot, so a separate sweep cannot see it.',
        {
          nextStep:
            'Run against a configured deployment, or use the sandbox bot (it sweeps on its own schedule).',
        },
      );
    }
    const { store, tokensApi, tokenProvider, logger } = app.sweepDeps;
    const notifier: Notifier = args.dryRun ? new LogNotifier(logger) : app.notifier;
    const result = await runSweepOnce(
      { store, tokensApi, tokenProvider, notifier, logger },
      {
        now: args.now,
        dryRun: args.dryRun,
        role: 'sweep-cli',
        settings: { ...app.config.reminders, defaultOrgs: app.config.ado.organizations },
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
