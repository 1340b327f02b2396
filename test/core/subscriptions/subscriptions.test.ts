import { listSubscriptions, subscribe, unsubscribe } from '../../../src/core/subscriptions';
import { namePatternMatcher } from '../../../src/core/subscriptions/name-pattern';
import { startWorld, type World } from '../reminders/support/sweep-world';

let w: World;
beforeEach(async () => {
  w = await startWorld();
  await w.addChannel('teams:ops');
});
afterEach(() => w.close());

describe('subscribe / unsubscribe / subscriptions', () => {
  it('anyone in the channel subscribes their own PATs; the list shows what and from whom', async () => {
    const ada = await w.addUser('ada');
    const bob = await w.addUser('bob');
    const a = await subscribe(w, { conversationKey: 'teams:ops', userId: ada.user.id, pattern: 'deploy-*' });
    expect(a).toMatchObject({
      kind: 'subscribed',
      replaced: false,
      signedIn: true,
      subscription: { namePattern: 'deploy-*' },
    });
    if (a.kind === 'subscribed') expect(a.message).toContain('`deploy-*`');
    w.h.clock.advance(1000); // the list is oldest first
    await subscribe(w, { conversationKey: 'teams:ops', userId: bob.user.id });

    const listed = await listSubscriptions(w, { conversationKey: 'teams:ops', userId: bob.user.id });
    expect(listed.kind).toBe('listed');
    if (listed.kind !== 'listed') return;
    expect(listed.subscriptions.map((s) => [s.displayName, s.namePattern, s.isCaller])).toEqual([
      ['ada', 'deploy-*', false],
      ['bob', null, true],
    ]);
    expect(listed.message).toContain('bob (you): all PATs');
    expect(listed.message).toContain('ada: PATs matching `deploy-*`');
  });

  it('subscribing again replaces the caller pattern', async () => {
    const ada = await w.addUser('ada');
    await subscribe(w, { conversationKey: 'teams:ops', userId: ada.user.id, pattern: 'deploy' });
    const again = await subscribe(w, { conversationKey: 'teams:ops', userId: ada.user.id, pattern: '  *  ' });
    expect(again).toMatchObject({ kind: 'subscribed', replaced: true, subscription: { namePattern: null } });
    expect(await w.store.subscriptions.listForConversation('teams:ops')).toHaveLength(1);
  });

  it('unsubscribe removes only the caller subscription', async () => {
    const ada = await w.addUser('ada');
    const bob = await w.addUser('bob');
    await subscribe(w, { conversationKey: 'teams:ops', userId: ada.user.id });
    expect((await unsubscribe(w, { conversationKey: 'teams:ops', userId: bob.user.id })).kind).toBe(
      'not-subscribed',
    );
    expect(await w.store.subscriptions.listForConversation('teams:ops')).toHaveLength(1);
    expect((await unsubscribe(w, { conversationKey: 'teams:ops', userId: ada.user.id })).kind).toBe(
      'unsubscribed',
    );
    expect(await w.store.subscriptions.listForConversation('teams:ops')).toHaveLength(0);
  });

  it('refuses the personal chat and over-long patterns; tells a user who has not signed in', async () => {
    const ada = await w.addUser('ada');
    const inDm = await subscribe(w, { conversationKey: ada.dmKey, userId: ada.user.id });
    expect(inDm.kind === 'failed' && inDm.error.code).toBe('input.invalid');
    const long = await subscribe(w, {
      conversationKey: 'teams:ops',
      userId: ada.user.id,
      pattern: 'x'.repeat(101),
    });
    expect(long.kind === 'failed' && long.error.code).toBe('input.too_large');
    await w.store.users.setEntraAccount(ada.user.id, null);
    const unsigned = await subscribe(w, { conversationKey: 'teams:ops', userId: ada.user.id });
    expect(unsigned).toMatchObject({ kind: 'subscribed', signedIn: false });
    if (unsigned.kind === 'subscribed') expect(unsigned.message).toContain('pat signin');
  });

  it('an empty channel says how to subscribe', async () => {
    const listed = await listSubscriptions(w, { conversationKey: 'teams:ops', userId: 'nobody' });
    expect(listed).toMatchObject({ kind: 'listed', subscriptions: [] });
  });
});

describe('name patterns', () => {
  it.each([
    [null, 'anything', true],
    ['deploy', 'nightly-DEPLOY-prod', true],
    ['deploy-*', 'deploy-prod', true],
    ['deploy-*', 'nightly-deploy-prod', false],
    ['*-prod', 'deploy-prod', true],
    ['a.b', 'axb', false],
    ['build (ci)', 'my build (ci) token', true],
  ])('%s matches %s: %s', (pattern, name, expected) => {
    expect(namePatternMatcher(pattern)(name)).toBe(expected);
  });
});

describe('namePatternMatcher: hostile patterns', () => {
  it('matches a star-heavy pattern against a long near-miss name without backtracking blow-up (a regex would exceed the test timeout)', () => {
    const match = namePatternMatcher('*a*a*a*a*a*a*a*a*a*a*a*a*b');
    expect(match('a'.repeat(5000))).toBe(false);
    expect(match(`${'a'.repeat(5000)}b`)).toBe(true);
  });

  it('treats regex metacharacters literally', () => {
    expect(namePatternMatcher('deploy.(prod)')('nightly-deploy.(prod)')).toBe(true);
    expect(namePatternMatcher('deploy.(prod)')('nightly-deployx(prod)')).toBe(false);
    expect(namePatternMatcher('build?')('build-agent')).toBe(false);
  });
});
