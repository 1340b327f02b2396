/**
 * Starts the Microsoft 365 Agents Playground (`@microsoft/m365agentsplayground`) as a child
 * process on loopback: channel msteams, telemetry off, no browser opened, the log in a file, and
 * a `--require` preload that keeps every server it opens on 127.0.0.1. The child runs in its own
 * process group so `stop()` ends it and anything it started. Used by `npm run playground` and the
 * end-to-end test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
export const PLAYGROUND_CONFIG = join(ROOT, '.m365agentsplayground.yml');
export const LOOPBACK_PRELOAD = join(__dirname, 'loopback-preload.js');
export const DEFAULT_PLAYGROUND_PORT = 56150;

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. `http://127.0.0.1:3978/api/messages`. */
  botEndpoint: string;
  /** Default: a free port. */
  port?: number;
  /** Folder for the log file (the Playground's working folder stays the repository root). */
  logDir: string;
  configPath?: string;
  /** How long to wait for "Listening on" (ms, default 20 s). */
  startTimeoutMs?: number;
  /** Extra environment for the child (tests only). */
  env?: Record<string, string>;
  /** Inherit stdio instead of capturing it (the interactive script). */
  inheritStdio?: boolean;
}

export interface RunningPlayground {
  /** `http://127.0.0.1:<port>`: the web UI and its backend routes. */
  readonly url: string;
  readonly port: number;
  readonly logFile: string;
  readonly child: ChildProcess;
  /** The last lines of the Playground's log file (for failure messages). */
  logTail(lines?: number): string;
  /** Ends the whole process group: SIGTERM, then SIGKILL after a grace period. */
  stop(): Promise<void>;
}

export function playgroundCli(): string {
  return require.resolve('@microsoft/m365agentsplayground/cli.js');
}

export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

/** The command line and environment that start the Playground (shared with scripts/playground.ts). */
export function playgroundCommand(options: {
  botEndpoint: string;
  port: number;
  logFile: string;
  configPath: string;
}): { args: string[]; env: Record<string, string> } {
  const args = [
    '--require',
    LOOPBACK_PRELOAD,
    playgroundCli(),
    'start',
    '--app-endpoint',
    options.botEndpoint,
    '--channel-id',
    'msteams',
    '--port',
    String(options.port),
    '--service-url',
    `http://127.0.0.1:${options.port}/_connector`,
    '--disable-telemetry',
  ];
  const env: Record<string, string> = {
    TEAMSAPPTESTER_BROWSER: 'none',
    M365_AGENTS_PLAYGROUND_LOGFILE: options.logFile,
    TEAMSAPPTESTER_LOGFILE: options.logFile,
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: options.configPath,
    TEAMS_APP_TEST_TOOL_CONFIG_PATH: options.configPath,
    APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
    APPLICATION_INSIGHTS_NO_DIAGNOSTIC_CHANNEL: 'true',
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
  };
  return { args, env };
}

/** The parent's environment without proxy settings (the Playground honours HTTP(S)_PROXY). */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^(https?|all)_proxy$/i.test(key)) continue;
    env[key] = value;
  }
  return env;
}

function readTail(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no playground log yet)';
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is already gone
  }
}

export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const port = options.port ?? (await freeLoopbackPort());
  mkdirSync(options.logDir, { recursive: true });
  const logFile = join(options.logDir, 'm365agentsplayground.log');
  const configPath = options.configPath ?? PLAYGROUND_CONFIG;
  const command = playgroundCommand({ botEndpoint: options.botEndpoint, port, logFile, configPath });
  const child = spawn(process.execPath, command.args, {
    cwd: dirname(configPath),
    env: { ...baseEnv(), ...command.env, ...options.env },
    detached: true,
    stdio: options.inheritStdio ? 'inherit' : ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));

  // Last resort if the parent dies without calling stop() (e.g. a crashed jest worker).
  const killOnExit = (): void => killGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);

  let exited: number | null | undefined;
  const exitPromise = new Promise<void>((done) =>
    child.once('exit', (code, signal) => {
      exited = code ?? (signal ? -1 : null);
      done();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const running: RunningPlayground = {
    url,
    port,
    logFile,
    child,
    logTail: (lines = 30) => readTail(logFile, lines),
    async stop() {
      process.removeListener('exit', killOnExit);
      if (exited !== undefined) {
        killGroup(child, 'SIGKILL'); // grandchildren, if any, may outlive the leader
        return;
      }
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3_000);
      await exitPromise;
      clearTimeout(timer);
      killGroup(child, 'SIGKILL');
    },
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 20_000);
  while (Date.now() < deadline) {
    if (exited !== undefined) {
      throw new Error(
        `The Agents Playground exited (code ${String(exited)}) before it listened.\n${output}\n` +
          `--- ${logFile} ---\n${running.logTail()}`,
      );
    }
    if (await isUp(url)) return running;
    await new Promise((r) => setTimeout(r, 200));
  }
  await running.stop();
  throw new Error(
    `The Agents Playground did not listen on ${url} within the time allowed.\n${output}\n` +
      `--- ${logFile} ---\n${running.logTail()}`,
  );
}

async function isUp(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/_internal/v1/testConfig`, { signal: AbortSignal.timeout(1_000) });
    return res.ok;
  } catch {
    return false;
  }
}
