/**
 * Drives the Agents Playground's web UI in Debian's headless Chromium (playwright-core, never a
 * downloaded browser). Every request that does not go to loopback is aborted. Each wait fails
 * with the conversation's visible text, so a broken expectation explains itself.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

/** Debian's Chromium (CHROMIUM_PATH overrides; jest.config.js skips the browser tests without it). */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-proxy-server',
];

/** One frame the Playground pushed to the page over its conversation WebSocket. */
export interface PushedFrame {
  /** `createMessage`, `updateMessage`, `typing`, ... */
  action: string;
  conversationId: string;
  /** The message's text (empty for a card-only message). */
  text: string;
  /** The whole frame, to search a card's JSON. */
  raw: string;
}

export interface PlaygroundPage {
  readonly page: Page;
  /** Bot messages (proactive ones too) pushed over the WebSocket, in order. */
  readonly frames: PushedFrame[];
  /** The Log Panel's entries (full request and response bodies, invoke answers too), raw. */
  readonly logFrames: string[];
  /** Non-loopback requests that were aborted. */
  readonly blocked: string[];
  /** Types into the compose box and presses Enter. */
  send(text: string): Promise<void>;
  /** Waits until the conversation shows `pattern`; fails with the conversation's text. */
  waitForText(pattern: string | RegExp, what: string, timeoutMs?: number): Promise<void>;
  /** The last Adaptive Card whose text matches `pattern`. */
  card(pattern: string | RegExp, what: string, timeoutMs?: number): Promise<Locator>;
  /** Closes the Log Panel (more room for the conversation in screenshots). */
  hideLogPanel(): Promise<void>;
  /** The conversation's visible text (without the chat list or the log panel). */
  conversationText(): Promise<string>;
  /** Saves `<name>.png` of the page, or of one element (e.g. a whole card, however tall). */
  screenshot(name: string, element?: Locator): Promise<string>;
  close(): Promise<void>;
}

export function assertChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing. The end-to-end test drives Debian's Chromium: install it with ` +
        '`apt-get update && apt-get install -y chromium` (.ci/run does). Never `npx playwright install`.',
    );
  }
}

function isLoopback(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url);
    if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true;
    return ['127.0.0.1', 'localhost', '[::1]', '::1'].includes(hostname);
  } catch {
    return false;
  }
}

export interface LoopbackBrowser {
  context: BrowserContext;
  /** Non-loopback requests that were aborted. */
  blocked: string[];
  /** The throwaway profile directory (removed by `close`). */
  profile: string;
  close(): Promise<void>;
}

/**
 * Debian's headless Chromium in a throwaway profile, UTC and en-US, with every request that
 * does not go to loopback aborted (and listed in `blocked`).
 */
