/**
 * `npm run bench [-- <name>…] [--quick] [--cpu-prof]`: runs the benchmarks (all by default:
 * sweep, command-latency, slack-ack), writes bench/results/latest.json and latest.md and prints
 * the Markdown. Figures are printed with their targets and "meets" / "falls short"; nothing is
 * asserted. Progress goes to stderr.
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { runCommandLatency } from './command-latency';
import type { BenchOptions } from './options';
import { machineInfo, toMarkdown, writeReport, type Report, type Section } from './support/report';
import { runSlackAck } from './slack-ack';
import { runSweepBench } from './sweep';

const BENCHMARKS: Record<string, (opts: BenchOptions) => Promise<Section>> = {
  'command-latency': runCommandLatency,
  'slack-ack': runSlackAck,
  sweep: runSweepBench,
};
const ALIASES: Record<string, string> = {
  command: 'command-latency',
  teams: 'command-latency',
  slack: 'slack-ack',
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const cpuProf = args.includes('--cpu-prof');
  const unknownFlags = args.filter((a) => a.startsWith('--') && a !== '--quick' && a !== '--cpu-prof');
  const names = args.filter((a) => !a.startsWith('--')).map((a) => ALIASES[a] ?? a);
  const unknown = [...names.filter((n) => !(n in BENCHMARKS)), ...unknownFlags];
  if (unknown.length > 0) {
    process.stderr.write(
      `Unknown benchmark or option: ${unknown.join(', ')}.\nUsage: npm run bench -- [${Object.keys(BENCHMARKS).join('|')}]… [--quick] [--cpu-prof]\n`,
    );
    process.exit(2);
  }
  const selected = names.length > 0 ? names : Object.keys(BENCHMARKS);
  const resultsDir = join(__dirname, 'results');
  const opts: BenchOptions = {
    quick,
    cpuProf,
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
  if (cpuProf) opts.log(`CPU profiles (open in Chrome DevTools): ${opts.profileDir}`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
