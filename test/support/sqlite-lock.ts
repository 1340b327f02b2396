/** Starts test/support/sqlite-lock-process.js: another OS process holding a SQLite file's write lock. */
import { spawn } from 'node:child_process';
import path from 'node:path';

export interface HeldLock {
  /** Epoch ms when the other process had the lock. */
  lockedAt: number;
  /** Resolves with the epoch ms at which the lock was released (the process then exits). */
  released: Promise<number>;
}

/** Resolves once the other process holds `BEGIN IMMEDIATE` on `file`; it keeps it for `holdMs`. */
export function holdWriteLock(file: string, holdMs: number): Promise<HeldLock> {
  const child = spawn(
    process.execPath,
    [path.join(__dirname, 'sqlite-lock-process.js'), file, String(holdMs)],
    {
      cwd: path.join(__dirname, '..', '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  let onLine: ((kind: string, at: number) => void) | null = null;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    out += chunk;
    let nl: number;
    while ((nl = out.indexOf('\n')) >= 0) {
      const [kind, at] = out.slice(0, nl).split(' ');
      out = out.slice(nl + 1);
      onLine?.(kind, Number(at));
    }
  });
  return new Promise((resolve, reject) => {
    let resolveReleased: (at: number) => void = () => undefined;
    const released = new Promise<number>((r) => (resolveReleased = r));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the lock process exited with ${code}`));
    });
    onLine = (kind, at) => {
      if (kind === 'locked') resolve({ lockedAt: at, released });
      else if (kind === 'released') resolveReleased(at);
    };
  });
}
