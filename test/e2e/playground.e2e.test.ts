/**
 * The whole Teams flow through a real Teams-like client: patbot in sandbox mode, the Microsoft 365
 * Agents Playground, and Debian's headless Chromium typing and clicking in it. Loopback only.
 * Each step saves a screenshot under test-results/playground/ and fails with the chat's text.
 */
import type { Locator } from 'playwright-core';
import WebSocket from 'ws';
import { formatDate } from '../../src/core/format-date';
import { daysLeftWords } from '../../src/core/reminders/thresholds';
import type { AdoSimulator, SimPatSnapshot } from '../../src/sandbox/ado';
import { DEAD_GLOBALS_HEADING, OTHER_PATS_HEADING } from '../../src/core/dead-globals';
import { DEMO_PATS, PLAYGROUND_USER, soonestRenewableDemoPat } from '../../src/sandbox/demo-data';
import type { PlaygroundPage } from '../support/playground-browser';
import { renderDialog } from '../support/dialog-render';
import { publishDocsImage, startPlaygroundStack, type PlaygroundStack } from '../support/playground-stack';

jest.setTimeout(180_000);

const DAY_MS = 86_400_000;
/** The simulator's PAT secrets: 76 characters, `AZDO`, 4 more. */
const SECRET_SHAPE = /[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}/;
/** The chat and person of the Playground config (.m365agentsplayground.yml). */
const PERSONAL_CHAT = 'patbot-personal-chat';
const DATE = String.raw`[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2} \d{4}`;

/**
 * When the sweep should run to be on a reminder threshold of a PAT expiring at `validTo`: 10:00
 * UTC on a weekday (inside the default working hours), on the day before expiry (the `1d`
 * threshold) or, when that is a weekend, the `3d` or `7d` day.
 */
function reminderMoment(validTo: Date, now: Date): { at: Date; words: string } {
  for (const days of [1, 3, 7]) {
    const at = new Date(
      Date.UTC(validTo.getUTCFullYear(), validTo.getUTCMonth(), validTo.getUTCDate() - days, 10),
    );
    const weekday = at.getUTCDay();
    if (at > now && weekday >= 1 && weekday <= 5) return { at, words: daysLeftWords(days) };
  }
  throw new Error(`no weekday threshold before ${validTo.toISOString()}`);
}

