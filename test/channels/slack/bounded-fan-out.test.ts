/**
 * Attack: a person with hundreds of organisations, or hundreds of PATs. Through signed Slack
 * requests, the real Bolt receiver and the Azure DevOps simulator: `/pat orgs add` stops at
 * MAX_ORGS_PER_USER, a longer stored list is read only up to the cap (and the reply says so),
 * the calls per request are bounded, failures are one block, an all-failed list says which
 * organisations could not be read instead of "you have no PATs", and every reply (every page of
 * 200 PATs) fits Slack's limits.
 */
import { slackLimitProblems } from '../../../src/channels/slack/blocks/slack-limits';
import { buttonClick, buttonsIn, startSlackHarness, type SlackHarness } from '../../support/slack-harness';
import type { RecordedResponse } from '../../../src/sandbox/slack/fake-web-api';

const DAY = 86_400_000;
type Blocks = Array<{ type: string; block_id?: string; text?: { text: string } }>;

async function reply(h: SlackHarness, responseId: string): Promise<RecordedResponse> {
  const [r] = await h.slack.waitFor(() => {
    const got = h.slack.responses(responseId);
    return got.length > 0 && got;
  });
  return r;
}

const blocksOf = (r: RecordedResponse) => r.body.blocks as Blocks;
const textOf = (r: RecordedResponse) => JSON.stringify(r.body.blocks);
const failureBlocks = (r: RecordedResponse) =>
  blocksOf(r).filter((b) => b.type === 'section' && (b.text?.text ?? '').includes("Couldn't read"));

