/**
 * `npm run sweep -- [--now <ISO time>] [--dry-run]`: runs ONE reminder sweep (with that clock)
 * and prints its summary, for operators and tests. It takes the `reminder-sweep` lease like the
 * scheduler does, so it never runs alongside a bot instance that is sweeping.
 *
 * `runSweepOnce` is what the composition root (or a test) calls with real ports. The command
 * line wiring below builds everything as the bot does (`startApp` without serving HTTP), so
 * reminders go out through the real Teams and Slack notifier; `--dry-run` only logs them.
 */
import { fixedClock, systemClock, type Clock } from '../src/core/clock';
import type { Notifier } from '../src/core/notifier';
import type { SweepDeps } from '../src/core/reminders/sweep-context';
import type { LeaseStore } from '../src/core/store';
import { CodedError } from '../src/errors';
import {
  createReminderScheduler,
  LogNotifier,
  type ReminderSettings,
  type TickResult,
} from '../src/scheduler';
import { dryRunStore } from '../src/scheduler/dry-run-store';

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

export interface SweepOnceDeps extends Omit<SweepDeps, 'clock' | 'store'> {
  store: SweepDeps['store'] & { leases: LeaseStore };
}

export interface SweepOnceOptions extends Partial<SweepArgs> {
  settings?: ReminderSettings;
}

/**
 * One sweep at `options.now` (or now). Planning, ledger claims and messages use that clock; the
 * lease uses the real clock, so a past `--now` never takes over a live instance's lease.
 */
export async function runSweepOnce(deps: SweepOnceDeps, options: SweepOnceOptions = {}): Promise<TickResult> {
  const clock: Clock = options.now ? fixedClock(options.now) : systemClock;
  const store = options.dryRun ? dryRunStore(deps.store) : deps.store;
  const scheduler = createReminderScheduler(
    { ...deps, store, clock },
    { instanceId: `sweep-cli:${process.pid}`, ...options.settings },
    { scheduler: { clock: systemClock } },
  );
  return scheduler.tick();
}

/** Command line: build the real adapters (as the bot does, without serving HTTP) and run once. */
async function main(): Promise<number> {
  const [{ processEnv }, { startApp }] = await Promise.all([import('../src/config'), import('../src/app')]);
  const args = parseSweepArgs(process.argv.slice(2));
  const app = await startApp({ env: processEnv(), serve: false });
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
        settings: {
          ...app.config.reminders,
          defaultOrgs: app.config.ado.organizations,
          maxOrgsPerUser: app.config.ado.maxOrgsPerUser,
        },
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
