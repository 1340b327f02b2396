/**
 * A link checker for our Markdown: every relative link must name a file or folder that exists,
 * and every `#anchor` a heading of the target file (GitHub's slug rules). Links with a scheme
 * (https:, mailto:) are not checked: there is no network here, and they are not ours. Repository
 * paths written as inline code (`src/config.ts`) must exist as well, and none may point outside
 * the repository (a path on the machine the docs were written on).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SKIP_DIRS = new Set([
  'node_modules',
  '.git',
  'dist',
  'build',
  'coverage',
  'data',
  'devTools',
  'test-results',
]);

/** Every *.md under `root`, outside dependencies and build output (paths relative to root). */
export function markdownFiles(root: string, dir = root): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) out.push(...markdownFiles(root, join(dir, entry.name)));
    } else if (entry.name.endsWith('.md')) out.push(relative(root, join(dir, entry.name)));
  }
  return out.sort();
}

/** The text with fenced code blocks blanked (same lines, so line numbers still hold). */
function withoutFences(text: string): string {
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, (block) => block.replace(/[^\n]/g, ' '));
}

/** The text without code blocks and inline code (links there are examples, not links). */
function withoutCode(text: string): string {
  return withoutFences(text).replace(/`[^`\n]*`/g, (span) => ' '.repeat(span.length));
}

export interface MarkdownLink {
  target: string;
  line: number;
}

/** Inline links and images `[text](target "title")` and reference definitions `[id]: target`. */
export function linksOf(text: string): MarkdownLink[] {
  const clean = withoutCode(text);
  const lineAt = (index: number) => clean.slice(0, index).split('\n').length;
  const links: MarkdownLink[] = [];
  for (const m of clean.matchAll(/!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g))
    links.push({ target: m[1], line: lineAt(m.index ?? 0) });
  for (const m of clean.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm))
    links.push({ target: m[1], line: lineAt(m.index ?? 0) });
  return links;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function githubSlug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links: their text
    .replace(/<[^>]+>/g, '') // inline HTML
    .replace(/`/g, '')
    .replace(/(\*\*|__|\*|\b_|_\b)/g, '') // emphasis markers
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '').replace(/ /g, '-');
}

/** The anchors a Markdown file offers: heading slugs (repeats get -1, -2 …) and HTML ids/names. */
export function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const m of withoutFences(text).matchAll(/^ {0,3}#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = githubSlug(m[1]);
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  }
  for (const m of text.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) anchors.add(m[1]);
  return anchors;
}

/** Repository folders whose paths, written as `code`, must exist too. */
const REPO_DIRS = /^(\.\/)?((?:docs|src|test|scripts|deploy|manifest|bench|env|public|\.ci)\/[^\s*{}<>…|]*)$/;
/** Output and local files that are not in a clean clone (written by runs, never committed). */
const GENERATED = ['bench/results/', 'build/', 'data/', 'test-results/', 'devTools/', 'dist/', 'env/.env.'];
/** Paths on the machine patbot was written on, outside the repository: readers do not have them. */
const OUTSIDE = /^(\/work\/|shared\/docs\/)/;

/** Repository paths written as inline code (`docs/ux.md`), with their lines. */
export function pathMentionsOf(text: string): MarkdownLink[] {
  const clean = withoutFences(text);
  const mentions: MarkdownLink[] = [];
  for (const m of clean.matchAll(/`([^`\n]+)`/g)) {
    const span = m[1].trim();
    if (REPO_DIRS.test(span) || OUTSIDE.test(span))
      mentions.push({
        target: span.replace(/^\.\//, ''),
        line: clean.slice(0, m.index ?? 0).split('\n').length,
      });
  }
  return mentions;
}

function brokenMentions(root: string, file: string, text: string): string[] {
  const problems: string[] = [];
  for (const { target, line } of pathMentionsOf(text)) {
    if (OUTSIDE.test(target)) problems.push(`${file}:${line}: \`${target}\` (outside the repository)`);
    else if (!GENERATED.some((g) => target.startsWith(g)) && !existsSync(join(root, target.split('#')[0])))
      problems.push(`${file}:${line}: \`${target}\` (no such file)`);
  }
  return problems;
}

/** Every broken relative link in `file` (relative to root), as `file:line: target (why)`. */
export function brokenLinks(root: string, file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const problems: string[] = [];
  for (const { target, line } of linksOf(text)) {
    if (target === '' || /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue;
    const [pathPart, anchor] = target.split('#', 2) as [string, string | undefined];
    const path = decodeURI(pathPart);
    const resolved =
      path === ''
        ? join(root, file)
        : path.startsWith('/')
          ? join(root, path)
          : resolve(root, dirname(file), path);
    const where = `${file}:${line}: ${target}`;
    if (!existsSync(resolved)) {
      problems.push(`${where} (no such file)`);
      continue;
    }
    if (anchor === undefined || anchor === '') continue;
    if (statSync(resolved).isDirectory() || !resolved.endsWith('.md')) {
      problems.push(`${where} (an anchor into a file that is not Markdown)`);
      continue;
    }
    if (!anchorsOf(readFileSync(resolved, 'utf8')).has(decodeURIComponent(anchor).toLowerCase()))
      problems.push(`${where} (no heading #${anchor} in ${relative(root, resolved)})`);
  }
  return [...problems, ...brokenMentions(root, file, text)];
}
