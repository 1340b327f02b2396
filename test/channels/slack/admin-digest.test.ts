/**
 * The weekly admin digest in Slack through the real /slack/events endpoint: an administrator
 * subscribes a channel with `/pat admin digest contoso`; on the weekly slot the poll tick posts
 * it there once (chat.postMessage, at most 50 blocks); a huge notice is cut with "…and N more".
 */
import { adminNoticeMessage } from '../../../src/channels/slack/blocks/admin-message';
import { lastSlot } from '../../../src/core/admin/digest-schedule';
import { startSlackHarness, type SlackHarness } from '../../support/slack-harness';

const DAY_MS = 86_400_000;

describe('Slack: pat admin digest (weekly admin digest)', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await startSlackHarness({}, {}, { scp: 'user_impersonation' });
    h.ado.sim.addCollectionAdmin('contoso', h.ado.alice.oid);
    await h.link('UALICE', h.ado.alice);
  });
  afterAll(() => h.close());
  beforeEach(() => h.slack.reset());

  it('subscribes a channel for an administrator and posts the digest there once on the weekly slot', async () => {
    const res = await h.command('admin digest contoso', { user: 'UALICE', channel: 'CADMINS' });
    expect(res.status).toBe(200);
    const [r] = await h.slack.waitFor(() => {
      const all = h.slack.responses(res.responseId);
      return all.length > 0 && all;
    });
    expect(JSON.stringify(r.body)).toContain("This channel gets contoso's weekly PAT digest");
    expect(JSON.stringify(r.body)).toContain('/pat admin digest off contoso');
    const slot = new Date(
      lastSlot(h.ado.clock.now(), { weekday: 1, hour: 8, minute: 0 }).getTime() + 7 * DAY_MS,
    );
    h.ado.sim.addPat({
      ownerOid: h.ado.alice.oid,
      org: 'contoso',
      name: 'weekly-soon',
      validTo: new Date(slot.getTime() + 2 * DAY_MS),
    });
    h.ado.clock.set(new Date(slot.getTime() + 60_000));
    await h.pollAudit();
    await h.pollAudit();
    const posts = h.slack
      .calls('chat.postMessage')
      .filter((c) => JSON.stringify(c.args).includes('weekly PAT digest,'));
    expect(posts).toHaveLength(1);
    const args = posts[0].args as { channel: string; blocks: unknown[] };
    expect(args.channel).toBe('CADMINS');
    const text = JSON.stringify(args.blocks);
    expect(text).toContain('weekly-soon\\" expires');
    // Worded with Slack's command, not Teams'.
    expect(text).toContain('`/pat admin watch contoso`');
    expect(args.blocks.length).toBeLessThanOrEqual(50);
  });

  it('cuts a huge notice to 50 blocks with "…and N more"', () => {
    const lines = Array.from(
      { length: 3000 },
      (_, i) => `owner${i}@contoso.example: "pat-${i}" ${'y'.repeat(80)}`,
    );
    const message = adminNoticeMessage({ kind: 'admin-notice', title: 't', lines, text: 't' });
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    const last = JSON.stringify(message.blocks.at(-1));
    const shown = JSON.stringify(message.blocks).split('owner').length - 1;
    expect(last).toContain(`…and ${3000 - shown} more`);
  });
});
