/**
 * Small readers for the deployment files, so the tests can lint them without Docker or the
 * Bicep CLI: a Dockerfile instruction parser, a .dockerignore matcher and a Bicep block finder.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

export function read(relPath: string): string {
  return readFileSync(join(ROOT, relPath), 'utf8');
}

export function exists(relPath: string): boolean {
  return existsSync(join(ROOT, relPath));
}

/** `${{NAME}}` placeholders (Agents Toolkit syntax) in a text, de-duplicated. */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\$\{\{ *([A-Za-z_][A-Za-z0-9_]*) *\}\}/g)].map((m) => m[1]))];
}

/** Names read by src/config/ (src/config/schema.ts) (the keys of its zod schema). */
export function configVariables(): string[] {
  const src = read('src/config/schema.ts');
  const block = src.slice(src.indexOf('const schema = z.object({'));
  const end = block.indexOf('});');
  return [...block.slice(0, end).matchAll(/^\s+([A-Z][A-Z0-9_]*): optional,/gm)].map((m) => m[1]);
}

// ---------------------------------------------------------------------------------------------
// Dockerfile
// ---------------------------------------------------------------------------------------------

export interface Instruction {
  keyword: string;
  args: string;
  /** Index of the stage (FROM) the instruction belongs to; -1 before the first FROM. */
  stage: number;
}

export interface Stage {
  index: number;
  image: string;
  name: string | null;
  instructions: Instruction[];
}

export function parseDockerfile(text: string): { instructions: Instruction[]; stages: Stage[] } {
  const logical: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (current === '' && /^\s*#/.test(line)) continue;
    if (current !== '' && /^\s*#/.test(line)) continue; // comment inside a continuation
    if (/\\\s*$/.test(line)) {
      current += line.replace(/\\\s*$/, ' ');
      continue;
    }
    current += line;
    if (current.trim() !== '') logical.push(current.trim());
    current = '';
  }
  if (current.trim() !== '') logical.push(current.trim());

  const instructions: Instruction[] = [];
  const stages: Stage[] = [];
  let stage = -1;
  for (const l of logical) {
    const m = /^([A-Za-z]+)\s+([\s\S]*)$/.exec(l);
    if (!m) continue;
    const keyword = m[1].toUpperCase();
    const args = m[2].replace(/\s+/g, ' ').trim();
    if (keyword === 'FROM') {
      stage += 1;
      const from = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      stages.push({ index: stage, image: from?.[1] ?? args, name: from?.[2] ?? null, instructions: [] });
    }
    const ins = { keyword, args, stage };
    instructions.push(ins);
    if (stage >= 0) stages[stage].instructions.push(ins);
  }
  return { instructions, stages };
}

/** Replaces ${ARG} / $ARG with the defaults of ARG instructions declared before the first FROM. */
export function resolveGlobalArgs(image: string, instructions: Instruction[]): string {
  const defaults: Record<string, string> = {};
  for (const i of instructions) {
    if (i.stage !== -1 || i.keyword !== 'ARG') continue;
    const [name, value] = i.args.split('=');
    if (value !== undefined) defaults[name.trim()] = value.trim();
  }
  return image.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, n: string) => defaults[n] ?? `\${${n}}`);
}

/** .dockerignore semantics, simplified: last matching pattern wins, `!` re-includes. */
export function dockerIgnored(relPath: string, ignoreText: string): boolean {
  const patterns = ignoreText
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  let ignored = false;
  for (const p of patterns) {
    const negate = p.startsWith('!');
    const pattern = (negate ? p.slice(1) : p).replace(/^\/+/, '').replace(/\/+$/, '');
    const re = new RegExp(
      '^' +
        pattern
          .split('**/')
          .map((part) =>
            part
              .replace(/[.+^${}()|[\]\\]/g, '\\$&')
              .replace(/\*/g, '[^/]*')
              .replace(/\?/g, '[^/]'),
          )
          .join('(?:.*/)?') +
        '(?:/.*)?$',
    );
    if (re.test(relPath)) ignored = !negate;
  }
  return ignored;
}

