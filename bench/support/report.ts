/** Results: figures with their targets and verdicts, the machine they came from, JSON + Markdown. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, release } from 'node:os';
import { join } from 'node:path';

export type Verdict = 'meets' | 'falls short' | 'n/a';

export interface Figure {
  name: string;
  value: number | string | null;
  unit: string;
  /** e.g. `≤ 15 ms`. */
  target?: string;
  verdict?: Verdict;
  note?: string;
}

export interface Section {
  name: string;
  title: string;
  figures: Figure[];
  /** Free-form measurements kept in the JSON (phases, raw summaries). */
  details: Record<string, unknown>;
  notes: string[];
}

export interface Machine {
  cpuCount: number;
  cpuModel: string;
  node: string;
  kernel: string;
  totalMemoryMb: number;
  loadAverageAtStart: number[];
  date: string;
}

export interface Report {
  machine: Machine;
  quick: boolean;
  argv: string[];
  sections: Section[];
  durationSeconds: number;
}

export function machineInfo(): Machine {
  const list = cpus();
  return {
    cpuCount: list.length,
    cpuModel: list[0]?.model ?? 'unknown',
    node: process.version,
    kernel: release(),
    totalMemoryMb: Math.round(totalmem() / 1024 / 1024),
    loadAverageAtStart: loadavg().map((v) => Math.round(v * 100) / 100),
    date: new Date().toISOString(),
  };
}

/** A figure compared with a limit: `≤` (at most) or `≥` (at least). */
export function targeted(
  name: string,
  value: number | null,
  unit: string,
  op: '<=' | '>=',
  limit: number,
  note?: string,
): Figure {
  const ok = value !== null && Number.isFinite(value) && (op === '<=' ? value <= limit : value >= limit);
  return {
    name,
    value,
    unit,
    target: `${op === '<=' ? '≤' : '≥'} ${limit}${unit ? ` ${unit}` : ''}`,
    verdict: value === null || !Number.isFinite(value) ? 'n/a' : ok ? 'meets' : 'falls short',
    ...(note ? { note } : {}),
  };
}

export function plain(name: string, value: number | string | null, unit = '', note?: string): Figure {
  return { name, value, unit, ...(note ? { note } : {}) };
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '–';
  return String(v).replace(/\|/g, '\\|');
}

export function toMarkdown(report: Report): string {
  const m = report.machine;
  const lines: string[] = [
    '# patbot benchmark results',
    '',
    `- Date: ${m.date}${report.quick ? ' — **quick run** (short phases, fewer users: smoke figures only)' : ''}`,
    `- Machine: ${m.cpuCount} × ${m.cpuModel}, ${m.totalMemoryMb} MB RAM, Linux ${m.kernel}`,
    `- Node: ${m.node}; load average at start: ${m.loadAverageAtStart.join(', ')}`,
    `- Command: \`${report.argv.join(' ')}\`; total ${Math.round(report.durationSeconds)} s`,
    '',
  ];
  for (const s of report.sections) {
    lines.push(
      `## ${s.title}`,
      '',
      '| Figure | Value | Target | Verdict | Note |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const f of s.figures) {
      const value = f.value === null ? '–' : `${f.value}${f.unit ? ` ${f.unit}` : ''}`;
      lines.push(
        `| ${cell(f.name)} | ${cell(value)} | ${cell(f.target)} | ${cell(f.verdict)} | ${cell(f.note)} |`,
      );
    }
    if (s.notes.length > 0) lines.push('', ...s.notes.map((n) => `- ${n}`));
    lines.push('');
  }
  return lines.join('\n');
}

export function writeReport(report: Report, dir: string): { json: string; md: string } {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, 'latest.json');
  const md = join(dir, 'latest.md');
  writeFileSync(json, JSON.stringify(report, null, 2) + '\n');
  writeFileSync(md, toMarkdown(report));
  return { json, md };
}