describe('Slack: bounded fan-out and honest empty states', () => {
  let h: SlackHarness;
  let alice: string;

  beforeAll(async () => {
    h = await startSlackHarness({ pageSize: 15 });
    alice = await h.link('UALICE', h.ado.alice);
    await h.link('UBOB', h.ado.bob);
    const now = h.ado.clock.now().getTime();
    h.ado.sim.addPat({
      ownerOid: h.ado.alice.oid,
      org: 'contoso',
      name: 'alices',
      validTo: new Date(now + 9 * DAY),
    });
    for (let i = 0; i < 200; i++) {
      h.ado.sim.addPat({
        ownerOid: h.ado.bob.oid,
        org: 'contoso',
        // Long names with characters that need escaping make every row as heavy as it gets.
        name: `bob-${String(i).padStart(3, '0')}-${'<deploy & release>'.repeat(5)}`,
        validTo: new Date(now + (i + 1) * DAY),
        scope: 'vso.code_write vso.build_execute vso.release_manage vso.packaging_write',
      });
    }
    for (let i = 0; i < 4; i++) {
      h.ado.sim.addOrg({ name: `member${i}`, tenantId: h.ado.tenantId });
      h.ado.sim.addMember(`member${i}`, h.ado.alice);
    }
    h.ado.sim.addOrg({ name: 'stranger', tenantId: h.ado.tenantId });
    // `pat orgs add` checks the organisation with Azure DevOps first.
    h.ado.sim.addOrg({ name: 'one-more', tenantId: h.ado.tenantId });
    h.ado.sim.addMember('one-more', h.ado.alice);
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    h.slack.reset();
    h.ado.sim.clearFaults();
    h.ado.sim.setLatency(0);
    await h.store.users.setOrgs(alice, null);
    h.ado.sim.resetRequests();
  });

  it('refuses `/pat orgs add` beyond MAX_ORGS_PER_USER (10) with the next step, and stores nothing', async () => {
    const ten = Array.from({ length: 10 }, (_, i) => `org${i}`);
    await h.store.users.setOrgs(alice, ten);
    const res = await h.command('orgs add one-too-many');
    const text = textOf(await reply(h, res.responseId));
    expect(text).toContain("I didn't add `one-too-many`: you already look in 10 organisations");
    expect(text).toContain('Remove one first with `/pat orgs remove &lt;org&gt;`');
    expect((await h.store.users.get(alice))?.orgs).toEqual(ten);

    await h.command('orgs remove org9');
    const again = await h.command('orgs add one-more');
    expect(textOf(await reply(h, again.responseId))).toContain('Added `one-more`');
    expect((await h.store.users.get(alice))?.orgs).toHaveLength(10);
  });

  it('reads only the first 10 of 300 stored organisations, a few at a time, and says so in one block', async () => {
    const many = Array.from({ length: 300 }, (_, i) => `gone${i}`);
    await h.store.users.setOrgs(alice, many);
    h.ado.sim.setLatency(60);
    const res = await h.command('list');
    const r = await reply(h, res.responseId);

    const orgsRead = new Set(h.ado.sim.requests().map((q) => q.org));
    expect([...orgsRead].sort()).toEqual(many.slice(0, 10).sort());
    expect(h.ado.sim.requestCount()).toBeLessThanOrEqual(20);
    expect(h.ado.sim.maxInFlight()).toBeLessThanOrEqual(8);

    expect(slackLimitProblems(r.body as never)).toEqual([]);
    const text = textOf(r);
    expect(text).toContain('You have 300 organisations saved; I read only the first 10.');
    expect(failureBlocks(r)).toHaveLength(1);
    expect(failureBlocks(r)[0].text?.text).toContain("Couldn't read 10 organisations: gone0, gone1");
    expect(failureBlocks(r)[0].text?.text).toContain('(no such organisation)');
    // Nothing could be read: no "you have no PATs", but which orgs failed and what to do.
    expect(text).not.toMatch(/You have no/);
    expect(text).toContain("I couldn't read any of your 10 organisations");
    expect(text).toContain('Check the names with `/pat orgs`');
  });

  it('bounds concurrency per request: at most 4 organisations (8 calls) at once', async () => {
    await h.store.users.setOrgs(alice, ['contoso', 'member0', 'member1', 'member2', 'member3']);
    h.ado.sim.setLatency(150);
    const res = await h.command('list');
    await reply(h, res.responseId);
    expect(h.ado.sim.requestCount()).toBe(10);
    expect(h.ado.sim.maxInFlight()).toBeGreaterThan(1);
    expect(h.ado.sim.maxInFlight()).toBeLessThanOrEqual(8);
  });

  it('collapses different failures into one line and still lists what could be read', async () => {
    await h.store.users.setOrgs(alice, ['contoso', 'stranger', 'member0', 'nowhere']);
    h.ado.sim.inject({ status: 503, match: { org: 'member0' }, times: 50 });
    const res = await h.command('list');
    const r = await reply(h, res.responseId);
    expect(failureBlocks(r)).toHaveLength(1);
    expect(failureBlocks(r)[0].text?.text).toBe(
      ":warning: Couldn't read 3 organisations: stranger (not a member), member0 (Azure DevOps unavailable), nowhere (no such organisation). " +
        'Check the names with `/pat orgs` and remove the wrong ones with `/pat orgs remove &lt;org&gt;`.',
    );
    expect(textOf(r)).toContain('alices');
    expect(textOf(r)).not.toContain("couldn't read any");
  });

  it('pages 200 PATs so that every reply, through every "Next", fits Slack (≤ 50 blocks, ≤ 3,000 chars)', async () => {
    const res = await h.command('list', { user: 'UBOB' });
    let page = await reply(h, res.responseId);
    const seen = new Set<string>();
    for (let clicks = 0; clicks < 40; clicks++) {
      expect(slackLimitProblems(page.body as never)).toEqual([]);
      expect(blocksOf(page).length).toBeLessThanOrEqual(50);
      for (const b of blocksOf(page)) {
        const m = /\*(bob-\d{3})/.exec(b.text?.text ?? '');
        if (m) seen.add(m[1]);
      }
      const next = buttonsIn(page.body.blocks).find((b) => b.action_id === 'pat_page_next');
      if (!next) break;
      const url = h.slack.responseUrl();
      const click = await h.interact(
        buttonClick({ user: 'UBOB', actionId: 'pat_page_next', value: String(next.value), responseUrl: url }),
      );
      expect(click.status).toBe(200);
      page = await reply(h, url.split('/').pop() as string);
      expect(page.body.replace_original).toBe(true);
    }
    expect(seen.size).toBe(200);
  }, 120_000);
});

describe('Slack: many failing organisations (MAX_ORGS_PER_USER=100)', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({}, { MAX_ORGS_PER_USER: '100' });
  });
  afterAll(() => h.close());

  it('says it in one block, cut with "and N more", within Slack limits', async () => {
    const alice = await h.link('UALICE', h.ado.alice);
    await h.store.users.setOrgs(
      alice,
      Array.from({ length: 100 }, (_, i) => `missing-organisation-${i}`),
    );
    const res = await h.command('list');
    const r = await reply(h, res.responseId);
    expect(slackLimitProblems(r.body as never)).toEqual([]);
    const failures = failureBlocks(r);
    expect(failures).toHaveLength(1);
    expect(failures[0].text?.text).toMatch(
      /^:warning: Couldn't read 100 organisations: missing-organisation-0, /,
    );
    expect(failures[0].text?.text).toMatch(/ and \d+ more\./);
    expect(failures[0].text?.text.length).toBeLessThanOrEqual(800);
    expect(h.ado.sim.maxInFlight()).toBeLessThanOrEqual(8);
  });
});
