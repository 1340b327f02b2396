/**
 * A Slack app configured with another slash command (`/tokens`): the sentences that name a
 * command name that one, also on the paths that do not go through the core's wording.
 */
import { buttonClick, buttonsIn, startSlackHarness, type SlackHarness } from '../../support/slack-harness';

const DAY = 86_400_000;

describe('Slack with a configured slash command', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await startSlackHarness({ command: '/tokens' });
    await h.link('UALICE', h.ado.alice);
  });
  afterAll(() => h.close());

  it('the renew choices could not open: the fallback names `/tokens renew`', async () => {
    const pat = h.ado.sim.addPat({
      ownerOid: h.ado.alice.oid,
      org: 'contoso',
      name: 'picker-pat',
      validTo: new Date(h.ado.clock.now().getTime() + 3 * DAY),
    });
    const list = await h.command('list');
    expect(list.status).toBe(200);
    const [reply] = await h.slack.waitFor(() => {
      const r = h.slack.responses(list.responseId);
      return r.length > 0 && r;
    });
    const value = buttonsIn(reply.body.blocks).find(
      (b) => b.block_id === `pat_actions:${pat.authorizationId}` && b.action_id === 'pat_renew_other',
    )?.value;
    expect(value).toBeDefined();

    // Slack refuses the modal (the trigger_id expired on its way).
    h.slack.answer('views.open', () => ({ ok: false, error: 'expired_trigger_id' }));
    const messageUrl = h.slack.responseUrl();
    const click = await h.interact(
      buttonClick({
        user: 'UALICE',
        actionId: 'pat_renew_other',
        value: value ?? '',
        responseUrl: messageUrl,
        blocks: reply.body.blocks as unknown[],
      }),
    );
    expect(click.status).toBe(200);
    const [refusal] = await h.slack.waitFor(() => {
      const r = h.slack.responses(messageUrl.split('/').pop());
      return r.length > 0 && r;
    });
    const text = JSON.stringify(refusal.body);
    expect(text).toContain("I couldn't open the renew choices.");
    // mrkdwn-escaped, as Slack shows `<name>` literally.
    expect(text).toContain('`/tokens renew &lt;name&gt; 30`');
    expect(text).not.toContain('/pat');
  });
});
