/**
 * The reminder sweep's "sign in again" notice, through the real app (startApp) and the platform
 * notifier: a Slack person whose tokens are gone is told the command as they type it in Slack
 * (the configured slash command), not Teams' `pat signin`.
 */
import { startSlackHarness, TEAM, type SlackHarness } from '../../support/slack-harness';

// Monday 30 Nov 2026, 10:00 UTC: inside the default working hours.
const MONDAY_MORNING = new Date('2026-11-30T10:00:00.000Z');

async function signInNoticeFor(
  h: SlackHarness,
  slackUserId: string,
  simUser: Parameters<SlackHarness['link']>[1],
) {
  const userId = await h.link(slackUserId, simUser);
  const channelId = `D${slackUserId.slice(1)}`;
  await h.store.conversations.upsert({
    key: `slack:${TEAM}:${channelId}`,
    platform: 'slack',
    kind: 'personal',
    userId,
    reference: { teamId: TEAM, channelId, slackUserId },
  });
  h.ids.forgetTokens(userId);
  h.slack.reset();
  const tick = await h.app.runSweep(MONDAY_MORNING);
  expect(tick).toMatchObject({ kind: 'ran' });
  const post = h.slack.calls('chat.postMessage').find((c) => c.args.channel === channelId);
  expect(post).toBeDefined();
  return JSON.stringify({ text: post?.args.text, blocks: post?.args.blocks });
}

describe('sweep sign-in notice in Slack', () => {
  let h: SlackHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('tells a Slack person to run `/pat signin`, never the Teams wording', async () => {
    h = await startSlackHarness();
    const posted = await signInNoticeFor(h, 'UALICE', h.ado.alice);
    expect(posted).toContain("I can't reach your Azure DevOps account any more");
    expect(posted).toContain('`/pat signin`');
    expect(posted).not.toMatch(/[^/]pat signin/);
  });

  it('names the slash command the Slack app is configured with', async () => {
    h = await startSlackHarness({ command: '/tokens' });
    const posted = await signInNoticeFor(h, 'UBOB', h.ado.bob);
    expect(posted).toContain('`/tokens signin`');
    expect(posted).not.toContain('pat signin');
  });
});
