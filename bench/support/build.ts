/**
 * The bench runs compiled JavaScript, as the Docker image does (deploy/Dockerfile: `npm run build`,
 * then `node dist/main.js`). This compiles patbot (tsconfig.build.json → dist/) and the stock
 * comparison bot (tsconfig.bench.json → bench/results/build/) when a source file is newer than the
 * output, so a bench run never measures stale code.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
/** The compiled entry point the Docker image runs. */
export const PATBOT_MAIN = join(ROOT, 'dist', 'main.js');
/** The compiled stock teams-ai + botbuilder bot. */
export const STOCK_BOT_MAIN = join(ROOT, 'bench', 'results', 'build', 'bench', 'support', 'stock-bot.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function stale(output: string, sources: number): boolean {
  return !existsSync(output) || statSync(output).mtimeMs < sources;
}

function tsc(project: string, log: (m: string) => void): void {
  const started = performance.now();
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  log(`compiled ${project} (${Math.round(performance.now() - started)} ms)`);
}

/**
 * Compiles whatever is out of date; returns the entry points. `BENCH_PATBOT_MAIN` runs another
 * compiled patbot instead (e.g. an older commit's `dist/main.js`, for a before/after comparison).
 */
export function ensureCompiled(log: (m: string) => void): { patbot: string; stock: string } {
  const other = process.env.BENCH_PATBOT_MAIN;
  const src = newestMtime(join(ROOT, 'src'));
  if (!other && stale(PATBOT_MAIN, src)) tsc('tsconfig.build.json', log);
  const stockSource = statSync(join(ROOT, 'bench', 'support', 'stock-bot.ts')).mtimeMs;
  if (stale(STOCK_BOT_MAIN, stockSource)) tsc('tsconfig.bench.json', log);
  return { patbot: other || PATBOT_MAIN, stock: STOCK_BOT_MAIN };
}