// ---------------------------------------------------------------------------------------------
// Bicep
// ---------------------------------------------------------------------------------------------

/** Bicep text without comments (string contents kept). */
export function stripBicepComments(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') {
        out += text[i + 1] ?? '';
        i++;
      } else if (c === "'") inString = false;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 1;
      continue;
    }
    if (c === "'") inString = true;
    out += c;
  }
  return out;
}

/** The `{ ... }` block starting at the first `{` at or after `from`, braces in strings ignored. */
function blockFrom(text: string, from: number): string {
  const start = text.indexOf('{', from);
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === "'") inString = false;
      continue;
    }
    if (c === "'") inString = true;
    else if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return text.slice(start, i + 1);
    }
  }
  throw new Error(`unbalanced braces after offset ${from}`);
}

export interface BicepResource {
  symbol: string;
  type: string;
  apiVersion: string;
  /** The text between `=` and the body, e.g. `if (scaleOut)`. */
  condition: string;
  body: string;
}

export function bicepResources(text: string): BicepResource[] {
  const clean = stripBicepComments(text);
  const out: BicepResource[] = [];
  for (const m of clean.matchAll(/^resource\s+(\w+)\s+'([^'@]+)@([^']+)'\s*=\s*([^{\n]*)\{/gm)) {
    out.push({
      symbol: m[1],
      type: m[2],
      apiVersion: m[3],
      condition: m[4].trim(),
      body: blockFrom(clean, m.index!),
    });
  }
  return out;
}

export interface BicepParam {
  name: string;
  type: string;
  hasDefault: boolean;
  defaultText: string | null;
  decorators: string[];
}

export function bicepParams(text: string): BicepParam[] {
  const lines = stripBicepComments(text).split('\n');
  const out: BicepParam[] = [];
  let decorators: string[] = [];
  let inDecorator = 0;
  for (const line of lines) {
    const t = line.trim();
    if (inDecorator > 0) {
      decorators[decorators.length - 1] += ' ' + t;
      inDecorator += (t.match(/[([]/g) ?? []).length - (t.match(/[)\]]/g) ?? []).length;
      continue;
    }
    if (t.startsWith('@')) {
      decorators.push(t);
      inDecorator = (t.match(/[([]/g) ?? []).length - (t.match(/[)\]]/g) ?? []).length;
      continue;
    }
    const m = /^param\s+(\w+)\s+(\w+)(?:\s*=\s*(.*))?$/.exec(t);
    if (m) {
      out.push({
        name: m[1],
        type: m[2],
        hasDefault: m[3] !== undefined,
        defaultText: m[3] ?? null,
        decorators,
      });
    }
    if (t !== '') decorators = [];
  }
  return out;
}

export interface BicepOutput {
  name: string;
  type: string;
  value: string;
}

export function bicepOutputs(text: string): BicepOutput[] {
  const clean = stripBicepComments(text);
  return [...clean.matchAll(/^output\s+(\w+)\s+(\w+)\s*=\s*(.+)$/gm)].map((m) => ({
    name: m[1],
    type: m[2],
    value: m[3].trim(),
  }));
}

/** `var name = <expr>` where expr may be a multi-line object; returns the expression text. */
export function bicepVar(text: string, name: string): string {
  const clean = stripBicepComments(text);
  const m = new RegExp(`^var\\s+${name}\\s*=\\s*`, 'm').exec(clean);
  if (!m) throw new Error(`var ${name} not found`);
  const rest = clean.slice(m.index + m[0].length);
  const firstLine = rest.split('\n')[0];
  if (!firstLine.trimEnd().endsWith('{')) return firstLine.trim();
  const open = firstLine.lastIndexOf('{');
  return firstLine.slice(0, open) + blockFrom(rest, open);
}
