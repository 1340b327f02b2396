/**
 * Starts patbot as deployed: compiled JavaScript (`node dist/main.js`, as in deploy/Dockerfile),
 * a real (non-sandbox) configuration pointing at the simulators, and BOT_ID set, so every
 * activity's Bot Framework JWT is validated against the local channel issuer (./channel-auth.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCompiled } from './build';
import type { BenchChannelAuth } from './channel-auth';
import { freePort, startNodeProcess, type NodeProcess } from './node-process';
import { BENCH_ORG, type BenchSims } from './sims';

export interface BotReady {
  url: string;
  teamsUrl: string;
  slackUrl: string;
  composition: string;
  pid: number;
}

export interface BenchBot extends NodeProcess {
  ready: BotReady;
  dir: string;
  env: Record<string, string>;
  /** Stops the bot (SIGTERM) and removes its temporary database. */
  close(): Promise<void>;
}

export interface BenchBotOptions {
  auth: BenchChannelAuth;
  slack?: { signingSecret: string; botToken: string; apiUrl: string };
  cpuProfDir?: string;
  log?: (m: string) => void;
}

export async function startBenchBot(sims: BenchSims, options: BenchBotOptions): Promise<BenchBot> {
  const { patbot } = ensureCompiled(options.log ?? (() => undefined));
  const dir = mkdtempSync(join(tmpdir(), 'patbot-bench-'));
  const port = await freePort();
  const env: Record<string, string> = {
    SANDBOX: '0',
    PORT: String(port),
    HOST: '127.0.0.1',
    ...options.auth.botEnv,
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
  // BENCH_BOT_NODE_ARGS: V8/Node flags for the bot (e.g. `--max-semi-space-size=8`), to measure them.
  const nodeArgs = (process.env.BENCH_BOT_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const execArgv = [
    ...nodeArgs,
    ...(options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : []),
  ];
  let child: NodeProcess;
  try {
    child = await startNodeProcess(patbot, env, { execArgv, readyLine: /patbot listening on (\S+)/ });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const url = child.readyMatch;
  return {
    ...child,
    ready: {
      url,
      teamsUrl: url,
      slackUrl: url,
      composition: 'node dist/main.js (compiled, as in deploy/Dockerfile), BOT_ID set: inbound JWT validated',
      pid: child.pid,
    },
    dir,
    env,
    async close() {
      await child.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
