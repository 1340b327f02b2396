/**
 * Process entry point: starts patbot from the environment, prints the sandbox banner, and stops
 * cleanly on SIGTERM/SIGINT. Everything else lives in src/app.ts.
 */
import './process-warnings'; // first: before restify is loaded
import { startApp, type RunningApp } from './app';
import { loadEnvFile, processEnv } from './config';
import { isCodedError } from './errors';

function banner(app: RunningApp): string {
  if (!app.config.sandbox) return `patbot listening on ${app.url}`;
  return [
    '',
    '  patbot is running in SANDBOX mode: simulated Azure DevOps and Microsoft Entra, demo PATs.',
    `  Bot endpoint: ${app.url}/api/messages`,
    '  Open a Teams-like client:  npm run playground   (then browse to http://127.0.0.1:56150)',
    ...(app.sandboxSlack ? [`  Try it in Slack:           ${app.url}/sandbox/slack`] : []),
    '  See a reminder now:        type `pat remind me` (Teams) or `/pat remind me` (Slack)',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  let app: RunningApp;
  try {
    const envFile = loadEnvFile();
    app = await startApp({ env: processEnv(), envFile });
  } catch (error) {
    if (isCodedError(error)) {
      process.stderr.write(`${error.message}\n${error.nextStep}\n`);
    } else {
      process.stderr.write(
        `patbot failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
      );
    }
    process.exit(1);
  }
  process.stdout.write(`${banner(app)}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`patbot stopping (${signal})\n`);
    void app.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

void main();
