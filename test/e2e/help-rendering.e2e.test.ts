/**
 * Help, hints and errors as a person sees them in a real Teams-like client: patbot in sandbox
 * mode, the Microsoft 365 Agents Playground and headless Chromium. Placeholders must be visible
 * (`‹name›`), never dropped (`pat renew [30|…]`) nor shown as `&lt;org&gt;`.
 * `PATBOT_UPDATE_DOCS_IMAGES=1` copies the screenshots to docs/images/.
 */
import { helpEntries } from '../../src/core/commands/help-entries';
import type { PlaygroundPage } from '../support/playground-browser';
import { publishDocsImage, startPlaygroundStack, type PlaygroundStack } from '../support/playground-stack';

jest.setTimeout(180_000);

describe('help and hints in the Agents Playground (headless Chromium)', () => {
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

  async function check(ok: boolean, expectation: string): Promise<void> {
    if (ok) return;
    throw new Error(`${expectation}\nThe Playground shows:\n${await ui().conversationText()}`);
  }

  it('pat help shows every usage with its placeholders', async () => {
    await ui().send('pat help');
    const card = await ui().card(/What I can do/, 'the help card', 30_000);
    const text = await card.innerText();
    for (const entry of helpEntries()) {
      const shown = entry.usage.replace(/<([^>]+)>/g, '‹$1›');
      await check(text.includes(shown), `The help card should show "${shown}".`);
    }
    await check(!/&lt;|&gt;/.test(text), 'The help card must not show escaped angle brackets.');
    await ui().hideLogPanel();
    publishDocsImage(await ui().screenshot('help-card', card), 'playground-help-card.png');
  });

  it('pat orgs shows ‹org›, not &lt;org&gt;', async () => {
    await ui().send('pat orgs');
    await ui().waitForText('pat orgs add ‹org› or pat orgs remove ‹org›', 'the orgs hint', 30_000);
    await check(!(await ui().conversationText()).includes('&lt;'), 'No literal &lt; anywhere.');
  });

  it('hints: did you mean a command, did you mean a PAT, an org that does not exist', async () => {
    await ui().send('pat lsit');
    await ui().card(/Did you mean\W*pat list\W*\? Type\W*pat help/, 'the unknown-command hint', 30_000);
    await ui().send('pat renew build-agnet');
    const typo = await ui().card(
      /build-agnet[\s\S]*Did you mean\W*build-agent\W*\?/,
      'the PAT-name suggestion',
      30_000,
    );
    await check(
      (await typo.innerText()).includes('Try pat renew build-agent.'),
      'The next step is the command.',
    );
    await ui().send('pat orgs add nosuchorg');
    await ui().card(/couldn.t find the Azure DevOps organisation nosuchorg/, 'the refused org', 30_000);
    await ui().send('pat orgs');
    await ui().waitForText(
      /I look in contoso, fabrikam \(the default\)\.[\s\S]*I look in contoso, fabrikam \(the default\)\./,
      'orgs unchanged',
    );
    await ui().screenshot('hints');
  });

  it('an expired PAT offers the Create replacement button', async () => {
    await ui().send('pat renew old-ci-token');
    const card = await ui().card(/old-ci-token\W+in \S+ expired on/, 'the expired-PAT offer', 30_000);
    const button = card.locator('button', { hasText: 'Create replacement' });
    await check((await button.count()) === 1, 'The error card should have the button.');
    await check(!/https?:\/\//.test(await card.innerText()), 'No bare URL in the text.');
    publishDocsImage(await ui().screenshot('expired-error-card', card), 'playground-expired-error-card.png');
  });
});
