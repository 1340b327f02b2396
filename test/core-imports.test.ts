import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** The architecture rule "src/core imports no SDK" is an ESLint rule; prove it actually fires. */
describe('core import boundary', () => {
  const root = path.resolve(__dirname, '..');
  // The ESLint CLI in a child process: its ESM flat config cannot load inside jest's VM.
  const lint = async (code: string, file: string): Promise<string[]> => {
    const run = spawnSync(
      process.execPath,
      [
        path.join(root, 'node_modules/eslint/bin/eslint.js'),
        '--stdin',
        '--stdin-filename',
        file,
        '--format',
        'json',
      ],
      { cwd: root, input: code, encoding: 'utf8' },
    );
    const [result] = JSON.parse(run.stdout) as Array<{
      messages: Array<{ ruleId: string | null; message: string }>;
    }>;
    return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  };

  it.each([
    "import { TurnContext } from 'botbuilder';",
    "import { Application } from '@microsoft/teams-ai';",
    "import { App } from '@slack/bolt';",
    "import restify from 'restify';",
    "import { ConfidentialClientApplication } from '@azure/msal-node';",
    "import Database from 'better-sqlite3';",
    "import { openStore } from '../store/open-store';",
    "import { AdoTokensClient } from '../ado/tokens-client';",
  ])('refuses %s in src/core', async (code) => {
    const messages = await lint(`${code}\nexport const x = 1;\n`, 'src/core/probe.ts');
    expect(messages.join(' ')).toMatch(/src\/core is plain TypeScript/);
  });

  it('allows ports, errors and node builtins in src/core', async () => {
    const code =
      "import { createHmac } from 'node:crypto';\nimport type { Clock } from './clock';\nimport { CodedError } from '../errors';\nexport const x = [createHmac, CodedError] as unknown as Clock;\n";
    expect(await lint(code, 'src/core/probe.ts')).toEqual([]);
  });

  it('lets adapters import their SDK', async () => {
    expect(
      await lint(
        "import { App } from '@slack/bolt';\nexport const x = App;\n",
        'src/channels/slack/probe.ts',
      ),
    ).toEqual([]);
  });
});
