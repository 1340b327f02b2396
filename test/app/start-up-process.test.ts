/**
 * `npm start` as a newcomer runs it: src/main.ts in a child process, in a fresh folder, with only
 * the variables the test gives it. Checks the start-up log (the .env line, ISO times, one key per
 * line), that stderr has no deprecation warning, and what a second start on a busy port says.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { duplicateJsonKeys } from '../support/json-keys';
import { childEnv, runTs, spawnTs } from '../support/tsx-process';

jest.setTimeout(120_000);

function listen(port = 0): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

async function freePort(): Promise<number> {
  const server = await listen();
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

interface StartUp {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Starts src/main.ts, waits for the sandbox banner (or an exit), then stops it with SIGTERM. */
function startAndStop(cwd: string, env: Record<string, string>): Promise<StartUp> {
  return new Promise((resolve, reject) => {
    const child = spawnTs('src/main.ts', { cwd, env });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no banner within 90 s.\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, 90_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (stdout.includes('scheduler started')) child.kill('SIGTERM');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code });
    });
  });
}

describe('npm start (src/main.ts in a child process)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'patbot-start-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads .env (an already-set variable wins), says which file, logs clean JSON lines, warns nothing', async () => {
    writeFileSync(join(dir, '.env'), 'ADO_ORGANIZATIONS=northwind,contoso\nREMINDER_CRON=15 * * * *\n');
    const port = await freePort();
    const run = await startAndStop(dir, childEnv({ PORT: String(port), REMINDER_CRON: '45 * * * *' }));
    expect(run.stdout).toContain(`Bot endpoint: http://127.0.0.1:${port}/api/messages`);

    const jsonLines = run.stdout.split('\n').filter((l) => l.startsWith('{'));
    const logs = jsonLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logs[0]).toMatchObject({
      msg: `read ${join(dir, '.env')} (1 variable(s) set; already set, so kept: REMINDER_CRON)`,
      envFile: join(dir, '.env'),
      applied: ['ADO_ORGANIZATIONS'],
      ignored: ['REMINDER_CRON'],
    });
    // The file's value took effect, and the environment's value won over the file's.
    expect(logs.find((l) => l.msg === 'sandbox: demo data seeded')).toMatchObject({
      orgs: ['northwind', 'contoso'],
    });
    expect(logs.find((l) => l.msg === 'scheduler started')).toMatchObject({ cron: '45 * * * *' });

    expect(jsonLines.length).toBeGreaterThanOrEqual(5);
    for (const line of jsonLines)
      expect({ line, duplicates: duplicateJsonKeys(line) }).toEqual({ line, duplicates: [] });
    for (const log of logs) expect(log.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    expect(run.stderr).not.toMatch(/DeprecationWarning|Warning:/);
    expect(run.code).toBe(0);
  });

  it('without .env, the first log line says none was found', async () => {
    const run = await startAndStop(dir, childEnv({ PORT: String(await freePort()) }));
    const first = JSON.parse(run.stdout.split('\n').find((l) => l.startsWith('{'))!) as { msg: string };
    expect(first.msg).toBe(`no env file at ${join(dir, '.env')}: using the environment only`);
  });

  it('a second start on a busy port names the port and PORT, with the next step', async () => {
    const busy = await listen();
    const { port } = busy.address() as AddressInfo;
    try {
      const run = await runTs('src/main.ts', [], { cwd: dir, env: childEnv({ PORT: String(port) }) });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`Port ${port} is in use (PORT) on 127.0.0.1.`);
      expect(run.stderr).toContain(
        'Stop the other process (another patbot?) or set PORT to a free port, e.g. PORT=',
      );
      expect(run.stderr).not.toContain('EADDRINUSE');
    } finally {
      await new Promise((r) => busy.close(r));
    }
  });
});
