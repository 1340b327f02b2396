import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PlatformNotifier } from '../../src/channels/platform-notifier';
import type { ChannelDigest, DirectReminder, Notifier } from '../../src/core/notifier';
import type { Store } from '../../src/core/store';
import { openStore } from '../../src/store';

function recorder(name: string, calls: string[]): Notifier {
  return {
    sendDirect: async (userId) => {
      calls.push(`${name}:direct:${userId}`);
      return { ok: true };
    },
    sendChannelDigest: async (key) => {
      calls.push(`${name}:digest:${key}`);
      return { ok: true };
    },
  };
}

const notice = { kind: 'signin-needed', text: 'sign in' } as unknown as DirectReminder;
const digest = { entries: [], unreadable: [], text: 'x' } as unknown as ChannelDigest;

describe('PlatformNotifier', () => {
  let dir: string;
  let store: Store;
  const calls: string[] = [];
  let notifier: PlatformNotifier;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'patbot-notifier-'));
    store = await openStore(`sqlite:${dir}/n.db`);
    notifier = new PlatformNotifier(
      { teams: recorder('teams', calls), slack: recorder('slack', calls) },
      store,
    );
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => calls.splice(0));

  it('sends direct reminders to Teams when the person has a working personal chat there', async () => {
    const user = await store.users.upsertByIdentity({ platform: 'teams', tenantId: 't', aadObjectId: 'o1' });
    await store.users.upsertByIdentity({ platform: 'teams', tenantId: 't', aadObjectId: 'o1' });
    await store.conversations.upsert({
      key: 'teams:a:1',
      platform: 'teams',
      kind: 'personal',
      userId: user.id,
      reference: {},
    });
    expect(await notifier.sendDirect(user.id, notice)).toEqual({ ok: true });
    expect(calls).toEqual([`teams:direct:${user.id}`]);
  });

  it('falls back to Slack when the Teams chat failed, and says so when nothing can reach the person', async () => {
    const user = await store.users.upsertByIdentity({ platform: 'slack', teamId: 'T1', slackUserId: 'U1' });
    await store.conversations.upsert({
      key: 'teams:a:2',
      platform: 'teams',
      kind: 'personal',
      userId: user.id,
      reference: {},
    });
    await store.conversations.markFailed('teams:a:2', 'bot removed');
    expect(await notifier.sendDirect(user.id, notice)).toEqual({ ok: true });
    expect(calls).toEqual([`slack:direct:${user.id}`]);

    const loner = await store.users.upsertByIdentity({ platform: 'teams', tenantId: 't', aadObjectId: 'o9' });
    const result = await notifier.sendDirect(loner.id, notice);
    expect(result).toMatchObject({ ok: false, permanent: false });
    expect(!result.ok && result.error.code).toBe('chat.unreachable');
  });

  it('routes by the conversation the sweep hands over, without reading the store again', async () => {
    const user = await store.users.upsertByIdentity({ platform: 'teams', tenantId: 't', aadObjectId: 'o5' });
    await store.conversations.upsert({
      key: 'teams:a:5',
      platform: 'teams',
      kind: 'personal',
      userId: user.id,
      reference: {},
    });
    const to = (await store.conversations.get('teams:a:5'))!;
    let reads = 0;
    const counting = {
      users: store.users,
      conversations: new Proxy(store.conversations, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            reads++;
            return value.apply(target, args);
          };
        },
      }),
    };
    const routed = new PlatformNotifier(
      { teams: recorder('teams', calls), slack: recorder('slack', calls) },
      counting,
    );
    expect(await routed.sendDirect(user.id, notice, to)).toEqual({ ok: true });
    expect(calls).toEqual([`teams:direct:${user.id}`]);
    expect(reads).toBe(0);
    // Without it, the notifier looks the chat up itself.
    expect(await routed.sendDirect(user.id, notice)).toEqual({ ok: true });
    expect(reads).toBe(1);
  });

  it('routes channel digests by the conversation key', async () => {
    await notifier.sendChannelDigest('slack:T1:C1', digest);
    await notifier.sendChannelDigest('teams:19:abc@thread.tacv2', digest);
    expect(calls).toEqual(['slack:digest:slack:T1:C1', 'teams:digest:teams:19:abc@thread.tacv2']);
    expect(await new PlatformNotifier({}, store).sendChannelDigest('teams:x', digest)).toMatchObject({
      ok: false,
    });
  });
});
