/**
 * The whole sandbox stack for the end-to-end test: patbot in process (sandbox mode: Azure DevOps
 * and Entra simulators, demo PATs, SQLite in a temp folder), the Agents Playground as a child
 * process pointed at it, and headless Chromium on the Playground's page. `stop()` ends all of it,
 * in reverse order, even when start-up failed half way.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../src/app';
import { assertChromium, openPlayground, type PlaygroundPage } from './playground-browser';
import { ROOT, startPlayground, type RunningPlayground } from './playground-process';

export interface PlaygroundStack {
  app: RunningApp;
  playground: RunningPlayground;
  ui: PlaygroundPage;
  stop(): Promise<void>;
}

export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'playground');

/** `PATBOT_UPDATE_DOCS_IMAGES=1` copies a screenshot to docs/images/ (README and docs pictures). */
export function publishDocsImage(shot: string, name: string): void {
  if (process.env.PATBOT_UPDATE_DOCS_IMAGES !== '1') return;
  const dir = join(ROOT, 'docs', 'images');
  mkdirSync(dir, { recursive: true });
  copyFileSync(shot, join(dir, name));
}

export async function startPlaygroundStack(): Promise<PlaygroundStack> {
  assertChromium();
  const work = mkdtempSync(join(tmpdir(), 'patbot-e2e-'));
  const stops: Array<() => Promise<void>> = [
    async () => {
      // Keep the Playground's log next to the screenshots, then drop the temp folder.
      const log = join(work, 'm365agentsplayground.log');
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      if (existsSync(log)) copyFileSync(log, join(SCREENSHOT_DIR, 'm365agentsplayground.log'));
      rmSync(work, { recursive: true, force: true });
    },
  ];
  const stop = async (): Promise<void> => {
    const errors: unknown[] = [];
    for (const fn of stops.reverse()) await fn().catch((e: unknown) => errors.push(e));
    stops.length = 0;
    if (errors.length > 0) throw new Error(`stopping the e2e stack failed: ${errors.map(String).join('; ')}`);
  };
  try {
    const app = await startApp({
      env: {
        PORT: '0',
        DATABASE_URL: `sqlite:${join(work, 'e2e.db')}`,
        LOG_LEVEL: 'warn',
        // The test runs its own sweeps at chosen times: the hourly one must not join in (30 February).
        REMINDER_CRON: '0 0 30 2 *',
      },
    });
    stops.push(() => app.stop());
    const playground = await startPlayground({ botEndpoint: `${app.url}/api/messages`, logDir: work });
    stops.push(() => playground.stop());
    const ui = await openPlayground({ url: playground.url, screenshotDir: SCREENSHOT_DIR });
    stops.push(() => ui.close());
    return { app, playground, ui, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
