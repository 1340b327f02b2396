/**
 * A compiled node program started as it runs in production (`node dist/main.js`): no IPC, no
 * loader hook. Ready when a line of its stdout matches `readyLine`; stopped with SIGTERM (the
 * program's own clean shutdown), then SIGKILL by pid if it has not exited after a grace period.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { procCpuMs, procPeakRssMb } from './proc';

export interface NodeProcess {
  pid: number;
  /** The first capture group of `readyLine` (e.g. the URL the program printed). */
  readyMatch: string;
  /** utime+stime from /proc (NaN where /proc is not readable). */
  cpuMs(): Promise<number>;
  peakRssMb(): number | null;
  stop(graceMs?: number): Promise<void>;
  /** The program's output, stdout and stderr (last 8 KB), for error reports. */
  output(): string;
}

/** A free loopback port (bound and released: the program binds it right after). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startNodeProcess(
  script: string,
  env: Record<string, string>,
  options: { execArgv?: string[]; readyLine: RegExp; readyTimeoutMs?: number },
): Promise<NodeProcess> {
  const childEnv: Record<string, string> = { ...env };
  for (const k of ['PATH', 'HOME', 'TMPDIR', 'LANG']) {
    const v = process.env[k];
    if (v !== undefined && childEnv[k] === undefined) childEnv[k] = v;
  }
  const child: ChildProcess = spawn(process.execPath, [...(options.execArgv ?? []), script], {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const timeoutMs = options.readyTimeoutMs ?? 60_000;
  const readyMatch = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} not ready after ${timeoutMs} ms: ${output.slice(-800)}`));
    }, timeoutMs);
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-8192);
      const m = options.readyLine.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] ?? m[0]);
      }
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`${script} exited before it was ready: ${output.slice(-1500).trim()}`));
    });
  });
  const pid = child.pid ?? -1;
  return {
    pid,
    readyMatch,
    cpuMs: async () => procCpuMs(pid) ?? Number.NaN,
    peakRssMb: () => procPeakRssMb(pid),
    async stop(graceMs = 20_000) {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        if (!exited) child.kill('SIGKILL');
      }, graceMs);
      await exit;
      clearTimeout(timer);
    },
    output: () => output,
  };
}
