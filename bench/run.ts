/**
 * `npm run bench [-- <name>…] [--quick] [--cpu-prof] [--store sqlite|postgres] [--instances N]
 * [--users N]`: runs the benchmarks (all by default:
 * sweep, command-latency, slack-ack), writes bench/results/latest.json and latest.md and prints
 * the Markdown. Figures are printed with their targets and "meets" / "falls short"; nothing is
 * asserted. Progress goes to stderr. `--store postgres` makes `sweep` the scale-out sweep
 * (bench/sweep-scale.ts: SQLite baseline, PostgreSQL with 1 and N instances).
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { runCommandLatency } from './command-latency';
import type { BenchOptions } from './options';
import { machineInfo, toMarkdown, writeReport, type Report, type Section } from './support/report';
import { runSlackAck } from './slack-ack';
import { runSweepBench } from './sweep';
import { runSweepScaleBench } from './sweep-scale';

const BENCHMARKS: Record<string, (opts: BenchOptions) => Promise<Section>> = {
  'command-latency': runCommandLatency,
  'slack-ack': runSlackAck,
  sweep: (opts) => (opts.store === 'postgres' ? runSweepScaleBench(opts) : runSweepBench(opts)),
};
const USAGE = `Usage: npm run bench -- [${Object.keys(BENCHMARKS).join('|')}]… [--quick] [--cpu-prof] [--store sqlite|postgres] [--instances N] [--users N]\n`;

interface ParsedArgs {
  names: string[];
  problems: string[];
  flags: Pick<BenchOptions, 'quick' | 'cpuProf' | 'store' | 'instances' | 'users'>;
}

/** `--name value` / `--name=value` options, the two switches, and benchmark names. */
function parseArgs(args: readonly string[]): ParsedArgs {
  const out: ParsedArgs = { names: [], problems: [], flags: { quick: false, cpuProf: false } };
  const positive = (name: string, v: string | undefined): number | undefined => {
    const n = Number(v);
    if (Number.isInteger(n) && n >= 1) return n;
    out.problems.push(`${name} needs a whole number ≥ 1 (got "${v ?? ''}")`);
    return undefined;
  };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].startsWith('--') ? args[i].split('=', 2) : [args[i], undefined];
    const value = (): string | undefined => inline ?? args[++i];
    if (flag === '--quick') out.flags.quick = true;
    else if (flag === '--cpu-prof') out.flags.cpuProf = true;
    else if (flag === '--instances') out.flags.instances = positive(flag, value());
    else if (flag === '--users') out.flags.users = positive(flag, value());
    else if (flag === '--store') {
      const v = value();
      if (v === 'sqlite' || v === 'postgres') out.flags.store = v;
      else out.problems.push(`--store must be sqlite or postgres (got "${v ?? ''}")`);
    } else if (flag.startsWith('--')) out.problems.push(`unknown option ${flag}`);
    else if ((ALIASES[flag] ?? flag) in BENCHMARKS) out.names.push(ALIASES[flag] ?? flag);
    else out.problems.push(`unknown benchmark ${flag}`);
  }
  if ((out.flags.instances ?? 1) > 1 && out.flags.store !== 'postgres')
    out.problems.push('--instances above 1 needs --store postgres (SQLite is one process’s file)');
  return out;
}
const ALIASES: Record<string, string> = {
  command: 'command-latency',
  teams: 'command-latency',
  slack: 'slack-ack',
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const { names, problems, flags } = parseArgs(args);
  if (problems.length > 0) {
    process.stderr.write(`${problems.join('; ')}.\n${USAGE}`);
    process.exit(2);
  }
  const { quick } = flags;
  const selected = names.length > 0 ? names : Object.keys(BENCHMARKS);
  const resultsDir = join(__dirname, 'results');
  const opts: BenchOptions = {
    ...flags,
    profileDir: join(resultsDir, 'profiles'),
    log: (m) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}\n`),
  };
  const started = performance.now();
  const machine = machineInfo();
  const sections: Section[] = [];
  for (const name of selected) {
    opts.log(`${name}: starting${quick ? ' (quick)' : ''}`);
    try {
      const section = await BENCHMARKS[name](opts);
      const load = loadavg().map((v) => Math.round(v * 100) / 100);
      section.notes.push(
        `Load average when this benchmark finished: ${load.join(', ')} (on ${cpus().length} CPUs).`,
      );
      section.details.loadAverageAfter = load;
      sections.push(section);
    } catch (e) {
      const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
      opts.log(`${name}: FAILED: ${message}`);
      sections.push({
        name,
        title: `${name} (failed)`,
        figures: [],
        details: { error: message },
        notes: [`The benchmark did not complete: ${message.replace(/\s+/g, ' ').trim().slice(0, 400)}`],
      });
    }
  }
  const report: Report = {
    machine,
    quick,
    argv: ['npm run bench --', ...args],
    sections,
    durationSeconds: (performance.now() - started) / 1000,
  };
  const files = writeReport(report, resultsDir);
  process.stdout.write(toMarkdown(report));
  opts.log(`wrote ${files.json} and ${files.md}`);
  if (opts.cpuProf) opts.log(`CPU profiles (open in Chrome DevTools): ${opts.profileDir}`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