export async function launchLoopbackChromium(options: {
  viewport: { width: number; height: number };
  slowMo?: number;
}): Promise<LoopbackBrowser> {
  assertChromium();
  const profile = mkdtempSync(join(tmpdir(), 'patbot-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: options.viewport,
      locale: 'en-US',
      timezoneId: 'UTC',
      slowMo: options.slowMo,
      serviceWorkers: 'block',
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  const blocked: string[] = [];
  await context.route('**', (route) => {
    const url = route.request().url();
    if (isLoopback(url)) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  return {
    context,
    blocked,
    profile,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

function matches(text: string, pattern: string | RegExp): boolean {
  return typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
}

function frameOf(payload: string | Buffer): PushedFrame {
  const raw = typeof payload === 'string' ? payload : payload.toString('utf8');
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  try {
    const parsed = JSON.parse(raw) as { action?: unknown; actionConversationId?: unknown; message?: unknown };
    const message = (parsed.message ?? {}) as { text?: unknown };
    return {
      action: str(parsed.action),
      conversationId: str(parsed.actionConversationId),
      text: str(message.text),
      raw,
    };
  } catch {
    return { action: 'unknown', conversationId: '', text: '', raw };
  }
}

const CONVERSATION_TEXT = `(() => {
  const editor = document.querySelector('[data-lexical-editor=true]');
  const sidebar = document.querySelector('[role=region][aria-label="Chat and Teams Channel"]');
  let pane = editor;
  while (pane && pane.parentElement && pane.parentElement !== document.body) {
    const parent = pane.parentElement;
    if ((sidebar && parent.contains(sidebar)) || parent.innerText.includes('Log Panel')) break;
    pane = parent;
  }
  return pane ? pane.innerText : document.body.innerText;
})()`;

export async function openPlayground(options: {
  url: string;
  screenshotDir: string;
  /** Delay between Playwright actions, for watching a headed run (default 0). */
  slowMo?: number;
}): Promise<PlaygroundPage> {
  mkdirSync(options.screenshotDir, { recursive: true });
  const browser = await launchLoopbackChromium({
    viewport: { width: 1280, height: 1400 }, // tall enough for a whole list card
    slowMo: options.slowMo,
  });
  const { context: ctx, blocked, profile } = browser;
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  page.setDefaultTimeout(10_000); // no silent 30 s waits on an element the UI re-rendered
  const frames: PushedFrame[] = [];
  const logFrames: string[] = [];
  page.on('websocket', (ws) => {
    if (ws.url().includes('_ws/log')) {
      ws.on('framereceived', (event) => logFrames.push(String(event.payload)));
      return;
    }
    if (!ws.url().includes('_ws_conversation')) return;
    ws.on('framereceived', (event) => frames.push(frameOf(event.payload)));
  });
  await page.goto(options.url, { waitUntil: 'domcontentloaded' });
  await page.locator('[data-lexical-editor=true]').first().waitFor({ state: 'visible', timeout: 30_000 });

  // The open conversation: the widest ancestor of the compose box that holds neither the chat
  // list nor the log panel (the UI's class names are hashed, so go by structure).
  const conversationText = async (): Promise<string> => {
    const text = String(await page.evaluate(CONVERSATION_TEXT));
    return text.replace(/\n{3,}/g, '\n\n').trim();
  };

  const fail = async (what: string, pattern: string | RegExp): Promise<never> => {
    const text = await conversationText().catch((e: unknown) => `(could not read the page: ${String(e)})`);
    const shot = await api.screenshot(`failed-${Date.now()}`).catch(() => 'none');
    throw new Error(
      `Screenshot: ${shot}\n` +
        `Expected ${what} (${String(pattern)}), but the Playground shows:\n` +
        `----------------------------------------\n${text}\n----------------------------------------`,
    );
  };

  const api: PlaygroundPage = {
    page,
    frames,
    logFrames,
    blocked,
    async send(text) {
      const box = page.locator('[data-lexical-editor=true]').first();
      await box.click();
      await box.pressSequentially(text);
      await box.press('Enter');
    },
    async waitForText(pattern, what, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (matches(await conversationText(), pattern)) return;
        await page.waitForTimeout(200);
      }
      await fail(what, pattern);
    },
    async card(pattern, what, timeoutMs = 15_000) {
      // A lazy locator (re-resolved on use, so a card the bot replaced is still found); count()
      // does not wait, unlike innerText() on an element that was just re-rendered.
      const match = page.locator('.ac-adaptiveCard').filter({ hasText: pattern }).last();
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if ((await match.count()) > 0) return match;
        await page.waitForTimeout(200);
      }
      return fail(`a card with ${what}`, pattern);
    },
    async hideLogPanel() {
      const header = page.getByText('Log Panel', { exact: true });
      if ((await header.count()) === 0) return;
      // The header row holds "Clear logs" and then the close button.
      await header.locator('xpath=..').locator('button').last().click();
      await header.waitFor({ state: 'detached', timeout: 5_000 });
    },
    conversationText,
    async screenshot(name, element) {
      const file = join(options.screenshotDir, `${name}.png`);
      await page.mouse.move(0, 0); // no hover highlight on the buttons last clicked
      if (element) await element.screenshot({ path: file, animations: 'disabled' });
      else await page.screenshot({ path: file, animations: 'disabled' });
      return file;
    },
    async close() {
      await ctx.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
  return api;
}
