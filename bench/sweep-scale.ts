/**
 * bench/sweep-scale (`npm run bench -- sweep --store postgres --instances N`): the same users ×
 * 10 PATs as bench/sweep, seeded once per store, then ONE shared sweep run by N sweep processes
 * on the same DATABASE_URL, all ticked with the same schedule time at the same instant (the
 * lease winner opens the sweep, the others join and claim batches with SKIP LOCKED). Runs the
 * SQLite single-instance baseline, PostgreSQL with 1 instance and PostgreSQL with N instances;
 * every PostgreSQL run starts from a copy of the same seeded database.
 *
 * Wall time: the start instant → the last instance's tick has returned (all items done, digests
 * sent); throughput = users / wall time. Exactly once: the messages the instances' notifiers
 * sent (named by user, PAT and threshold) have no repeats and match the ledger's `sent` rows.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { TickResult } from '../src/scheduler';
import { openBenchPostgres, type BenchPostgres } from './support/bench-database';
import { startChild, type ChildReady, type RunningChild } from './support/child';
import { resetPeakRss, rssSampler } from './support/proc';
import { plain, targeted, type Figure, type Section } from './support/report';
import { installSimulatorOwnerIndex } from './support/sim-index';
import { startBenchSims, type BenchSims } from './support/sims';
import { round } from './support/stats';
import { seed, sweepEnv } from './sweep';
import { ADO_LATENCY_MS, type BenchOptions } from './options';

type SweepChild = RunningChild<ChildReady & { pid: number }>;
const SCRIPT = join(__dirname, 'support', 'sweep-process.ts');

interface TickReply {
  result: TickResult;
  endedAt: number;
  direct: number;
  digests: number;
  keys: string[];
}

interface InstanceFigures {
  pid: number;
  outcome: string;
  joined: boolean;
  sent: number;
  usersSwept: number;
  cpuMs: number;
  peakRssMb: number;
}

export interface ScaleRun {
  label: string;
  instances: number;
  users: number;
  wallMs: number;
  usersPerSecond: number;
  sent: number;
  distinct: number;
  ledgerSent: number;
  exactlyOnce: boolean;
  adoCalls: number;
  entraCalls: number;
  perInstance: InstanceFigures[];
}

/** Seeds `users` into the database of `env` with one sweep process, then stops it. */
async function seedStore(sims: BenchSims, env: Record<string, string>, log: (m: string) => void) {
  const child = await startChild<ChildReady & { pid: number }>(SCRIPT, env);
  try {
    sims.entra.setAccessTokenLifetime(300); // as bench/sweep: sweep 1 refreshes each token once
    const seeded = await seed(sims, child, log);
    sims.entra.setAccessTokenLifetime(3600);
    if (seeded.ok === 0) throw new Error(`no user could be signed in: ${seeded.failures.join(', ')}`);
    return seeded;
  } finally {
    await child.stop();
  }
}

function figuresOf(child: SweepChild, reply: TickReply, cpuMs: number, rss: number): InstanceFigures {
  const r = reply.result;
  return {
    pid: child.pid,
    outcome:
      r.kind === 'failed' ? `failed:${r.error.code}` : r.kind === 'skipped' ? `skipped:${r.reason}` : r.kind,
    joined: r.kind === 'ran' && r.joined === true,
    sent: reply.direct,
    usersSwept: r.kind === 'ran' ? r.summary.users : 0,
    cpuMs,
    peakRssMb: round(Math.max(child.peakRssMb() ?? 0, rss)),
  };
}

