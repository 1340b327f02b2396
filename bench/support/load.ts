/**
 * Load generators. Every loop is bounded in count AND time: an open loop sends exactly
 * `rate × duration` requests on a clock schedule (never waiting for replies), a closed loop runs
 * `concurrency` clients until a deadline. Each request has its own timeout; a request that does
 * not finish in time is an error.
 */

/** One request: resolves with its latency in ms, or throws (an error is counted, not thrown). */
export type Fire = (seq: number) => Promise<number>;

export interface LoadResult {
  /** Latencies of successful requests, ms. */
  latencies: number[];
  sent: number;
  ok: number;
  errors: number;
  /** First few error messages (deduplicated), for the report. */
  errorSamples: string[];
  /** Wall time from the first send to the last completion, ms. */
  elapsedMs: number;
  /** Largest delay between a scheduled send time and the actual send (open loop), ms. */
  maxScheduleLagMs: number;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timeout after ${ms} ms`)), ms);
    work.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

class Collector {
  readonly latencies: number[] = [];
  errors = 0;
  readonly errorSamples = new Set<string>();

  record(p: Promise<number>, timeoutMs: number): Promise<void> {
    return withTimeout(p, timeoutMs).then(
      (ms) => {
        this.latencies.push(ms);
      },
      (e: unknown) => {
        this.errors++;
        if (this.errorSamples.size < 5) this.errorSamples.add(e instanceof Error ? e.message : String(e));
      },
    );
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** Sends `ratePerSec × durationMs/1000` requests at fixed intervals, whatever the replies do. */
export async function openLoop(options: {
  ratePerSec: number;
  durationMs: number;
  timeoutMs: number;
  fire: Fire;
}): Promise<LoadResult> {
  const total = Math.max(1, Math.round((options.ratePerSec * options.durationMs) / 1000));
  const interval = 1000 / options.ratePerSec;
  const c = new Collector();
  const pending: Promise<void>[] = [];
  const t0 = performance.now();
  let maxLag = 0;
  let seq = 0;
  while (seq < total) {
    const now = performance.now();
    // Send everything that is due (catches up after a late wake-up, never bursts ahead).
    while (seq < total && t0 + seq * interval <= now) {
      maxLag = Math.max(maxLag, now - (t0 + seq * interval));
      pending.push(c.record(options.fire(seq), options.timeoutMs));
      seq++;
    }
    if (seq < total) await sleep(t0 + seq * interval - performance.now());
  }
  await Promise.all(pending);
  return {
    latencies: c.latencies,
    sent: total,
    ok: c.latencies.length,
    errors: c.errors,
    errorSamples: [...c.errorSamples],
    elapsedMs: performance.now() - t0,
    maxScheduleLagMs: maxLag,
  };
}

/** `concurrency` clients, each sending its next request as soon as the previous one finished. */
export async function closedLoop(options: {
  concurrency: number;
  durationMs: number;
  timeoutMs: number;
  fire: Fire;
  /** Hard cap on requests (a safety bound), default 1,000,000. */
  maxRequests?: number;
}): Promise<LoadResult> {
  const c = new Collector();
  const t0 = performance.now();
  const deadline = t0 + options.durationMs;
  const cap = options.maxRequests ?? 1_000_000;
  let seq = 0;
  const client = async (): Promise<void> => {
    while (performance.now() < deadline && seq < cap) {
      await c.record(options.fire(seq++), options.timeoutMs);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  return {
    latencies: c.latencies,
    sent: seq,
    ok: c.latencies.length,
    errors: c.errors,
    errorSamples: [...c.errorSamples],
    elapsedMs: performance.now() - t0,
    maxScheduleLagMs: 0,
  };
}

/** Runs `work` over `items` with at most `concurrency` in flight (set-up helper). */
export async function forEachLimit<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}
