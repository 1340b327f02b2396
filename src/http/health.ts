/**
 * Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the store is reachable,
 * the configuration is complete, the scheduler is in a known state).
 */
import type { Route } from './server';

export interface ReadinessCheck {
  name: string;
  /** Resolves with details when healthy; throws (or rejects) when not. */
  check(): Promise<Record<string, unknown> | void>;
}

export function healthRoutes(checks: ReadinessCheck[], timeoutMs = 2_000): Route[] {
  return [
    {
      method: 'GET',
      path: '/healthz',
      handle: async () => ({ status: 200, body: { status: 'ok' } }),
    },
    {
      method: 'GET',
      path: '/readyz',
      handle: async ({ log }) => {
        const results = await Promise.all(
          checks.map(async (c) => {
            let timer: NodeJS.Timeout | undefined;
            try {
              const details = await Promise.race([
                c.check(),
                new Promise<never>((_, reject) => {
                  timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
                }),
              ]);
              return { name: c.name, ok: true, ...(details ?? {}) };
            } catch (error) {
              log.warn({ check: c.name, err: error }, 'readiness check failed');
              return {
                name: c.name,
                ok: false,
                // Details go to the log only: the endpoint is public and messages can name paths.
                error: 'failed',
              };
            } finally {
              clearTimeout(timer);
            }
          }),
        );
        const ready = results.every((r) => r.ok);
        return {
          status: ready ? 200 : 503,
          body: { status: ready ? 'ready' : 'not_ready', checks: results },
        };
      },
    },
  ];
}
