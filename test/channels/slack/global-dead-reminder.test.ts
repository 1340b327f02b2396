/**
 * The dead all-organisations PAT notice in Slack, through the real app (startApp, its runSweep,
 * the platform notifier, the fake Slack Web API): one DM per global PAT the 1 Dec 2026
 * retirement stopped, weeks after the date, once across sweeps (the SQLite ledger), with Create
 * replacement: the modal shows the new secret, and nothing else ever holds it.
 */
import { buttonClick, startSlackHarness, TEAM, type SlackHarness } from '../../support/slack-harness';
import { SECRET_SHAPE, storeFileText } from '../../support/secret-places';

const DAY = 86_400_000;
/** Thursday 7 Jan 2027, 10:00 UTC: five weeks after the retirement, in working hours. */
const THU = new Date('2027-01-07T10:00:00.000Z');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('Slack: the sweep tells the owner of a dead global PAT once', () => {
  let h: SlackHarness;
  let globalId: string;
  const channelId = 'DALICE';

  beforeAll(async () => {
    h = await startSlackHarness();
    h.ado.clock.set(THU);
    const userId = await h.link('UALICE', h.ado.alice);
    await h.store.conversations.upsert({
      key: `slack:${TEAM}:${channelId}`,
      platform: 'slack',
      kind: 'personal',
      userId,
      reference: { teamId: TEAM, channelId, slackUserId: 'UALICE' },
    });
    globalId = h.ado.sim.addPat({
      ownerOid: h.ado.alice.oid,
      global: true,
      name: 'everywhere',
      scope: 'vso.code',
      validTo: new Date(THU.getTime() + 200 * DAY),
    }).authorizationId;
    h.slack.reset();
  });
  afterAll(() => h.close());

  const dms = () => h.slack.calls('chat.postMessage').filter((c) => c.args.channel === channelId);

  it('one DM with Create replacement across two sweeps; the button opens the modal with the secret', async () => {
    expect(await h.app.runSweep(THU)).toMatchObject({ kind: 'ran' });
    h.ado.clock.set(new Date(THU.getTime() + DAY));
    expect(await h.app.runSweep(new Date(THU.getTime() + DAY))).toMatchObject({ kind: 'ran' });
    h.ado.clock.set(THU);
    expect(dms()).toHaveLength(1);
    const post = dms()[0].args;
    const text = JSON.stringify({ text: post.text, blocks: post.blocks });
    expect(text).toContain('worked in all your organisations and stopped working on Tue 1 Dec 2026');
    expect(text).toContain('Create a replacement for one organisation.');
    const actions = (post.blocks as Json[]).find((b) => b.type === 'actions');
    expect(actions.elements.map((e: Json) => [e.text.text, e.action_id])).toEqual([
      ['Create replacement', 'pat_recreate'],
    ]);

    const updates = h.slack.calls('views.update').length;
    await h.interact(
      buttonClick({
        user: 'UALICE',
        actionId: 'pat_recreate',
        value: actions.elements[0].value,
        responseUrl: h.slack.responseUrl(),
      }),
    );
    const update = await h.slack.waitFor(() => h.slack.calls('views.update').slice(updates)[0]);
    const block = (update.args.view as Json).blocks.find((b: Json) => b.block_id === 'secret');
    const secret = String(block?.text.text ?? '').replace(/```/g, '');
    expect(secret).toMatch(SECRET_SHAPE);
    const made = h.ado.sim
      .patsOf(h.ado.alice.oid)
      .filter((p) => p.displayName === 'everywhere' && p.authorizationId !== globalId);
    expect(made.map((p) => p.targetAccounts?.length)).toEqual([1]);

    const messages = JSON.stringify([
      h.slack.calls().filter((c) => !c.method.startsWith('views.')),
      h.slack.responses(),
    ]);
    const db = storeFileText(h.dbPath);
    const audit = JSON.stringify(await h.store.audit.list(await h.userId('UALICE'), 100));
    for (const where of [messages, db, audit, h.logs.text()]) {
      expect(where.includes(secret)).toBe(false);
      expect(where).not.toMatch(SECRET_SHAPE);
    }
    expect(audit).toContain('"action":"create"');
  });
});