/** N fresh sweep processes on `env`'s database tick the same schedule time at the same instant. */
async function sharedSweep(
  sims: BenchSims,
  env: Record<string, string>,
  instances: number,
  countLedger: () => Promise<number>,
  label: string,
  log: (m: string) => void,
): Promise<ScaleRun> {
  const children = await Promise.all(
    Array.from({ length: instances }, () => startChild<ChildReady & { pid: number }>(SCRIPT, env)),
  );
  try {
    sims.ado.resetRequests();
    const entra0 = sims.entraTokenRequests();
    const cpu0 = await Promise.all(children.map((c) => c.cpuMs()));
    for (const c of children) resetPeakRss(c.pid);
    const samplers = children.map((c) => rssSampler(c.pid, 100));
    const at = new Date().toISOString();
    const startAt = Date.now() + 2_000;
    const replies = await Promise.all(
      children.map((c, i) =>
        c.request<TickReply>('tick', { at, startAt, instance: `bench-${i}` }, 3_600_000),
      ),
    );
    const wallMs = Math.max(...replies.map((r) => r.endedAt)) - startAt;
    const rss = samplers.map((s) => s.stop());
    const cpu1 = await Promise.all(children.map((c) => c.cpuMs()));
    const keys = replies.flatMap((r) => r.keys);
    const perInstance = children.map((c, i) => figuresOf(c, replies[i], cpu1[i] - cpu0[i], rss[i]));
    const users = perInstance.reduce((s, p) => s + p.usersSwept, 0);
    const ledgerSent = await countLedger();
    const distinct = new Set(keys).size;
    const run: ScaleRun = {
      label,
      instances,
      users,
      wallMs,
      usersPerSecond: users / (wallMs / 1000),
      sent: keys.length,
      distinct,
      ledgerSent,
      exactlyOnce: distinct === keys.length && ledgerSent === keys.length,
      adoCalls: sims.ado.requestCount(),
      entraCalls: sims.entraTokenRequests() - entra0,
      perInstance,
    };
    log(
      `sweep-scale: ${label}: ${users} users in ${Math.round(wallMs)} ms (${round(run.usersPerSecond)} users/s), ${run.sent} sent, ${distinct} distinct, ${ledgerSent} ledger rows; ${perInstance.map((p) => `pid ${p.pid} ${p.outcome}${p.joined ? ' (joined)' : ''} ${p.usersSwept} users ${p.peakRssMb} MB`).join('; ')}`,
    );
    return run;
  } finally {
    await Promise.all(children.map((c) => c.stop()));
  }
}

const SENT_ROWS = `SELECT count(*) AS n FROM reminder_ledger WHERE status = 'sent'`;

