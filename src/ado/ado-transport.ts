/**
 * One Azure DevOps HTTP call with a per-attempt timeout, no redirects, pre-emptive slow-down and
 * bounded retries (429, 5xx, network errors). Returns the final response for the caller to
 * interpret; throws `ado.throttled` / `ado.unavailable` / `ado.timeout` when it gives up.
 */
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import { CodedError } from '../errors';
import type { HeaderLookup, HttpExchange } from './http-exchange';
import type { RateLimitGate, Sleep } from './rate-limit-gate';
import { backoffDelayMs, retryAfterMs, type RetryOptions } from './retry-policy';

export type FetchFn = typeof fetch;

export interface TransportDeps {
  /** How a request goes out (`nodeExchange`, or an injected `fetch` through `fetchExchange`). */
  exchange: HttpExchange;
  clock: Clock;
  sleep: Sleep;
  logger: Logger;
  timeoutMs: number;
  retry: RetryOptions;
  random: () => number;
  gate: RateLimitGate;
}

export interface AdoRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  accessToken: string;
  body?: unknown;
  /** False for create: retried only when the request surely did not reach the service. */
  idempotent: boolean;
  org: string;
  identity: string;
  signal?: AbortSignal;
}

export interface AdoResponse {
  status: number;
  headers: HeaderLookup;
  body: string;
}

const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);

/** Sends the request, retrying within the bounds. */
export async function sendAdoRequest(deps: TransportDeps, req: AdoRequest): Promise<AdoResponse> {
  const started = deps.clock.now().getTime();
  let waited = 0;
  const log = deps.logger.child({ org: req.org, method: req.method });
  for (let attempt = 1; ; attempt++) {
    await deps.gate.wait(req.identity);
    const canWait = (ms: number): boolean =>
      attempt < deps.retry.maxAttempts &&
      Math.max(deps.clock.now().getTime() - started, waited) + ms <= deps.retry.maxTotalMs;

    let res: AdoResponse;
    try {
      res = await fetchOnce(deps, req);
    } catch (error) {
      if (error instanceof CodedError) throw error;
      if (req.signal?.aborted) throw error;
      const code = networkErrorCode(error);
      const delay = backoffDelayMs(attempt, deps.retry, deps.random);
      if ((req.idempotent || code === 'ECONNREFUSED') && canWait(delay)) {
        log.warn({ attempt, network: code, waitMs: delay }, 'ado network error: retrying');
        waited += delay;
        await deps.sleep(delay);
        continue;
      }
      log.warn({ attempt, network: code }, 'ado network error: giving up');
      throw new CodedError('ado.unavailable', 'I couldn’t reach Azure DevOps.', {
        nextStep: 'Try again in a minute.',
        cause: error,
        details: { network: code, attempts: attempt, org: req.org },
      });
    }

    deps.gate.observe(req.identity, res.headers);
    if (!RETRY_STATUSES.has(res.status) || carriesPatTokenError(res.body)) return res;

    const after = retryAfterMs(res.headers.get('retry-after'), deps.clock.now());
    const retriable = req.idempotent || (after !== undefined && (res.status === 429 || res.status === 503));
    const delay = after ?? backoffDelayMs(attempt, deps.retry, deps.random);
    if (retriable && canWait(delay)) {
      log.warn({ attempt, status: res.status, waitMs: delay }, 'ado busy: retrying');
      waited += delay;
      await deps.sleep(delay);
      continue;
    }
    log.warn({ attempt, status: res.status }, 'ado busy: giving up');
    if (after !== undefined) deps.gate.hold(req.identity, after);
    throw giveUp(res.status, after ?? delay, attempt, req.org);
  }
}

function giveUp(status: number, waitMs: number, attempts: number, org: string): CodedError {
  const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
  if (status === 429) {
    return new CodedError(
      'ado.throttled',
      `Azure DevOps asked me to slow down. Try again in ${retryAfterSeconds} seconds.`,
      {
        nextStep: 'I’ll keep reminders going meanwhile.',
        retryAfterSeconds,
        details: { status, attempts, org },
      },
    );
  }
  return new CodedError('ado.unavailable', 'Azure DevOps is not answering properly right now.', {
    nextStep: 'Try again in a few minutes.',
    retryAfterSeconds,
    details: { status, attempts, org },
  });
}

async function fetchOnce(deps: TransportDeps, req: AdoRequest): Promise<AdoResponse> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('timeout'));
  }, deps.timeoutMs);
  const onAbort = (): void => controller.abort(req.signal?.reason);
  req.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${req.accessToken}`,
      Accept: 'application/json',
      'X-TFS-FedAuthRedirect': 'Suppress',
    };
    if (req.body !== undefined) headers['Content-Type'] = 'application/json';
    return await deps.exchange({
      method: req.method,
      url: req.url,
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal: controller.signal,
    });
  } catch (error) {
    if (timedOut) {
      throw new CodedError('ado.timeout', 'Azure DevOps took too long to answer.', {
        nextStep: 'Try again in a minute.',
        cause: error,
        details: { timeoutMs: deps.timeoutMs, org: req.org, method: req.method },
      });
    }
    throw error;
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', onAbort);
  }
}

/** True when the body is a PatTokenResult reporting an error (then the status is not retried). */
function carriesPatTokenError(body: string): boolean {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null) return false;
    const value = (parsed as Record<string, unknown>).patTokenError;
    return typeof value === 'string' && value !== 'none';
  } catch {
    return false;
  }
}

/** The system error code behind a fetch failure (`ECONNREFUSED`, `ECONNRESET`, `UND_ERR_SOCKET`, …). */
export function networkErrorCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const record = current as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof record.code === 'string') return record.code;
    if (Array.isArray(record.errors) && record.errors.length > 0) current = record.errors[0];
    else current = record.cause;
  }
  return 'unknown';
}
