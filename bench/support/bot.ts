/** Starts the bot child process with a real (non-sandbox) configuration pointing at the simulators. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChild, type ChildReady, type RunningChild } from './child';
import { BENCH_ORG, type BenchSims } from './sims';

export interface BotReady extends ChildReady {
  url: string;
  teamsUrl: string;
  slackUrl: string;
  composition: string;
  pid: number;
}

export interface BenchBot extends RunningChild<BotReady> {
  dir: string;
  env: Record<string, string>;
  /** Stops the child and removes its temporary database. */
  close(): Promise<void>;
}

export async function startBenchBot(
  sims: BenchSims,
  options: { slack?: { signingSecret: string; botToken: string; apiUrl: string }; cpuProfDir?: string } = {},
): Promise<BenchBot> {
  const dir = mkdtempSync(join(tmpdir(), 'patbot-bench-'));
  const env: Record<string, string> = {
    SANDBOX: '0',
    PORT: '0',
    HOST: '127.0.0.1',
    BOT_ID: '',
    AAD_APP_OAUTH_AUTHORITY_HOST: sims.entra.origin,
    AAD_APP_CLIENT_ID: sims.entra.clientId,
    AAD_APP_CLIENT_SECRET: sims.entra.clientSecret,
    AAD_APP_TENANT_ID: sims.entra.tenantId,
    ADO_VSSPS_BASE_URL: sims.ado.url,
    ADO_ORGANIZATIONS: BENCH_ORG,
    TOKEN_CACHE_KEY: randomBytes(32).toString('base64'),
    DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`,
    LOG_LEVEL: 'warn',
    NODE_EXTRA_CA_CERTS: sims.entra.caPath,
    NODE_ENV: 'production',
    // The bot's own reminder scheduler must not sweep in the middle of a latency run: 00:00 on
    // 29 February only.
    REMINDER_CRON: '0 0 29 2 *',
  };
  if (options.slack) {
    env.SLACK_SIGNING_SECRET = options.slack.signingSecret;
    env.SLACK_BOT_TOKEN = options.slack.botToken;
    env.SLACK_API_URL = options.slack.apiUrl;
  }
  const execArgv = options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [];
  let child: RunningChild<BotReady>;
  try {
    child = await startChild<BotReady>(join(__dirname, 'bot-process.ts'), env, { execArgv });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    ...child,
    dir,
    env,
    async close() {
      await child.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
