/**
 * `/pat list` in Slack, through the real /slack/events, after the 1 Dec 2026 retirement: the
 * dead all-organisations PATs come first under "Stopped working on 1 Dec 2026", then "Your other
 * PATs"; every page stays within Slack's limits.
 */
import { startSlackHarness, type SlackHarness } from '../../support/slack-harness';

const DAY = 86_400_000;
const WED = new Date('2026-12-09T10:00:00.000Z');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('Slack: /pat list groups the dead all-organisations PATs', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await startSlackHarness();
    h.ado.clock.set(WED);
    await h.link('UALICE', h.ado.alice);
    const add = (name: string, days: number, global: boolean) =>
      h.ado.sim.addPat({
        ownerOid: h.ado.alice.oid,
        ...(global ? { global: true } : { org: 'contoso' }),
        name,
        scope: 'vso.code',
        validTo: new Date(WED.getTime() + days * DAY),
      });
    add('zeta-everywhere', 300, true);
    add('alpha-everywhere', 100, true);
    add('deploy-key', 40, false);
    add('old-global', -20, true);
    add('nightly', -2, false);
  });
  afterAll(() => h.close());

  async function listBlocks(): Promise<Json[]> {
    const res = await h.command('list');
    const [reply] = await h.slack.waitFor(() => {
      const r = h.slack.responses(res.responseId);
      return r.length > 0 && r;
    });
    return reply.body.blocks as Json[];
  }

  it('shows them first under the heading, then the other PATs', async () => {
    const blocks = await listBlocks();
    expect(blocks.length).toBeLessThanOrEqual(50);
    const ids = blocks.map((b) => b.block_id ?? b.type);
    const dead = ids.indexOf('pat_list_dead_globals');
    const others = ids.indexOf('pat_list_others');
    expect(dead).toBeGreaterThan(0);
    expect(others).toBeGreaterThan(dead);
    expect(blocks[dead].text.text).toContain('*Stopped working on 1 Dec 2026*');
    const names = (from: number, to: number) =>
      blocks
        .slice(from, to)
        .filter((b) => String(b.block_id ?? '').startsWith('pat:'))
        .map((b) => String(b.text.text).match(/\*([a-z-]+)\*/)?.[1]);
    expect(names(dead, others)).toEqual(['alpha-everywhere', 'zeta-everywhere']);
    expect(names(others, blocks.length).sort()).toEqual(['deploy-key', 'nightly', 'old-global']);
    expect(ids.filter((id) => id === 'pat_list_dead_globals')).toHaveLength(1);
  });

  it('no heading before 1 Dec 2026', async () => {
    h.ado.clock.set(new Date('2026-11-20T10:00:00.000Z'));
    const ids = (await listBlocks()).map((b) => b.block_id);
    expect(ids).not.toContain('pat_list_dead_globals');
    expect(ids).not.toContain('pat_list_others');
    h.ado.clock.set(WED);
  });
});
