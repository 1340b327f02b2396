/**
 * A read-through view of the store for dry runs (`npm run sweep -- --dry-run`): ledger writes,
 * conversation failure marks stay in memory and revoke reminders are never removed, so a dry run
 * never stops a real reminder later.
 */
import type { LedgerKey, ReminderLedger, Store } from '../core/store';

const id = (k: LedgerKey): string => JSON.stringify([k.patId, k.threshold, k.target]);

type SweepStore = Pick<
  Store,
  'users' | 'conversations' | 'subscriptions' | 'ledger' | 'snoozes' | 'leases' | 'revokeReminders'
>;

/** Wraps `store`; reads see the real data plus this run's own (unwritten) ledger changes. */
export function dryRunStore(store: SweepStore): SweepStore {
  const sent = new Set<string>();
  const claimed = new Set<string>();
  const ledger: ReminderLedger = {
    async claim(key, claimedBy, now, staleAfterMs) {
      if (sent.has(id(key)) || claimed.has(id(key))) return false;
      const real = await store.ledger.get(key);
      if (real?.status === 'sent') return false;
      if (real && real.claimedBy !== claimedBy && now.getTime() - real.claimedAt.getTime() < staleAfterMs)
        return false;
      claimed.add(id(key));
      return true;
    },
    async markSent(key) {
      claimed.delete(id(key));
      sent.add(id(key));
    },
    async release(key) {
      claimed.delete(id(key));
    },
    async get(key) {
      const real = await store.ledger.get(key);
      if (!sent.has(id(key))) return real;
      return { ...key, status: 'sent', claimedBy: '(dry run)', claimedAt: new Date(0), sentAt: new Date(0) };
    },
  };
  const real = store.conversations;
  const conversations: Store['conversations'] = {
    upsert: (c) => real.upsert(c),
    get: (key) => real.get(key),
    personalFor: (userId, platform) => real.personalFor(userId, platform),
    markFailed: async () => undefined,
    remove: async () => undefined,
  };
  const reminders = store.revokeReminders;
  const revokeReminders: Store['revokeReminders'] = {
    schedule: async () => undefined,
    dueFor: (userId, now, limit) => reminders.dueFor(userId, now, limit),
    listFor: (userId) => reminders.listFor(userId),
    remove: async () => false,
  };
  return {
    users: store.users,
    revokeReminders,
    subscriptions: store.subscriptions,
    snoozes: store.snoozes,
    leases: store.leases,
    ledger,
    conversations,
  };
}