async function sqliteRun(sims: BenchSims, log: (m: string) => void): Promise<ScaleRun> {
  const dir = mkdtempSync(join(tmpdir(), 'patbot-bench-sweep-scale-'));
  const file = join(dir, 'sweep.db');
  const env = sweepEnv(sims, `sqlite:${file}`, randomBytes(32).toString('base64'));
  try {
    const seeded = await seedStore(sims, env, log);
    log(`sweep-scale: SQLite seeded ${seeded.ok} users in ${Math.round(seeded.ms)} ms`);
    const count = async (): Promise<number> => {
      const db = new Database(file, { readonly: true });
      try {
        return Number((db.prepare(SENT_ROWS).get() as { n: number }).n);
      } finally {
        db.close();
      }
    };
    return await sharedSweep(sims, env, 1, count, 'SQLite, 1 instance', log);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgresRuns(
  sims: BenchSims,
  pg: BenchPostgres,
  instances: number,
  log: (m: string) => void,
): Promise<ScaleRun[]> {
  const key = randomBytes(32).toString('base64');
  const seeded = await pg.create();
  const s = await seedStore(sims, sweepEnv(sims, seeded.url, key), log);
  log(`sweep-scale: PostgreSQL seeded ${s.ok} users in ${Math.round(s.ms)} ms`);
  const runs: ScaleRun[] = [];
  for (const n of [...new Set([1, instances])]) {
    const db = await pg.create(seeded.name); // the same seeded state for every run
    const count = async (): Promise<number> =>
      Number((await pg.query<{ n: string }>(db.name, SENT_ROWS))[0].n);
    runs.push(
      await sharedSweep(
        sims,
        sweepEnv(sims, db.url, key),
        n,
        count,
        `PostgreSQL, ${n} instance${n > 1 ? 's' : ''}`,
        log,
      ),
    );
  }
  return runs;
}

function runFigures(run: ScaleRun): Figure[] {
  return [
    plain(
      `${run.label}: wall time`,
      round(run.wallMs / 1000),
      's',
      `${run.adoCalls} ADO calls, ${run.entraCalls} Entra calls`,
    ),
    plain(`${run.label}: throughput`, round(run.usersPerSecond), 'users/s', `${run.users} users swept`),
    plain(
      `${run.label}: each reminder exactly once`,
      run.exactlyOnce ? 'yes' : 'NO',
      '',
      `${run.sent} sent, ${run.distinct} distinct, ${run.ledgerSent} ledger rows 'sent'`,
    ),
    plain(
      `${run.label}: peak RSS per instance`,
      run.perInstance.map((p) => p.peakRssMb).join(' / '),
      'MB',
      run.perInstance
        .map(
          (p) =>
            `pid ${p.pid}: ${p.outcome}${p.joined ? ' (joined)' : ''}, ${p.usersSwept} users, CPU ${round(p.cpuMs / 1000)} s`,
        )
        .join('; '),
    ),
  ];
}

export async function runSweepScaleBench(opts: BenchOptions): Promise<Section> {
  const users = opts.users ?? (opts.quick ? 1_000 : 10_000);
  const instances = opts.instances ?? 1;
  installSimulatorOwnerIndex();
  const sims = await startBenchSims({ users, patsPerUser: 10, latencyMs: ADO_LATENCY_MS });
  let pg: BenchPostgres | null = null;
  try {
    pg = await openBenchPostgres();
    opts.log(`sweep-scale: ${users} users × 10 PATs; PostgreSQL ${pg.version} from ${pg.source}`);
    const sqlite = await sqliteRun(sims, opts.log);
    const [one, many] = await postgresRuns(sims, pg, instances, opts.log).then((r) => [
      r[0],
      r[r.length - 1],
    ]);
    const runs = instances > 1 ? [sqlite, one, many] : [sqlite, one];
    return {
      name: 'sweep',
      title: `Shared reminder sweep on PostgreSQL, ${users.toLocaleString('en-GB')} users × 10 PATs, 1 and ${instances} instances (bench/sweep-scale)`,
      figures: [
        ...runs.flatMap(runFigures),
        targeted(
          `PostgreSQL: ${instances} instances ÷ 1 instance, throughput`,
          instances > 1 ? round(many.usersPerSecond / one.usersPerSecond) : null,
          '×',
          '>=',
          1.7,
        ),
        targeted(
          'PostgreSQL ÷ SQLite wall time, 1 instance',
          round(one.wallMs / sqlite.wallMs),
          '×',
          '<=',
          1.2,
        ),
      ],
      details: {
        users,
        instances,
        latencyMs: ADO_LATENCY_MS,
        postgres: { version: pg.version, source: pg.source },
        runs,
      },
      notes: [
        `Each run: fresh sweep processes (bench/support/sweep-process.ts: real store, msal-node identity, AdoTokensClient, the scheduler's tick with default settings, concurrency 8 per instance, working hours every day all day) on one DATABASE_URL, ticked with the same schedule time at the same instant; the lease winner opens the sweep, the others join it. Wall time runs from that instant to the last instance's return.`,
        `Users and tokens seeded once per store by real OBO exchanges with 300-second access tokens (each sweep refreshes each token once); every PostgreSQL run starts from a copy (CREATE DATABASE … TEMPLATE) of the same seeded database. PostgreSQL: ${pg.source}.`,
        'All instances, the simulators and PostgreSQL share this machine’s CPUs: on one machine N instances cannot be expected to scale as they would on N machines.',
      ],
    };
  } finally {
    await pg?.close();
    await sims.close();
  }
}
