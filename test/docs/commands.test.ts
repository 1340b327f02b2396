/** The README's and docs/ux.md's command tables list every command `pat help` knows, as it writes them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { helpEntries } from '../../src/core/commands/help-entries';
import { ROOT } from '../support/tsx-process';

/** The commands written as `code` in the first column of the table under the "Commands" heading. */
function tableCommands(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const start = text.search(/^## Commands/m);
  const rest = text.slice(start + 1);
  const section = rest.slice(0, rest.search(/^## /m));
  const rows = section.split('\n').filter((l) => l.startsWith('| `'));
  return rows.flatMap((row) =>
    [...row.split(/(?<!\\)\|/)[1].matchAll(/`([^`]+)`/g)].map((m) => m[1].replace(/\\\|/g, '|')),
  );
}

describe.each(['README.md', 'docs/ux.md'])('%s command table', (file) => {
  it('has a row for every command of `pat help` (administrators and sandbox included), and no other', () => {
    const usages = helpEntries({ admin: true, sandbox: true }).map((e) => e.usage);
    expect(usages).toEqual(expect.arrayContaining(['pat snooze <name> <days>', 'pat subscriptions']));
    expect(tableCommands(file).sort()).toEqual([...usages].sort());
  });
});
