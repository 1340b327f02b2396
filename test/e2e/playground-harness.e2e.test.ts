/**
 * Proves the Playground harness on its own, against a tiny echo bot: if this fails, the problem
 * is the Playground, Chromium or the harness, not patbot.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPlayground, type PlaygroundPage } from '../support/playground-browser';
import { startEchoBot, type EchoBot } from '../support/playground-echo-bot';
import { ROOT, startPlayground, type RunningPlayground } from '../support/playground-process';

jest.setTimeout(90_000);

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('Agents Playground harness (echo bot)', () => {
  const work = mkdtempSync(join(tmpdir(), 'patbot-harness-'));
  let bot: EchoBot | undefined;
  let playground: RunningPlayground | undefined;
  let ui: PlaygroundPage | undefined;

  beforeAll(async () => {
    bot = await startEchoBot();
    playground = await startPlayground({ botEndpoint: `${bot.url}/api/messages`, logDir: work });
    ui = await openPlayground({
      url: playground.url,
      screenshotDir: join(ROOT, 'test-results', 'playground-harness'),
    });
  });

  afterAll(async () => {
    await ui?.close();
    await playground?.stop();
    await bot?.close();
    rmSync(work, { recursive: true, force: true });
  });

  function page(): PlaygroundPage {
    if (!ui) throw new Error('the Playground page did not open (see beforeAll)');
    return ui;
  }

  it('listens on loopback only', async () => {
    expect(playground?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // The preload binds 127.0.0.1: the port must not answer on this machine's other addresses.
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a !== undefined && !a.internal && a.family === 'IPv4')
      .map((a) => a!.address);
    for (const address of others) {
      await expect(canConnect(address, playground!.port)).resolves.toBe(false);
    }
    // Every request the page made to the internet was aborted (only CDN fonts are expected).
    for (const url of page().blocked) expect(url).toMatch(/^https:\/\/res-1\.cdn\.office\.net\//);
  });

  it('sends a typed message and shows the reply', async () => {
    await page().send('hello harness');
    await page().waitForText('echo: hello harness', 'the echo reply');
  });

  it('clicks an Action.Execute button and shows the card that replaced it', async () => {
    await page().send('card');
    const card = await page().card('A card', 'the "Press me" button');
    await card.locator('button[title="Press me"]').click();
    await page().card('Pressed: card replaced', 'the replaced card');
    expect(await page().conversationText()).not.toContain('A card');
  });

  it('shows a proactive message, also as a pushed frame', async () => {
    await bot?.sendProactive('proactive hello');
    await page().waitForText('proactive hello', 'the proactive message');
    expect(page().frames.some((f) => f.action === 'createMessage' && f.text === 'proactive hello')).toBe(
      true,
    );
    await page().hideLogPanel();
    await page().screenshot('echo');
  });

  it('fails with the conversation text when an expectation is not met', async () => {
    await expect(page().waitForText('never said', 'a reply that never comes', 1_000)).rejects.toThrow(
      /Expected a reply that never comes[\s\S]*echo: hello harness/,
    );
  });
});
