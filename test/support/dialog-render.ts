/**
 * Renders a Teams dialog's Adaptive Card in the real browser with the `adaptivecards` renderer
 * (the Agents Playground cannot show task modules), inside a frame that looks like a Teams dialog,
 * for screenshots. Loopback only: the script is read from node_modules, no network.
 */
import type { BrowserContext, Locator } from 'playwright-core';

export async function renderDialog(context: BrowserContext, title: string, card: unknown): Promise<Locator> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 720, height: 900 });
  await page.setContent(`<!doctype html><html><head><style>
    body { margin: 0; padding: 32px; background: #8a8886; font-family: 'Segoe UI', system-ui, sans-serif; }
    #dialog { width: 600px; background: #fff; border-radius: 6px; box-shadow: 0 8px 24px rgba(0,0,0,.3); }
    #title { padding: 18px 24px 6px; font-size: 18px; font-weight: 600; color: #242424; }
    #card { padding: 0 12px 16px; }
    .ac-textBlock { color: #242424; }
  </style></head><body><div id="dialog"><div id="title"></div><div id="card"></div></div></body></html>`);
  await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.min.js') });
  // A script string: this project compiles without the DOM library.
  await page.evaluate(`(() => {
    document.getElementById('title').textContent = ${JSON.stringify(title)};
    const card = new AdaptiveCards.AdaptiveCard();
    card.parse(${JSON.stringify(card)});
    document.getElementById('card').appendChild(card.render());
  })()`);
  return page.locator('#dialog');
}
