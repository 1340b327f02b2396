/**
 * The Slack half of "try it locally": the real app in sandbox mode (no Slack settings, so it runs
 * its own Slack workspace), the page at /sandbox/slack in Debian's headless Chromium, and Alex
 * typing and clicking in it. Every request the page makes goes to patbot, which signs it and
 * sends it to its own /slack/events as Slack would; the assertions read both the page and the
 * Azure DevOps simulator. `PATBOT_UPDATE_DOCS_IMAGES=1` refreshes docs/images/slack-sandbox-*.png.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { startApp, type RunningApp } from '../../src/app';
import { formatDate } from '../../src/core/format-date';
import { PLAYGROUND_USER, soonestRenewableDemoPat } from '../../src/sandbox/demo-data';
import { SANDBOX_ALEX } from '../../src/sandbox/slack/people';
import { captureLogger } from '../support/capture-logger';
import { launchLoopbackChromium, type LoopbackBrowser } from '../support/playground-browser';

jest.setTimeout(120_000);

const ROOT = path.join(__dirname, '../..');
const SHOTS = path.join(ROOT, 'test-results', 'slack-sandbox');
const DAY_MS = 86_400_000;

function publish(shot: string, name: string): void {
  if (process.env.PATBOT_UPDATE_DOCS_IMAGES !== '1') return;
  mkdirSync(path.join(ROOT, 'docs', 'images'), { recursive: true });
  copyFileSync(shot, path.join(ROOT, 'docs', 'images', name));
}

describe('Slack in the sandbox: /sandbox/slack in headless Chromium', () => {
  let dir: string;
  let app: RunningApp;
  let browser: LoopbackBrowser;
  let page: Page;
  const logs = captureLogger('info');

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'patbot-slack-e2e-'));
    mkdirSync(SHOTS, { recursive: true });
    app = await startApp({ env: { PORT: '0', DATABASE_URL: `sqlite:${dir}/app.db` }, logger: logs.logger });
    browser = await launchLoopbackChromium({ viewport: { width: 1200, height: 1300 } });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(15_000);
    await page.goto(`${app.url}/sandbox/slack`);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function send(text: string): Promise<void> {
    await page.locator('#compose').fill(text);
    await page.locator('#compose').press('Enter');
  }

  /** The last message on the page whose text matches. */
  async function message(pattern: RegExp, what: string): Promise<Locator> {
    const found = page.locator('article.msg', { hasText: pattern }).last();
    try {
      await found.waitFor({ state: 'visible', timeout: 20_000 });
    } catch {
      const shown = await page.locator('#messages').innerText();
      throw new Error(`Expected ${what} (${pattern}), but the page shows:\n${shown}`);
    }
    return found;
  }

  it('serves the page without the signing secret', async () => {
    expect(app.sandboxSlack).toBeDefined();
    const html = await (await fetch(`${app.url}/sandbox/slack`)).text();
    const js = await (await fetch(`${app.url}/sandbox/slack/app.js`)).text();
    const state = await (await fetch(`${app.url}/sandbox/slack/state`)).text();
    for (const body of [html, js, state]) expect(body).not.toContain(app.sandboxSlack!.signingSecret);
  });

  it('/pat list → sign in with Microsoft (Entra simulator) as Alex → the demo PATs', async () => {
    await send('/pat list');
    const prompt = await message(/Sign in with Microsoft/, 'the sign-in prompt');
    const popup = browser.context.waitForEvent('page');
    await prompt.getByRole('button', { name: 'Sign in with Microsoft' }).click();
    const signIn = await popup;
    await signIn.waitForLoadState('domcontentloaded');
    await signIn.getByText('Your Slack account is now linked to').waitFor();
    expect(await signIn.innerText('body')).toContain(PLAYGROUND_USER.upn);
    await signIn.close();

    const list = await message(/Your PATs in/, 'the PAT list after signing in');
    expect(await list.innerText()).toContain('build-agent');
    expect(await page.locator('#messages').innerText()).toContain(
      `You're signed in as ${PLAYGROUND_USER.upn}`,
    );
    const user = await app.store.users.findByIdentity({
      platform: 'slack',
      teamId: 'T0SANDBOX',
      slackUserId: SANDBOX_ALEX.id,
    });
    expect(user?.entraAccount?.homeAccountId).toContain(PLAYGROUND_USER.oid);
    const shot = path.join(SHOTS, 'slack-sandbox-list.png');
    await page.mouse.move(5, 990); // no hover highlight in the picture
    await page.screenshot({ path: shot });
    publish(shot, 'slack-sandbox-list.png');
  });

  it('one click on Renew 90 days updates the message with the new expiry, and Azure DevOps has it', async () => {
    const target = soonestRenewableDemoPat();
    const list = await message(/Your PATs in/, 'the PAT list');
    const before = app.sandbox!.ado.patsOf(PLAYGROUND_USER.oid).find((p) => p.displayName === target.name)!;
    const row = list
      .locator('.block.actions')
      .filter({ has: page.getByRole('button', { name: 'Renew 90 days' }) });
    await row.first().getByRole('button', { name: 'Renew 90 days' }).click();

    const renewed = await message(new RegExp(`Renewed ${target.name} until`), 'the renewal outcome');
    const after = app.sandbox!.ado.patsOf(PLAYGROUND_USER.oid).find((p) => p.displayName === target.name)!;
    expect(Math.abs(after.validTo.getTime() - (Date.now() + 90 * DAY_MS))).toBeLessThan(DAY_MS);
    expect(after.validTo.getTime()).toBeGreaterThan(before.validTo.getTime());
    const shown = formatDate(after.validTo, SANDBOX_ALEX.tz);
    expect(await renewed.innerText()).toContain(shown);
    // the list message itself was replaced (replace_original), not a new one added
    expect(await page.locator('article.msg', { hasText: /Your PATs in/ }).count()).toBe(0);
    const shot = path.join(SHOTS, 'slack-sandbox-renewed.png');
    await page.mouse.move(5, 990); // no hover highlight in the picture
    await page.screenshot({ path: shot });
  });

  it('Other… opens the renew modal (views.open) with the other lengths and a date picker; submitting renews', async () => {
    const renewed = await message(/Renewed build-agent until/, 'the renewed row');
    await renewed.getByRole('button', { name: 'Other…' }).click();
    const dialog = page.locator('#modal');
    const length = dialog.getByLabel('Renew for');
    await length.waitFor();
    expect(await length.locator('option').allInnerTexts()).toEqual([
      '30 days',
      'Longest allowed',
      'Until the date below',
    ]);
    await length.selectOption('date');
    const picker = dialog.getByLabel('New expiry date');
    expect(await picker.getAttribute('type')).toBe('date');
    const until = new Date(Date.now() + 120 * DAY_MS).toISOString().slice(0, 10);
    await picker.fill(until);
    await dialog.getByRole('button', { name: 'Renew' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const after = app.sandbox!.ado.patsOf(PLAYGROUND_USER.oid).find((p) => p.displayName === 'build-agent')!;
    expect(after.validTo.toISOString().slice(0, 10)).toBe(until);
    await message(
      new RegExp(`Renewed build-agent until ${formatDate(after.validTo, SANDBOX_ALEX.tz)}`),
      'the date renewal',
    );
  });

  it('/pat remind me delivers the due reminders to the DM now', async () => {
    await send('/pat remind me');
    await message(/Sent you \d+ reminders? just now/, 'the remind-me answer');
    const dms = app.sandboxSlack!.api.calls('chat.postMessage').filter((c) => c.args.channel === 'D0ALEXW');
    expect(JSON.stringify(dms)).toContain('nuget-feed');
    await message(/nuget-feed/, 'a reminder about nuget-feed');
    const shot = path.join(SHOTS, 'slack-sandbox-reminder.png');
    await page.mouse.move(5, 990); // no hover highlight in the picture
    await page.screenshot({ path: shot });
    publish(shot, 'slack-sandbox-reminder.png');
    expect(browser.blocked).toEqual([]);
    expect(logs.text()).not.toMatch(/eyJ[\w-]{20,}\.[\w-]{20,}/);
  });
});
