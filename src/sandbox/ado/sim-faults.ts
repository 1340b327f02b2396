/** Fault injection for the simulator: throttling, server errors, latency, resets, odd bodies. */

export interface SimRateLimitHeaders {
  limit?: number;
  remaining?: number;
  /** Unix epoch seconds. */
  reset?: number;
  /** Seconds (ms precision) the request was delayed. */
  delaySeconds?: number;
  resource?: string;
}

export interface AdoFault {
  /** How many matching requests this fault applies to (default 1). */
  times?: number;
  /** Only requests with this method / org / user oid. */
  match?: { method?: string; org?: string; oid?: string };
  /** Answer with this status instead of handling the request (e.g. 429, 500, 503). */
  status?: number;
  /** Adds `Retry-After` (seconds). */
  retryAfterSeconds?: number;
  /** Adds `X-RateLimit-*` headers (to the fault's answer, or to the real answer when nothing else is set). */
  rateLimit?: SimRateLimitHeaders;
  /** Extra latency before answering (ms). */
  latencyMs?: number;
  /** Destroy the socket instead of answering (a connection reset). */
  resetConnection?: boolean;
  /** Answer with `{patToken: null, patTokenError}` (status defaults to 200). */
  patTokenError?: string;
  /** Raw body (status defaults to 200) and its content type (default application/json). */
  body?: string;
  contentType?: string;
  /** Extra response headers (e.g. `Location` for a redirect). */
  headers?: Record<string, string>;
}

export interface ActiveFault extends AdoFault {
  remaining: number;
}

export interface FaultTarget {
  method: string;
  org: string;
  oid?: string;
}

/** Whether a fault short-circuits the request (otherwise it only adds latency or headers). */
export function isTerminal(fault: AdoFault): boolean {
  return (
    fault.status !== undefined ||
    fault.resetConnection === true ||
    fault.patTokenError !== undefined ||
    fault.body !== undefined
  );
}

export class FaultQueue {
  private faults: ActiveFault[] = [];

  add(fault: AdoFault): void {
    this.faults.push({ ...fault, remaining: fault.times ?? 1 });
  }

  clear(): void {
    this.faults = [];
  }

  /** Takes (and counts down) the first fault matching the request. */
  take(target: FaultTarget): AdoFault | undefined {
    const index = this.faults.findIndex((f) => matches(f, target));
    if (index < 0) return undefined;
    const fault = this.faults[index];
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return fault;
  }

  get pending(): number {
    return this.faults.length;
  }
}

function matches(fault: AdoFault, target: FaultTarget): boolean {
  const m = fault.match;
  if (!m) return true;
  if (m.method && m.method.toUpperCase() !== target.method) return false;
  if (m.org && m.org.toLowerCase() !== target.org.toLowerCase()) return false;
  if (m.oid && m.oid !== target.oid) return false;
  return true;
}

/** `X-RateLimit-*` and `Retry-After` header values for a fault. */
export function faultHeaders(fault: AdoFault): Record<string, string> {
  const h: Record<string, string> = { ...fault.headers };
  if (fault.retryAfterSeconds !== undefined) h['Retry-After'] = String(fault.retryAfterSeconds);
  const r = fault.rateLimit;
  if (r) {
    h['X-RateLimit-Resource'] = r.resource ?? 'ATCP/vssps';
    if (r.limit !== undefined) h['X-RateLimit-Limit'] = String(r.limit);
    if (r.remaining !== undefined) h['X-RateLimit-Remaining'] = String(r.remaining);
    if (r.reset !== undefined) h['X-RateLimit-Reset'] = String(r.reset);
    if (r.delaySeconds !== undefined) h['X-RateLimit-Delay'] = r.delaySeconds.toFixed(3);
  }
  return h;
}
