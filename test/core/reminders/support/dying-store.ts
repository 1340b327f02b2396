import type { ReminderLedger, Store } from '../../../../src/core/store';

/**
 * A store whose process "dies" at a chosen point: once dead, every ledger call throws, so
 * nothing more reaches the database (as when the process is killed).
 * - `afterMarkSent: n` dies right AFTER the n-th markSent was written (between two messages);
 * - `atMarkSent: n` dies AT the n-th markSent, before writing it (a message in flight).
 */
export function dyingStore(store: Store, when: { afterMarkSent?: number; atMarkSent?: number }): Store {
  let marks = 0;
  let dead = false;
  const die = (): never => {
    dead = true;
    throw new Error('process died');
  };
  const ledger: ReminderLedger = {
    claim: (...args) => (dead ? die() : store.ledger.claim(...args)),
    release: (...args) => (dead ? die() : store.ledger.release(...args)),
    get: (...args) => (dead ? die() : store.ledger.get(...args)),
    markSent: async (...args) => {
      if (dead) die();
      marks++;
      if (when.atMarkSent === marks) die();
      await store.ledger.markSent(...args);
      if (when.afterMarkSent === marks) dead = true;
    },
  };
  return { ...store, ledger, users: store.users, conversations: store.conversations };
}
