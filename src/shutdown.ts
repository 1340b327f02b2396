/**
 * Graceful shutdown: runs the registered steps in order (stop accepting, finish in-flight turns,
 * stop the scheduler, close the store, stop simulators), each within the overall bound, and
 * logs what did not finish in time.
 */
import type { Logger } from './core/logger';

export interface ShutdownStep {
  name: string;
  run(remainingMs: number): Promise<void>;
}

export async function shutdown(steps: ShutdownStep[], logger: Logger, boundMs: number): Promise<boolean> {
  const deadline = Date.now() + boundMs;
  let clean = true;
  for (const step of steps) {
    const remaining = Math.max(0, deadline - Date.now());
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        step.run(remaining),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`did not finish within ${remaining} ms`)), remaining);
        }),
      ]);
      logger.debug({ step: step.name }, 'shutdown step done');
    } catch (error) {
      clean = false;
      logger.warn({ step: step.name, err: error }, 'shutdown step failed');
    } finally {
      clearTimeout(timer);
    }
  }
  return clean;
}
