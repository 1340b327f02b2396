/**
 * A benchmark child process (the bot, or the sweep runner) and its request/reply protocol over
 * Node's IPC channel. The child runs as ONE node process (`node --require tsx/cjs <script>`), so
 * its pid is the process whose CPU and memory /proc reports (the CommonJS hook needs no loader
 * thread, unlike `--import tsx`, which adds ≈ 15–20 MB of RSS).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { procCpuMs, procPeakRssMb } from './proc';

export interface ChildRequest {
  id: number;
  op: string;
  args?: unknown;
}

export type ChildReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

export interface ChildReady {
  ready: true;
  [key: string]: unknown;
}

export interface RunningChild<R extends ChildReady> {
  pid: number;
  ready: R;
  /** Sends one request; rejects on error or after `timeoutMs` (default 10 minutes). */
  request<T>(op: string, args?: unknown, timeoutMs?: number): Promise<T>;
  /** utime+stime from /proc, or the child's own process.cpuUsage() when /proc is not there. */
  cpuMs(): Promise<number>;
  peakRssMb(): number | null;
  /** Asks the child to stop, then kills it (by pid) if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** The child's output, stdout and stderr (last 8 KB), for error reports. */
  stderr(): string;
}

/** Starts `script` in a child node process with exactly `env` (plus PATH/HOME) and waits for ready. */
export async function startChild<R extends ChildReady>(
  script: string,
  env: Record<string, string>,
  options: { execArgv?: string[]; readyTimeoutMs?: number } = {},
): Promise<RunningChild<R>> {
  const childEnv: Record<string, string> = { ...env };
  for (const k of ['PATH', 'HOME', 'TMPDIR', 'LANG']) {
    const v = process.env[k];
    if (v !== undefined && childEnv[k] === undefined) childEnv[k] = v;
  }
  const child: ChildProcess = fork(script, [], {
    env: childEnv,
    execArgv: ['--require', 'tsx/cjs', ...(options.execArgv ?? [])],
    // The child's logs (stdout) and errors are kept, not printed: stdout carries only the report.
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let stderr = '';
  const keep = (chunk: Buffer): void => {
    stderr = (stderr + chunk.toString('utf8')).slice(-8192);
  };
  child.stderr?.on('data', keep);
  child.stdout?.on('data', keep);
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = true;
      for (const w of waiting.values())
        w.reject(new Error(`child exited (${code ?? signal}): ${stderr.slice(-600)}`));
      waiting.clear();
      resolve();
    }),
  );
  const ready = await new Promise<R>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(`child not ready after ${options.readyTimeoutMs ?? 60_000} ms: ${stderr.slice(-600)}`),
        ),
      options.readyTimeoutMs ?? 60_000,
    );
    child.on('message', (msg: unknown) => {
      const m = msg as Partial<ChildReply> & Partial<ChildReady>;
      if (m.ready === true) {
        clearTimeout(timer);
        resolve(m as R);
        return;
      }
      if (typeof m.id === 'number') {
        const w = waiting.get(m.id);
        waiting.delete(m.id);
        if (!w) return;
        if (m.ok) w.resolve((m as { result: unknown }).result);
        else w.reject(new Error((m as { error?: string }).error ?? 'child error'));
      }
    });
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`child exited before ready: ${stderr.slice(-1500).trim()}`));
    });
  });
  const pid = child.pid ?? -1;

  const request = <T>(op: string, args?: unknown, timeoutMs = 600_000): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (exited) return reject(new Error('child has exited'));
      const id = nextId++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error(`child request ${op} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      waiting.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      child.send({ id, op, args } satisfies ChildRequest);
    });

  return {
    pid,
    ready,
    request,
    async cpuMs() {
      const fromProc = procCpuMs(pid);
      if (fromProc !== null) return fromProc;
      const u = await request<{ user: number; system: number }>('cpu');
      return (u.user + u.system) / 1000;
    },
    peakRssMb: () => procPeakRssMb(pid),
    async stop(graceMs = 20_000) {
      if (exited) return;
      try {
        await request('stop', undefined, graceMs);
      } catch {
        // fall through to the kill below
      }
      const timer = setTimeout(() => {
        if (!exited) child.kill('SIGKILL');
      }, graceMs);
      await exit;
      clearTimeout(timer);
    },
    stderr: () => stderr,
  };
}

/** Child side: answers the parent's requests with `handlers`; `stop` is handled by the caller's handler. */
export function serveParent(handlers: Record<string, (args: unknown) => Promise<unknown>>): void {
  process.on('message', (msg: unknown) => {
    const req = msg as ChildRequest;
    if (typeof req?.id !== 'number') return;
    const handler =
      handlers[req.op] ??
      (req.op === 'cpu'
        ? async () => process.cpuUsage()
        : async () => {
            throw new Error(`unknown op ${req.op}`);
          });
    handler(req.args).then(
      (result) => process.send?.({ id: req.id, ok: true, result } satisfies ChildReply),
      (e: unknown) =>
        process.send?.({
          id: req.id,
          ok: false,
          error: e instanceof Error ? e.message : String(e),
        } satisfies ChildReply),
    );
  });
}

/** Child side: tells the parent we are listening. */
export function announceReady(info: Record<string, unknown>): void {
  process.send?.({ ready: true, ...info });
}
