/**
 * Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the store is reachable,
 * the configuration is complete, the scheduler is in a known state).
 *
 * `/readyz` is public: everyone gets the overall status and each check's name and `ok`. The
 * checks' details (instance id = host and pid, next run, last sweep's statistics, mode) go only
 * to callers with `Authorization: Bearer <READYZ_DETAIL_TOKEN>` or on loopback (detail-access.ts).
 */
import { mayShowDetails } from './detail-access';
import type { Route } from './server';

export interface ReadinessCheck {
  name: string;
  /** Resolves with details when healthy; throws (or rejects) when not. */
  check(): Promise<Record<string, unknown> | void>;
}

export interface HealthOptions {
  /** Per-check deadline (default 2 s). */
  timeoutMs?: number;
  /** READYZ_DETAIL_TOKEN: shows the details to callers that are not on loopback. */
  detailToken?: string | null;
}

type CheckResult = { name: string; ok: boolean } & Record<string, unknown>;

/** Name, `ok` and (on failure) `error: 'failed'`: what strangers may see. */
function publicView(result: CheckResult): CheckResult {
  return result.ok ? { name: result.name, ok: true } : { name: result.name, ok: false, error: 'failed' };
}

export function healthRoutes(checks: ReadinessCheck[], options: HealthOptions = {}): Route[] {
  const { timeoutMs = 2_000, detailToken = null } = options;
  return [
    {
      method: 'GET',
      path: '/healthz',
      handle: async () => ({ status: 200, body: { status: 'ok' } }),
    },
    {
      method: 'GET',
      path: '/readyz',
      handle: async (req) => {
        const { log } = req;
        const results: CheckResult[] = await Promise.all(
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
        const detailed = mayShowDetails(req, detailToken);
        return {
          status: ready ? 200 : 503,
          headers: { 'cache-control': 'no-store' },
          body: {
            status: ready ? 'ready' : 'not_ready',
            checks: detailed ? results : results.map(publicView),
          },
        };
      },
    },
  ];
}
