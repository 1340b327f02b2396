/**
 * `npx tsx bench/profile-summary.ts <file.cpuprofile> [top]`: summarises a V8 CPU profile (from
 * `npm run bench -- <name> --cpu-prof`): self time by package / source file and the top
 * functions, so the usual suspects (JWT validation, state saves, typing timers, logging, card
 * building, token look-ups) are easy to spot without opening DevTools.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** `node_modules/@scope/pkg` or `node_modules/pkg`, else the path under the repo (src/…, bench/…). */
export function moduleOf(url: string): string {
  if (!url) return '(native / idle / gc)';
  const clean = url.replace(/^file:\/\//, '');
  const nm = clean.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = clean.slice(nm + 'node_modules/'.length).split('/');
    return `npm:${parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]}`;
  }
  if (clean.startsWith('node:')) return clean;
  // Compiled patbot (dist/…, what the bench runs) is reported as the source it came from (src/…).
  const dist = clean.search(/\/dist\//);
  if (dist >= 0) return `src/${clean.slice(dist + '/dist/'.length).replace(/\.js$/, '.ts')}`;
  const src = clean.search(/\/(src|bench|scripts)\//);
  return src >= 0 ? clean.slice(src + 1) : clean;
}

function main(): void {
  const args = process.argv.slice(2);
  const skipArg = args.find((a) => a.startsWith('--skip-ms='));
  const [file, topArg] = args.filter((a) => !a.startsWith('--'));
  if (!file) {
    process.stderr.write('Usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [top] [--skip-ms=N]\n');
    process.exit(2);
  }
  const top = Number(topArg ?? 25);
  // Start-up (module loading, tsx transpiling) is not what a benchmark phase costs: skip it.
  const skipUs = Number(skipArg?.slice('--skip-ms='.length) ?? 0) * 1000;
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  let t = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (t < skipUs) continue;
    const id = profile.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const total = profile.endTime - profile.startTime - skipUs;
  // Each sample charged to the nearest patbot function on its stack (src/…): what our code paths cost.
  const ownCache = new Map<number, string>();
  const nearestOwn = (id: number): string => {
    const cached = ownCache.get(id);
    if (cached !== undefined) return cached;
    let cur: number | undefined = id;
    let found = '(no src/ frame: event loop, GC, SDK callbacks)';
    while (cur !== undefined) {
      const n = byId.get(cur);
      if (n && moduleOf(n.callFrame.url).startsWith('src/')) {
        found = `${n.callFrame.functionName || '(anonymous)'} ${moduleOf(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
        break;
      }
      cur = parent.get(cur);
    }
    ownCache.set(id, found);
    return found;
  };
  const byOwn = new Map<string, number>();
  const byModule = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let idle = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const name = node.callFrame.functionName;
    if (name === '(idle)' || name === '(program)') {
      idle += name === '(idle)' ? us : 0;
      if (name === '(idle)') continue;
    }
    const own = nearestOwn(id);
    byOwn.set(own, (byOwn.get(own) ?? 0) + us);
    const mod = moduleOf(node.callFrame.url);
    byModule.set(mod, (byModule.get(mod) ?? 0) + us);
    const fn = `${name || '(anonymous)'} ${mod}:${node.callFrame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  const busy = total - idle;
  const pct = (us: number): string => `${((100 * us) / Math.max(1, busy)).toFixed(1)}%`;
  const ms = (us: number): string => `${(us / 1000).toFixed(0)} ms`;
  const out: string[] = [
    `Profile ${file}: ${ms(total)} wall, ${ms(busy)} busy (not idle)`,
    '',
    'Self time by module:',
  ];
  for (const [m, us] of [...byModule].sort((a, b) => b[1] - a[1]).slice(0, top))
    out.push(`  ${pct(us).padStart(6)}  ${ms(us).padStart(9)}  ${m}`);
  out.push('', 'Self time by function:');
  for (const [f, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top))
    out.push(`  ${pct(us).padStart(6)}  ${ms(us).padStart(9)}  ${f}`);
  out.push('', 'Time charged to the nearest src/ function on the stack (self + SDK callees):');
  for (const [f, us] of [...byOwn].sort((a, b) => b[1] - a[1]).slice(0, top))
    out.push(`  ${pct(us).padStart(6)}  ${ms(us).padStart(9)}  ${f}`);
  process.stdout.write(out.join('\n') + '\n');
}

if (require.main === module) main();
