/**
 * `npm run playground`: the Microsoft 365 Agents Playground (a Teams-like web client) against the
 * bot started by `npm start`, in the msteams channel, with the checked-in
 * `.m365agentsplayground.yml`, telemetry off, on 127.0.0.1 only, and no browser opened: it prints
 * the URL to open. Ctrl-C stops it.
 *
 * Environment: PORT (the bot's port, default 3978), PLAYGROUND_PORT (default 56150).
 */
import { join } from 'node:path';
import {
  DEFAULT_PLAYGROUND_PORT,
  freeLoopbackPort,
  ROOT,
  startPlayground,
  type RunningPlayground,
} from '../test/support/playground-process';

async function portIsFree(port: number): Promise<boolean> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function botAnswers(endpoint: string): Promise<boolean> {
  try {
    await fetch(endpoint, { method: 'GET', signal: AbortSignal.timeout(1_500) });
    return true; // any HTTP answer (even 405) means something listens
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const botPort = process.env.PORT || '3978';
  const botEndpoint = `http://127.0.0.1:${botPort}/api/messages`;
  const port = Number(process.env.PLAYGROUND_PORT || DEFAULT_PLAYGROUND_PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`PLAYGROUND_PORT must be a port number, not "${process.env.PLAYGROUND_PORT}".`);
  }
  if (!(await portIsFree(port))) {
    const other = await freeLoopbackPort();
    throw new Error(
      `Port ${port} is already in use (another Playground?). Stop it, or run ` +
        `PLAYGROUND_PORT=${other} npm run playground`,
    );
  }
  if (!(await botAnswers(botEndpoint))) {
    process.stdout.write(
      `Note: nothing answers at ${botEndpoint} yet. Start the bot in another terminal with \`npm start\`.\n`,
    );
  }

  const logDir = join(ROOT, 'devTools');
  const playground: RunningPlayground = await startPlayground({ botEndpoint, port, logDir });
  process.stdout.write(
    [
      '',
      `  Microsoft 365 Agents Playground is talking to the bot at ${botEndpoint}`,
      `  Open ${playground.url} in your browser, then type "pat list" in Personal Chat.`,
      `  Log: ${playground.logFile}    Stop: Ctrl-C`,
      '',
    ].join('\n') + '\n',
  );

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`Stopping the Playground (${signal})\n`);
    void playground.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGHUP', () => stop('SIGHUP'));
  playground.child.once('exit', (code) => {
    if (stopping) return;
    process.stderr.write(
      `The Playground stopped (exit code ${String(code)}). Last log lines:\n${playground.logTail()}\n`,
    );
    void playground.stop().then(() => process.exit(code === 0 ? 0 : 1));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
