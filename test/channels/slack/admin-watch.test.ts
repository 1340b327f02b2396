/**
 * `/pat admin …` in Slack through the real /slack/events endpoint: refusal for a member without
 * View audit log (nothing kept), the watch with Slack's `/pat` wording, and a system revocation
 * reaching the owner's DM once with a Create replacement button.
 */
import { buttonClick, buttonsIn, startSlackHarness, type SlackHarness } from '../../support/slack-harness';

describe('Slack: pat admin (organisation watch)', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await startSlackHarness({}, {}, { scp: 'user_impersonation' });
    h.ado.sim.addCollectionAdmin('contoso', h.ado.alice.oid);
    await h.link('UALICE', h.ado.alice);
    await h.link('UBOB', h.ado.bob);
  });
  afterAll(() => h.close());
  beforeEach(() => h.slack.reset());

  async function reply(text: string, user = 'UALICE'): Promise<string> {
    const res = await h.command(text, { user, channel: user === 'UALICE' ? 'DALICE' : 'DBOB' });
    expect(res.status).toBe(200);
    const [r] = await h.slack.waitFor(() => {
      const all = h.slack.responses(res.responseId);
      return all.length > 0 && all;
    });
    return JSON.stringify(r.body);
  }

  it('refuses a member without View audit log and keeps nothing', async () => {
    const said = await reply('admin watch contoso', 'UBOB');
    expect(said).toContain('View audit log');
    expect(said).toContain('Project Collection Administrators');
    expect(said).toContain('/pat admin watch contoso');
    expect(await h.store.admin.list()).toEqual([]);
  });

  it('watches for an administrator and alerts the owner of a system-revoked PAT once', async () => {
    const said = await reply('admin watch contoso');
    expect(said).toContain('Watching contoso');
    expect(said).toContain('/pat admin unwatch contoso');
    h.ado.clock.advance(60_000);
    const pat = h.ado.sim.addPat({
      ownerOid: h.ado.bob.oid,
      org: 'contoso',
      name: 'deploy-key',
      validTo: new Date(h.ado.clock.now().getTime() + 10 * 86_400_000),
    });
    h.ado.sim.addTokenEvent({
      org: 'contoso',
      actionId: 'Token.PatSystemRevokeEvent',
      patId: pat.authorizationId,
    });
    h.ado.clock.advance(1000);
    await h.pollAudit();
    await h.pollAudit();
    const posts = h.slack
      .calls('chat.postMessage')
      .filter((c) => JSON.stringify(c.args).includes('deploy-key'));
    expect(posts).toHaveLength(1);
    const body = JSON.stringify(posts[0].args);
    expect(body).toContain('was revoked by Azure DevOps');
    expect(body).toContain('Create replacement');

    // Its Create replacement opens the recreate modal for the owner: the new PAT is made in
    // contoso with the same name, and its secret is only in the modal (views.update).
    const button = buttonsIn((posts[0].args as { blocks: unknown[] }).blocks).find(
      (b) => b.action_id === 'pat_recreate',
    );
    expect(button?.value).toBeDefined();
    const updates = h.slack.calls('views.update').length;
    const before = h.ado.sim.patsOf(h.ado.bob.oid).length;
    await h.interact(
      buttonClick({
        user: 'UBOB',
        actionId: 'pat_recreate',
        value: button?.value ?? '',
        responseUrl: h.slack.responseUrl(),
      }),
    );
    const update = await h.slack.waitFor(() => h.slack.calls('views.update').slice(updates)[0]);
    const view = JSON.stringify(update.args.view);
    expect(view).toContain('Created `deploy-key` in contoso');
    expect(view).toMatch(/[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}/);
    const made = h.ado.sim.patsOf(h.ado.bob.oid);
    expect(made).toHaveLength(before + 1);
    expect(made.filter((p) => p.displayName === 'deploy-key' && !p.revoked)).toHaveLength(1);
    expect(JSON.stringify(h.slack.calls('chat.postMessage'))).not.toMatch(/AZDO/);
  });
});
