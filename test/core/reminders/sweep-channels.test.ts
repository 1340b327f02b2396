import { startWorld, type World } from './support/sweep-world';
import { DAY_MS } from './support/pat-fixture';

let w: World;
beforeEach(async () => {
  w = await startWorld();
  w.h.clock.set('2027-03-01T10:00:00Z'); // a Monday
});
afterEach(() => w.close());

function digestLines(): string[] {
  return w.notifier.digests.map(
    ({ conversationKey, digest }) =>
      `${conversationKey} ${digest.day}: ` +
      [
        ...digest.entries.map((e) => `${e.pat.name}/${e.owner.displayName}/${e.threshold}`),
        ...digest.unreadable.map((u) => `unreadable/${u.owner.displayName}`),
      ].join(', '),
  );
}

describe('reminder sweep: channel digests', () => {
  it('groups subscribers PATs into one digest per channel, filtered by name pattern, soonest first', async () => {
    const ada = await w.addUser('ada');
    const bob = await w.addUser('bob');
    await w.addChannel('teams:ops');
    await w.addChannel('teams:dev');
    w.addPat(ada, 'deploy-prod', '2027-03-04T12:00:00Z');
    w.addPat(ada, 'build-bot', '2027-03-07T12:00:00Z');
    w.addPat(ada, 'far-away', '2027-08-07T12:00:00Z');
    w.addPat(bob, 'release', '2027-03-02T12:00:00Z');
    await w.store.subscriptions.upsert('teams:ops', ada.user.id, 'deploy');
    await w.store.subscriptions.upsert('teams:ops', bob.user.id, null);
    await w.store.subscriptions.upsert('teams:dev', ada.user.id, null);

    const summary = await w.sweep();
    expect(summary.digestsSent).toBe(2);
    expect(digestLines().sort()).toEqual([
      'teams:dev 2027-03-01: deploy-prod/ada/3d, build-bot/ada/7d',
      'teams:ops 2027-03-01: release/bob/1d, deploy-prod/ada/3d',
    ]);
    const ops = w.notifier.digests.find((d) => d.conversationKey === 'teams:ops')?.digest;
    expect(ops?.entries[0]).toMatchObject({
      owner: { userId: bob.user.id },
      thresholdLabel: 'expires tomorrow',
    });
    expect(ops?.text).toContain('`release` in contoso (bob) expires tomorrow');
  });

  it('posts at most one digest per channel per day, and nothing on days with nothing due', async () => {
    const ada = await w.addUser('ada');
    await w.addChannel('teams:ops');
    await w.store.subscriptions.upsert('teams:ops', ada.user.id, null);
    w.addPat(ada, 'deploy', '2027-03-04T12:00:00Z');
    await w.sweep();
    // Later the same day a second PAT crosses a threshold: it waits for tomorrow's digest.
    w.h.clock.set('2027-03-01T14:00:00Z');
    w.addPat(ada, 'second', '2027-03-02T15:00:00Z');
    await w.sweep();
    expect(digestLines()).toEqual(['teams:ops 2027-03-01: deploy/ada/3d']);
    // Tuesday: `second` at 0d and `deploy` at 1d (2 days → still 3d, already sent).
    w.h.clock.set('2027-03-02T10:00:00Z');
    await w.sweep();
    expect(digestLines()).toEqual([
      'teams:ops 2027-03-01: deploy/ada/3d',
      'teams:ops 2027-03-02: second/ada/0d',
    ]);
    // Wednesday: deploy has 1 day left.
    w.h.clock.set('2027-03-03T10:00:00Z');
    await w.sweep();
    // Thursday: deploy 0d; Friday: deploy expired; then nothing for days.
    for (let d = 0; d < 6; d++) {
      w.h.clock.set(new Date(Date.parse('2027-03-04T10:00:00Z') + d * DAY_MS));
      await w.sweep();
    }
    expect(digestLines()).toEqual([
      'teams:ops 2027-03-01: deploy/ada/3d',
      'teams:ops 2027-03-02: second/ada/0d',
      'teams:ops 2027-03-03: second/ada/expired, deploy/ada/1d',
      'teams:ops 2027-03-04: deploy/ada/0d',
      'teams:ops 2027-03-05: deploy/ada/expired',
    ]);
  });

  it('digests follow the channel working hours, not the subscriber zone', async () => {
    const ada = await w.addUser('ada', { timezone: 'Asia/Tokyo' });
    await w.addChannel('teams:ops');
    await w.store.subscriptions.upsert('teams:ops', ada.user.id, null);
    w.addPat(ada, 'deploy', '2027-03-04T12:00:00Z');
    w.h.clock.set('2027-03-01T01:00:00Z'); // 10:00 Tokyo, 01:00 in the channel zone (UTC)
    await w.sweep();
    expect(w.notifier.direct).toHaveLength(1);
    expect(w.notifier.digests).toHaveLength(0);
    w.h.clock.set('2027-03-01T10:00:00Z'); // 19:00 Tokyo, 10:00 UTC
    await w.sweep();
    expect(w.notifier.direct).toHaveLength(1);
    expect(digestLines()).toEqual(['teams:ops 2027-03-01: deploy/ada/3d']);
  });

  it('shows "couldn\'t check" for a subscriber whose tokens cannot be read, once per episode, and DMs them once', async () => {
    const ada = await w.addUser('ada');
    const bob = await w.addUser('bob');
    await w.addChannel('teams:ops');
    await w.store.subscriptions.upsert('teams:ops', ada.user.id, null);
    await w.store.subscriptions.upsert('teams:ops', bob.user.id, null);
    w.addPat(bob, 'release', '2027-03-04T12:00:00Z');
    w.tokens.failSignIn(ada.user.id);

    const summary = await w.sweep();
    expect(summary.failures).toEqual({ 'auth.needs_signin': 1 });
    w.h.clock.set('2027-03-02T10:00:00Z');
    await w.sweep();
    expect(digestLines()).toEqual(['teams:ops 2027-03-01: release/bob/3d, unreadable/ada']);
    expect(w.notifier.directLines()).toEqual([`${ada.user.id} signin-needed`, `${bob.user.id} release 3d`]);
    expect(w.notifier.direct[0].reminder).toMatchObject({ kind: 'signin-needed', reason: 'needs_signin' });
    expect(w.notifier.digests[0].digest.text).toContain("I couldn't check ada's PATs");

    // Ada signs in again; later her sign-in expires again: a new episode, told again.
    w.tokens.failures.delete(ada.user.id);
    w.h.clock.set('2027-03-03T10:00:00Z');
    await w.sweep();
    w.tokens.failSignIn(ada.user.id);
    w.h.clock.set('2027-03-04T10:00:00Z');
    await w.sweep();
    expect(w.notifier.directLines().filter((l) => l.endsWith('signin-needed'))).toHaveLength(2);
    expect(digestLines().filter((l) => l.includes('unreadable/ada'))).toHaveLength(2);
  });

  it('skips a channel whose conversation failed permanently, and marks it on a permanent delivery failure', async () => {
    const ada = await w.addUser('ada');
    await w.addChannel('teams:gone');
    await w.store.subscriptions.upsert('teams:gone', ada.user.id, null);
    w.addPat(ada, 'deploy', '2027-03-04T12:00:00Z');
    const { CodedError } = await import('../../../src/errors');
    w.notifier.answer = (to) =>
      to === 'teams:gone'
        ? {
            ok: false,
            permanent: true,
            error: new CodedError('chat.unreachable', 'Bot removed.', { nextStep: 'Re-add it.' }),
          }
        : { ok: true };
    await w.sweep();
    expect((await w.store.conversations.get('teams:gone'))?.status).toBe('failed');
    const attempts = w.notifier.attempts.filter((a) => a.to === 'teams:gone').length;
    w.h.clock.set('2027-03-02T10:00:00Z');
    await w.sweep();
    expect(w.notifier.attempts.filter((a) => a.to === 'teams:gone')).toHaveLength(attempts);
    // Re-adding the bot (a new conversation reference) brings the channel back.
    await w.addChannel('teams:gone');
    w.notifier.answer = () => ({ ok: true });
    await w.sweep();
    expect(digestLines()).toEqual(['teams:gone 2027-03-02: deploy/ada/3d']);
  });
});