describe('patbot in the Microsoft 365 Agents Playground (headless Chromium)', () => {
  let stack: PlaygroundStack | undefined;

  beforeAll(async () => {
    stack = await startPlaygroundStack();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  function ui(): PlaygroundPage {
    if (!stack) throw new Error('the e2e stack did not start (see the beforeAll error above)');
    return stack.ui;
  }

  function ado(): AdoSimulator {
    const sim = stack?.app.sandbox?.ado;
    if (!sim) throw new Error('startApp did not run in sandbox mode: app.sandbox.ado is missing');
    return sim;
  }

  function demoPat(name: string): SimPatSnapshot {
    const pat = ado()
      .patsOf(PLAYGROUND_USER.oid)
      .find((p) => p.displayName === name);
    if (!pat) throw new Error(`the sandbox has no demo PAT "${name}" for ${PLAYGROUND_USER.name}`);
    return pat;
  }

  /** Fails with the conversation's text, like the waits do. */
  async function check(ok: boolean, expectation: string): Promise<void> {
    if (ok) return;
    throw new Error(`${expectation}\nThe Playground shows:\n${await ui().conversationText()}`);
  }

  /** The card row (Adaptive Card Container) of one PAT: the innermost one with its name and a button. */
  function patRow(card: Locator, name: string): Locator {
    return card
      .locator('.ac-container')
      .filter({ hasText: name })
      .filter({ has: card.page().locator('button[title^="Renew "]') })
      .last();
  }

  it('1. lists the demo PATs on a card after "/pat list"', async () => {
    await ui().send('/pat list');
    const card = await ui().card(
      new RegExp(`PATs of ${PLAYGROUND_USER.name}[\\s\\S]*${soonestRenewableDemoPat().name}`),
      `the list card of ${PLAYGROUND_USER.name} with the demo PATs`,
      30_000, // the first command also signs the user in
    );
    const text = await card.innerText();
    for (const pat of DEMO_PATS) {
      await check(text.includes(pat.name), `The list card should show the demo PAT "${pat.name}".`);
    }
    await check(text.includes('contoso') && text.includes('fabrikam'), 'The card should name both orgs.');
    // The dead all-organisations PATs come first, under their own heading with Replace all;
    // among the others, the live PAT that expires soonest leads.
    const deadAt = text.indexOf(DEAD_GLOBALS_HEADING);
    const othersAt = text.indexOf(OTHER_PATS_HEADING);
    await check(
      deadAt >= 0 && othersAt > deadAt && text.includes('Replace all'),
      `The card should group the dead all-organisations PATs under "${DEAD_GLOBALS_HEADING}" with Replace all, before "${OTHER_PATS_HEADING}".`,
    );
    for (const pat of DEMO_PATS.filter((p) => p.org === null)) {
      const at = text.indexOf(pat.name);
      await check(
        at > deadAt && at < othersAt,
        `"${pat.name}" should be listed under "${DEAD_GLOBALS_HEADING}".`,
      );
    }
    const first = DEMO_PATS.map((p) => ({ name: p.name, at: text.indexOf(p.name) }))
      .filter((p) => p.name !== 'old-ci-token' && p.at > othersAt)
      .sort((a, b) => a.at - b.at)[0];
    await check(
      first.name === soonestRenewableDemoPat().name,
      `The live PAT that expires soonest (${soonestRenewableDemoPat().name}) should come first, not ${first.name}.`,
    );
    await ui().hideLogPanel();
    await ui().screenshot('1-list');
    publishDocsImage(await ui().screenshot('1-list-card', card), 'playground-list-card.png');
  });

  it('2. one click on Renew renews the PAT that expires soonest for 90 days; the whole list shows the new expiry', async () => {
    const target = soonestRenewableDemoPat().name;
    const before = demoPat(target);
    const card = await ui().card(/PATs of/, 'the PAT list');
    const row = patRow(card, target);
    await check(
      (await row.locator('button[title="Other…"]').count()) === 1,
      'The row should offer "Other…".',
    );
    await row.locator('button[title="Renew 90 days"]').click();

    const notice = new RegExp(String.raw`Renewed\W+${target}\W+until (${DATE})`);
    const renewed = await ui().card(notice, `the "Renewed ${target}" notice`, 30_000);
    const after = demoPat(target);
    const expected = after.validTo.getTime() - Date.now();
    await check(
      after.validTo.getTime() > before.validTo.getTime() && Math.abs(expected - 90 * DAY_MS) < DAY_MS,
      `The simulator should hold ${target} extended by ~90 days; it has ${after.validTo.toISOString()} ` +
        `(was ${before.validTo.toISOString()}).`,
    );
    const cardText = await renewed.innerText();
    // The answer is the list the person clicked on, that row patched: every demo PAT is still there.
    for (const pat of DEMO_PATS) {
      await check(cardText.includes(pat.name), `The card after Renew should still list "${pat.name}".`);
    }
    const zone = /Dates in ([^\s.]+)\./.exec(cardText)?.[1] ?? 'UTC';
    const newDate = formatDate(after.validTo, zone);
    await check(
      cardText.match(notice)?.[1] === newDate,
      `The notice should say the stored expiry, ${newDate}.`,
    );
    await check(
      (await patRow(renewed, target).innerText()).includes(newDate),
      `The ${target} row should show its new expiry, ${newDate}.`,
    );
    await ui().screenshot('2-renewed');
    publishDocsImage(await ui().screenshot('2-renewed-card', renewed), 'playground-renewed-card.png');
  });

  it('3. explains that an expired PAT cannot be renewed and offers Create replacement', async () => {
    const before = demoPat('old-ci-token');
    await ui().send('/pat renew old-ci-token');
    await ui().waitForText(
      new RegExp(String.raw`old-ci-token\W+in \S+ expired on ${DATE}[\s\S]*Create replacement makes`, 'i'),
      'the "expired … Create replacement" explanation',
      30_000,
    );
    const after = demoPat('old-ci-token');
    await check(
      after.validTo.getTime() === before.validTo.getTime(),
      `old-ci-token must stay expired; the simulator now has ${after.validTo.toISOString()}.`,
    );
    await ui().screenshot('3-expired');
  });

  it('4. a reminder sweep posts a proactive reminder into the chat', async () => {
    const app = stack?.app;
    if (!app) throw new Error('the e2e stack did not start (see the beforeAll error above)');
    const pat = demoPat('release-pipeline');
    const { at, words } = reminderMoment(pat.validTo, new Date());
    const framesBefore = ui().frames.length;

    await app.runSweep(at);
    await ui().waitForText(
      new RegExp(String.raw`release-pipeline\W+in contoso ${words}`),
      `the reminder "release-pipeline in contoso ${words}" (sweep at ${at.toISOString()})`,
      30_000,
    );
    const pushed = ui()
      .frames.slice(framesBefore)
      .filter((f) => f.action === 'createMessage' && f.raw.includes('release-pipeline'));
    await check(
      pushed.length === 1,
      `Exactly one new message should name release-pipeline, got ${pushed.length}.`,
    );
    await ui().screenshot('4-reminder');

    // The ledger: the same sweep again sends nothing new.
    await app.runSweep(at);
    await ui().page.waitForTimeout(1_500);
    const again = ui()
      .frames.slice(framesBefore)
      .filter((f) => f.action === 'createMessage' && f.raw.includes('release-pipeline'));
    await check(
      again.length === 1,
      `A second sweep at the same time must not remind again (${again.length}).`,
    );
  });

  interface TaskAnswer {
    task?: { type?: string; value?: { title?: string; card?: { content?: unknown } } };
  }

  /**
   * Sends an invoke the Playground's UI cannot send (its invoke route accepts only card and
   * message-extension names) through its "Mock an Activity" route, and reads the bot's answer
   * from the Playground's own Log Panel stream, which records every response body from the bot.
   */
  async function invokeThroughPlayground(name: string, value: unknown): Promise<TaskAnswer> {
    const base = stack?.playground.url ?? '';
    const log = new WebSocket(`${base.replace(/^http/, 'ws')}/_ws/log/stream`);
    const seen: string[] = [];
    log.on('message', (data) => seen.push(String(data)));
    await new Promise<void>((resolve, reject) => {
      log.once('open', () => resolve());
      log.once('error', reject);
    });
    try {
      const template = (await (
        await fetch(
          `${base}/_internal/v1/customActivities/template?conversationId=${PERSONAL_CHAT}&type=install`,
        )
      ).json()) as Record<string, unknown>;
      // The install template carries the Playground's own serviceUrl, user, chat and tenant.
      const activity = { ...template, type: 'invoke', name, value, action: undefined };
      const sent = await fetch(`${base}/_internal/v1/customActivities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      await check(sent.status === 200, `The Playground refused the custom activity (${sent.status}).`);
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        const hit = seen.find((m) => m.includes('"continue"') && m.includes('"task"'));
        if (hit) return findTask(JSON.parse(hit));
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`no task answer in the Playground's log stream:\n${seen.join('\n').slice(-2000)}`);
    } finally {
      log.close();
    }
  }

  /** The `{ task: … }` object anywhere in a log entry (bodies may be nested or JSON strings). */
  function findTask(node: unknown): TaskAnswer {
    if (typeof node === 'string' && node.includes('"task"')) {
      try {
        return findTask(JSON.parse(node));
      } catch {
        return {};
      }
    }
    if (!node || typeof node !== 'object') return {};
    const n = node as Record<string, unknown>;
    if (n.task && typeof n.task === 'object') return n as TaskAnswer;
    for (const v of Object.values(n)) {
      const found = findTask(v);
      if (found.task) return found;
    }
    return {};
  }

  it('5. Create replacement: the Playground has no dialogs, so the invoke goes through its backend; the secret stays out of the chat', async () => {
    const before = ado().patsOf(PLAYGROUND_USER.oid).length;
    await ui().send('/pat recreate old-ci-token');
    const offer = await ui().card(
      /Create replacement makes a new PAT/,
      'the Create replacement card',
      30_000,
    );
    // What the Playground does with a task/fetch button: it shows a notice and sends nothing.
    await offer.locator('button[title="Create replacement"]').click();
    await ui().waitForText(
      /Task module \(task\/fetch\) is not supported yet/,
      "the Playground's task/fetch notice",
    );
    await ui().page.waitForTimeout(1_000);
    await check(
      ado().patsOf(PLAYGROUND_USER.oid).length === before,
      'The Playground should not have sent the task/fetch invoke (no PAT created).',
    );

    // The same invoke Teams sends, through the Playground's own invoke route (its answer is the body).
    const frame = [...ui().frames].reverse().find((f) => f.raw.includes('"pat.recreate"'));
    const card = JSON.parse(frame?.raw ?? '{}')?.message?.attachments?.[0]?.content;
    const button = card?.actions?.find((a: { title?: string }) => a.title === 'Create replacement');
    await check(button?.data?.msteams?.type === 'task/fetch', 'The card should carry a task/fetch button.');
    const answer = await invokeThroughPlayground('task/fetch', {
      data: button.data,
      context: { theme: 'default' },
    });
    await check(
      answer.task?.type === 'continue',
      `The invoke should answer task/continue, got ${JSON.stringify(answer).slice(0, 300)}.`,
    );
    const dialog = answer.task?.value?.card?.content;
    const secret = SECRET_SHAPE.exec(JSON.stringify(dialog))?.[0];
    await check(secret !== undefined, 'The dialog should hold the new PAT value.');
    await check(ado().patsOf(PLAYGROUND_USER.oid).length === before + 1, 'Exactly one new PAT should exist.');

    // The chat transcript (the page and every message frame) never holds it.
    await ui().page.waitForTimeout(1_000);
    const transcript =
      (await ui().conversationText()) +
      ui()
        .frames.map((f) => f.raw)
        .join('\n');
    await check(!transcript.includes(secret as string), 'The secret must not appear in the chat.');
    await check(!SECRET_SHAPE.test(transcript), 'No PAT value may appear in the chat.');
    await ui().screenshot('5-recreate-chat');

    // The dialog as Teams would show it, rendered in the same browser with the Adaptive Cards renderer.
    const shown = await renderDialog(ui().page.context(), answer.task?.value?.title ?? 'New PAT', dialog);
    await check(
      (await shown.innerText()).includes(secret as string),
      'The rendered dialog should show the value.',
    );
    publishDocsImage(await ui().screenshot('5-recreate-dialog', shown), 'teams-recreate-dialog.png');
    await shown.page().close();
  });
});
