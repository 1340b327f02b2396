import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Every variable src/config/schema.ts lists is documented in env.sample, docs/configuration.md and the README. */
describe('configuration documentation', () => {
  const root = path.resolve(__dirname, '..');
  const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
  const source = read('src/config/schema.ts');
  const schemaBlock = source.slice(
    source.indexOf('const schema = z.object({'),
    source.indexOf('});', source.indexOf('const schema')),
  );
  const variables = [...schemaBlock.matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]);

  it('finds the variables in src/config/schema.ts', () => {
    expect(variables).toEqual(expect.arrayContaining(['PORT', 'BOT_ID', 'TOKEN_CACHE_KEY', 'SANDBOX']));
    expect(variables.length).toBeGreaterThanOrEqual(25);
  });

  it.each(['env.sample', 'docs/configuration.md', 'README.md'])('%s documents every variable', (file) => {
    const text = read(file);
    const missing = variables.filter((v) => !new RegExp(`\\b${v}\\b`).test(text));
    expect(missing).toEqual([]);
  });
});
