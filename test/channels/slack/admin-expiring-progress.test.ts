/**
 * Progress on a long `/pat admin expiring` through the real /slack/events endpoint: with a slow
 * Azure DevOps (simulator latency) "Read N of M people…" is posted on the response_url, replaced
 * while reading (replace_original), and the list replaces it, within response_url's 5 posts; a
 * fast run posts only the list.
 */
import { startSlackHarness, type SlackHarness } from '../../support/slack-harness';

const DAY_MS = 86_400_000;
const PEOPLE = 30;

describe('Slack: progress on a long pat admin expiring', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await startSlackHarness(
      { progress: { afterMs: 250, everyMs: 100 } },
      {},
      { scp: 'user_impersonation' },
    );
    h.ado.sim.addCollectionAdmin('contoso', h.ado.alice.oid);
    for (let i = 0; i < PEOPLE - 2; i++) {
      const oid = `44444444-4444-4444-8444-${String(i).padStart(12, '0')}`;
      h.ado.sim.addMember('contoso', { oid, name: `person${i}@contoso.example` });
      h.ado.sim.addPat({
        ownerOid: oid,
        org: 'contoso',
        name: `key-${i}`,
        validTo: new Date(h.ado.clock.now().getTime() + 5 * DAY_MS),
      });
    }
    await h.link('UALICE', h.ado.alice);
  });
  afterAll(() => h.close());
  beforeEach(() => h.slack.reset());

  async function run(): Promise<Array<{ body: Record<string, unknown> }>> {
    const res = await h.command('admin expiring contoso', { user: 'UALICE', channel: 'DALICE' });
    expect(res.status).toBe(200);
    return h.slack.waitFor(() => {
      const all = h.slack.responses(res.responseId);
      return all.some((r) => JSON.stringify(r.body).includes('expire in the next 14 days')) && all;
    });
  }

  it('posts "Read N of M people…", replaces it while reading, and the list replaces it', async () => {
    h.ado.sim.setLatency(80);
    let posts;
    try {
      posts = await run();
    } finally {
      h.ado.sim.setLatency(0);
    }
    expect(posts.length).toBeGreaterThanOrEqual(2);
    expect(posts.length).toBeLessThanOrEqual(5);
    const progress = posts.slice(0, -1);
    expect(String(progress[0].body.text)).toMatch(new RegExp(`^Read \\d+ of ${PEOPLE} people…`));
    expect(progress[0].body.replace_original).toBe(false);
    for (const p of progress.slice(1)) {
      expect(String(p.body.text)).toMatch(new RegExp(`^Read \\d+ of ${PEOPLE} people…`));
      expect(p.body.replace_original).toBe(true);
    }
    const final = posts.at(-1)!;
    expect(final.body.replace_original).toBe(true);
    expect(JSON.stringify(final.body)).toContain(`${PEOPLE - 2} PATs in contoso expire in the next 14 days`);
  });

  it('a fast run posts only the list', async () => {
    const posts = await run();
    expect(posts).toHaveLength(1);
    expect(posts[0].body.replace_original).toBe(false);
  });
});
